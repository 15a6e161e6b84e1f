package org.calcify.io.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.calcify.io.InvalidInputException;
import org.calcify.volume.Geometry;
import org.calcify.volume.Matrix3;

/**
 * Orders the slices of one series and derives the volume grid from them: slices sorted by
 * ImagePositionPatient projected on the slice normal (row cosine x column cosine), slice spacing =
 * median gap between consecutive positions, origin = position of the first sorted slice, direction
 * columns = row cosine (x), column cosine (y), normal (z), all LPS. Also finds duplicate positions,
 * uneven gaps, missing slices and gantry tilt, and reports them as warnings.
 *
 * @param slices   the kept slices in volume order (z = 0 first)
 * @param geometry the grid
 * @param warnings human-readable warnings (tilt, gaps, duplicates)
 * @param positionsAlongNormalMm projection of each kept slice's IPP on the normal, mm
 */
record SliceGeometry(List<DicomHeader> slices, Geometry geometry, List<String> warnings, double[] positionsAlongNormalMm) {
    /** Positions closer than this along the normal are the same slice position. */
    static final double DUPLICATE_TOLERANCE_MM = 1e-3;
    /** Tilt angles below this are rounding, not tilt. */
    static final double TILT_TOLERANCE_DEG = 0.05;
    private static final double[] DEFAULT_ORIENTATION = {1, 0, 0, 0, 1, 0};

    /** @param frames number of frames when the series is one multi-frame file (slices has one element), else 1 */
    static SliceGeometry of(List<DicomHeader> headers, int frames) throws InvalidInputException {
        DicomHeader first = headers.get(0);
        double[] iop = first.imageOrientationPatient() != null ? first.imageOrientationPatient() : DEFAULT_ORIENTATION;
        for (DicomHeader h : headers) {
            if (h.rows() != first.rows() || h.columns() != first.columns()) {
                throw new InvalidInputException(h.file(), "slice is " + h.columns() + "x" + h.rows() + " (columns x rows) but "
                        + first.file().getFileName() + " of the same series is " + first.columns() + "x" + first.rows());
            }
            double[] o = h.imageOrientationPatient() != null ? h.imageOrientationPatient() : DEFAULT_ORIENTATION;
            for (int i = 0; i < 6; i++) {
                if (Math.abs(o[i] - iop[i]) > 1e-3) {
                    throw new InvalidInputException(h.file(), "ImageOrientationPatient " + Arrays.toString(o) + " differs from "
                            + Arrays.toString(iop) + " of " + first.file().getFileName() + " in the same series");
                }
            }
        }
        double[] row;
        double[] col;
        double[] normal;
        try {
            row = Matrix3.normalize(new double[] {iop[0], iop[1], iop[2]});
            col = Matrix3.normalize(new double[] {iop[3], iop[4], iop[5]});
            normal = Matrix3.normalize(Matrix3.cross(row, col));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(first.file(), "ImageOrientationPatient " + Arrays.toString(iop) + " is degenerate");
        }
        double[] pixelSpacing = first.pixelSpacingMm() != null ? first.pixelSpacingMm() : new double[] {1, 1};
        if (!(pixelSpacing[0] > 0) || !(pixelSpacing[1] > 0)) {
            throw new InvalidInputException(first.file(), "PixelSpacing " + Arrays.toString(pixelSpacing) + " is not positive");
        }
        List<String> warnings = new ArrayList<>();
        boolean allPositions = headers.stream().allMatch(h -> h.imagePositionPatientMm() != null);
        List<DicomHeader> sorted = new ArrayList<>(headers);
        Comparator<DicomHeader> byInstance = Comparator.comparing(h -> h.instanceNumber() == null ? Integer.MAX_VALUE : h.instanceNumber());
        double[] along;
        if (allPositions) {
            sorted.sort(Comparator.<DicomHeader>comparingDouble(h -> Matrix3.dot(h.imagePositionPatientMm(), normal))
                    .thenComparing(byInstance).thenComparing(h -> h.file().toString()));
            List<DicomHeader> kept = new ArrayList<>();
            int dropped = 0;
            for (DicomHeader h : sorted) {
                if (!kept.isEmpty() && Math.abs(project(h, normal) - project(kept.get(kept.size() - 1), normal)) < DUPLICATE_TOLERANCE_MM) {
                    dropped++; // same position: the first (lowest InstanceNumber) is kept
                } else {
                    kept.add(h);
                }
            }
            if (dropped > 0) {
                warnings.add(String.format(Locale.ROOT, "%d duplicate slice%s (same ImagePositionPatient as another slice) "
                        + "ignored; kept the lowest InstanceNumber at each position, %d slices remain",
                        dropped, dropped == 1 ? "" : "s", kept.size()));
            }
            sorted = kept;
            along = sorted.stream().mapToDouble(h -> project(h, normal)).toArray();
        } else {
            sorted.sort(byInstance.thenComparing(h -> h.file().toString()));
            along = null;
            if (headers.size() > 1) {
                warnings.add("ImagePositionPatient missing: slices ordered by InstanceNumber, slice spacing taken from "
                        + "SpacingBetweenSlices/SliceThickness");
            }
        }
        double spacingZ;
        if (along != null && along.length > 1) {
            double[] gaps = new double[along.length - 1];
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = along[i + 1] - along[i];
            }
            spacingZ = median(gaps);
            gapWarnings(gaps, along, spacingZ, warnings);
            tiltWarning(sorted, normal, warnings);
        } else {
            spacingZ = fallbackSpacing(first);
            if (frames > 1) {
                warnings.add(String.format(Locale.ROOT, "multi-frame file: per-frame positions are not read; the %d frames "
                        + "are stacked along the slice normal %.4f mm apart (SpacingBetweenSlices, else SliceThickness, "
                        + "else 1 mm)", frames, spacingZ));
            }
            if (frames > 1 && along != null) {
                along = new double[frames];
                for (int k = 0; k < frames; k++) {
                    along[k] = project(first, normal) + k * spacingZ;
                }
            }
        }
        if (first.gantryTiltDeg() != null && Math.abs(first.gantryTiltDeg()) > TILT_TOLERANCE_DEG
                && warnings.stream().noneMatch(w -> w.startsWith("gantry tilt"))) {
            warnings.add(String.format(Locale.ROOT, "gantry tilt: GantryDetectorTilt is %.2f degrees", first.gantryTiltDeg()));
        }
        double[] origin = first.imagePositionPatientMm() != null && allPositions
                ? sorted.get(0).imagePositionPatientMm() : new double[3];
        double[] direction = {
            row[0], col[0], normal[0],
            row[1], col[1], normal[1],
            row[2], col[2], normal[2],
        };
        int sizeZ = frames > 1 ? frames : sorted.size();
        Geometry g;
        try {
            g = Geometry.of(first.columns(), first.rows(), sizeZ,
                    new double[] {pixelSpacing[1], pixelSpacing[0], spacingZ}, origin, direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(first.file(), "unusable slice geometry (" + e.getMessage() + ")"
                    + (along != null && along.length > 1 ? String.format(Locale.ROOT, "; slices lie %.6g to %.6g mm along the normal",
                    along[0], along[along.length - 1]) : ""), e);
        }
        return new SliceGeometry(List.copyOf(sorted), g, List.copyOf(warnings), along);
    }

