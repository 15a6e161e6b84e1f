package org.calcify.io.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.calcify.io.InvalidInputException;
import org.calcify.volume.Geometry;
import org.calcify.volume.Matrix3;
import org.calcify.volume.Volume;

/**
 * Places a {@link DicomSegmentation} on the grid of a scan as a label map (uint8, the scan's geometry). Each frame
 * is matched to the scan's slice nearest its ImagePositionPatient along the slice normal; it must lie within
 * {@link #NORMAL_TOLERANCE} of the slice spacing of it, and in-plane on whole pixels (within
 * {@link #IN_PLANE_TOLERANCE} of a pixel) inside the slice. Orientation (row and column cosines within 1e-3) and
 * pixel spacing (within 0.1 %) must be the scan's. Anything else is refused with the reason: a segmentation is
 * never resampled.
 *
 * <p>Overlaps: a voxel that several segments cover gets the lowest non-zero label value among them, whatever the
 * order of the frames (so in Calcify's label set a coronary artery wins over other calcium, and LM over LAD over
 * LCX over RCA).
 */
public final class SegmentationGrid {
    /** Largest distance of a frame from its slice along the normal, as a fraction of the slice spacing. */
    public static final double NORMAL_TOLERANCE = 0.1;
    /** Largest in-plane offset from a whole pixel, as a fraction of the pixel spacing. */
    public static final double IN_PLANE_TOLERANCE = 0.05;

    private SegmentationGrid() {
    }

    /**
     * The label map of {@code seg} on {@code grid}.
     *
     * @param slicePositionsMm the LPS position of voxel (0, 0, z) of each slice z, as the scan's files state them (a
     *                         DICOM series' ImagePositionPatient), or null to take them from {@code grid}
     * @param labelOfSegment   the label value of a segment number (0: leave the segment out)
     */
    public static Volume place(DicomSegmentation seg, Geometry grid, List<double[]> slicePositionsMm, IntUnaryOperator labelOfSegment)
            throws InvalidInputException {
        double[] xAxis = grid.axis(0);
        double[] yAxis = grid.axis(1);
        double[] o = seg.orientation();
        double[] row = Matrix3.normalize(new double[] {o[0], o[1], o[2]});
        double[] col = Matrix3.normalize(new double[] {o[3], o[4], o[5]});
        for (int i = 0; i < 3; i++) {
            if (Math.abs(row[i] - xAxis[i]) > 1e-3 || Math.abs(col[i] - yAxis[i]) > 1e-3) {
                throw new InvalidInputException(seg.file(), "ImageOrientationPatient " + Arrays.toString(o) + " is not the scan's "
                        + Arrays.toString(new double[] {xAxis[0], xAxis[1], xAxis[2], yAxis[0], yAxis[1], yAxis[2]}));
            }
        }
        double[] spacing = seg.pixelSpacingMm();
        if (Math.abs(spacing[0] - grid.spacingY()) > 1e-3 * grid.spacingY() || Math.abs(spacing[1] - grid.spacingX()) > 1e-3 * grid.spacingX()) {
            throw new InvalidInputException(seg.file(), String.format(Locale.ROOT, "PixelSpacing %s (row\\column) is not the scan's %s",
                    Arrays.toString(spacing), Arrays.toString(new double[] {grid.spacingY(), grid.spacingX()})));
        }
        List<double[]> positions = slicePositionsMm;
        if (positions == null) {
            positions = new ArrayList<>();
            for (int z = 0; z < grid.sizeZ(); z++) {
                positions.add(grid.indexToWorld(0, 0, z));
            }
        } else if (positions.size() != grid.sizeZ()) {
            throw new IllegalArgumentException(positions.size() + " slice positions for " + grid.sizeZ() + " slices");
        }
        double[] normal = Matrix3.normalize(Matrix3.cross(xAxis, yAxis));
        int nz = grid.sizeZ();
        Integer[] order = new Integer[nz];
        double[] along = new double[nz];
        for (int z = 0; z < nz; z++) {
            order[z] = z;
            along[z] = Matrix3.dot(positions.get(z), normal);
        }
        Arrays.sort(order, Comparator.comparingDouble(z -> along[z]));
        double[] sorted = new double[nz];
        for (int i = 0; i < nz; i++) {
            sorted[i] = along[order[i]];
        }
        double sliceSpacing = nz > 1 ? Math.abs(sorted[nz - 1] - sorted[0]) / (nz - 1) : grid.spacingZ();
        if (!(sliceSpacing > 0)) {
            sliceSpacing = grid.spacingZ();
        }
        byte[] labels = new byte[grid.voxelCount()];
        int nx = grid.sizeX();
        int ny = grid.sizeY();
        for (DicomSegmentation.Frame f : seg.frames()) {
            int label = labelOfSegment.applyAsInt(f.segmentNumber());
            if (label <= 0) {
                continue;
            }
            double[] p = f.positionMm();
            double pn = Matrix3.dot(p, normal);
            int i = nearest(sorted, pn);
            int z = order[i];
            double off = Math.abs(pn - sorted[i]);
            if (off > NORMAL_TOLERANCE * sliceSpacing) {
                throw new InvalidInputException(seg.file(), String.format(Locale.ROOT, "frame %d at ImagePositionPatient %s lies %.3f mm "
                        + "along the normal from the nearest slice of the scan (slice %d): not on the scan's grid", f.index() + 1,
                        Arrays.toString(p), off, z));
            }
            double[] d = {p[0] - positions.get(z)[0], p[1] - positions.get(z)[1], p[2] - positions.get(z)[2]};
            double ox = Matrix3.dot(d, xAxis) / grid.spacingX();
            double oy = Matrix3.dot(d, yAxis) / grid.spacingY();
            long x0 = Math.round(ox);
            long y0 = Math.round(oy);
            if (Math.abs(ox - x0) > IN_PLANE_TOLERANCE || Math.abs(oy - y0) > IN_PLANE_TOLERANCE) {
                throw new InvalidInputException(seg.file(), String.format(Locale.ROOT, "frame %d at ImagePositionPatient %s is %.3f, %.3f "
                        + "pixels (x, y) from slice %d's first voxel: not on the scan's pixel grid", f.index() + 1, Arrays.toString(p), ox, oy, z));
            }
            if (x0 < 0 || y0 < 0 || x0 + seg.columns() > nx || y0 + seg.rows() > ny) {
                throw new InvalidInputException(seg.file(), String.format(Locale.ROOT, "frame %d (%d x %d pixels at x %d, y %d of slice %d) "
                        + "does not fit in the scan's %d x %d slice", f.index() + 1, seg.columns(), seg.rows(), x0, y0, z, nx, ny));
            }
            int base = z * ny * nx;
            for (int px = seg.nextPixel(f.index(), 0); px >= 0; px = seg.nextPixel(f.index(), px + 1)) {
                int r = px / seg.columns();
                int c = px % seg.columns();
                int at = base + (int) ((y0 + r) * nx + x0 + c);
                int current = labels[at] & 0xFF;
                if (current == 0 || label < current) {
                    labels[at] = (byte) label;
                }
            }
        }
        return Volume.ofBytes(grid, labels);
    }

    private static int nearest(double[] sorted, double v) {
        int i = Arrays.binarySearch(sorted, v);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == sorted.length) {
            return sorted.length - 1;
        }
        return v - sorted[ins - 1] <= sorted[ins] - v ? ins - 1 : ins;
    }
}