    private static double project(DicomHeader h, double[] normal) {
        return Matrix3.dot(h.imagePositionPatientMm(), normal);
    }

    private static double fallbackSpacing(DicomHeader h) {
        if (h.spacingBetweenSlicesMm() != null && h.spacingBetweenSlicesMm() > 0) {
            return h.spacingBetweenSlicesMm();
        }
        if (h.sliceThicknessMm() != null && h.sliceThicknessMm() > 0) {
            return h.sliceThicknessMm();
        }
        return 1.0;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void gapWarnings(double[] gaps, double[] along, double median, List<String> warnings) {
        double tolerance = Math.max(0.01 * median, 0.01);
        int missing = 0;
        StringBuilder where = new StringBuilder();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int minAt = 0;
        int maxAt = 0;
        boolean uneven = false;
        for (int i = 0; i < gaps.length; i++) {
            double g = gaps[i];
            long k = Math.round(g / median);
            if (k >= 2 && Math.abs(g - k * median) <= Math.max(0.1 * median, 0.01)) {
                missing += (int) (k - 1);
                if (where.length() > 0) {
                    where.append("; ");
                }
                where.append(String.format(Locale.ROOT, "%d between slices %d and %d (%.2f and %.2f mm along the normal, gap %.2f mm)",
                        k - 1, i, i + 1, along[i], along[i + 1], g));
                continue;
            }
            if (Math.abs(g - median) > tolerance) {
                uneven = true;
            }
            if (g < min) {
                min = g;
                minAt = i;
            }
            if (g > max) {
                max = g;
                maxAt = i;
            }
        }
        if (missing > 0) {
            warnings.add(String.format(Locale.ROOT, "missing slices: %d slice%s missing (gap a multiple of the median "
                    + "spacing %.4f mm): %s; the volume places the remaining slices %.4f mm apart", missing,
                    missing == 1 ? " appears" : "s appear", median, where, median));
        }
        if (uneven) {
            warnings.add(String.format(Locale.ROOT, "uneven slice spacing: gaps between slices range from %.4f mm "
                    + "(slices %d-%d) to %.4f mm (slices %d-%d), median %.4f mm used for the whole volume",
                    min, minAt, minAt + 1, max, maxAt, maxAt + 1, median));
        }
    }

    private static void tiltWarning(List<DicomHeader> sorted, double[] normal, List<String> warnings) {
        double[] a = sorted.get(0).imagePositionPatientMm();
        double[] b = sorted.get(sorted.size() - 1).imagePositionPatientMm();
        double[] step = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double length = Math.sqrt(Matrix3.dot(step, step));
        if (length == 0) {
            return;
        }
        double cos = Math.min(1, Math.abs(Matrix3.dot(step, normal)) / length);
        double angle = Math.toDegrees(Math.acos(cos));
        if (angle > TILT_TOLERANCE_DEG) {
            Double tag = sorted.get(0).gantryTiltDeg();
            warnings.add(String.format(Locale.ROOT, "gantry tilt: slice positions step at %.1f degrees from the slice "
                    + "normal%s; the volume is sheared (voxels are placed along the normal, not resampled)", angle,
                    tag == null ? "" : String.format(Locale.ROOT, " (GantryDetectorTilt %.2f degrees)", tag)));
        }
    }
}
