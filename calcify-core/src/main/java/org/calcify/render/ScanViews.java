package org.calcify.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.TreeSet;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.SparseLabelMap;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;

/**
 * Whole-volume axial, sagittal and coronal views through one voxel, window-levelled, at the true
 * aspect ratio, with an optional label-map overlay (LM, LAD, LCX, RCA and other calcium in distinct
 * colours) and its legend. Sagittal and coronal views put the patient's head at the top when the
 * volume's z axis points superior, as radiologists expect.
 */
public final class ScanViews {
    private static final int GAP = 12;
    private static final int CAPTION_HEIGHT = 18;

    private ScanViews() {
    }

    /**
     * @param ct        the scan (any type; window-levelled here)
     * @param window    window/level to 8 bits
     * @param z         slice of the cross point (sagittal and coronal views pass through it)
     * @param y         row of the cross point
     * @param x         column of the cross point
     * @param labels    label map on the same grid, or null
     * @param viewHeightPx on-screen height of the axial view
     */
    public static BufferedImage render(Volume ct, WindowLevel window, int z, int y, int x, Volume labels, int viewHeightPx) {
        return render(ct, window, z, y, x, labels, LabelPalette.CALCIUM, viewHeightPx);
    }

    /** As above, with the label map drawn in {@code palette}'s names, colours and style. */
    public static BufferedImage render(Volume ct, WindowLevel window, int z, int y, int x, Volume labels, LabelPalette palette,
                                       int viewHeightPx) {
        return render(ct, window, z, y, x, labels, palette, null, null, viewHeightPx);
    }

    /**
     * As above, with a second label map {@code under} (same grid, may be null) drawn beneath {@code labels}
     * in {@code underPalette}'s style: e.g. the anatomy's outlines under filled calcium or path labels.
     */
    public static BufferedImage render(Volume ct, WindowLevel window, int z, int y, int x, Volume labels, LabelPalette palette,
                                       Volume under, LabelPalette underPalette, int viewHeightPx) {
        return render(ct, window, z, y, x, labels, palette, under, underPalette, LabelView.SLICE, viewHeightPx);
    }

    /** How {@code labels} are drawn over each view. */
    public enum LabelView {
        /** The labels of the plane shown. */
        SLICE,
        /**
         * The labels of the whole volume projected onto the plane (the highest label along the view's
         * normal): a 3D course, such as an artery's path, shows whole over one slice of the scan.
         */
        PROJECTION
    }

    /** As above, with {@code labels} drawn as the plane's labels or as their projection along the view's normal. */
    public static BufferedImage render(Volume ct, WindowLevel window, int z, int y, int x, Volume labels, LabelPalette palette,
                                       Volume under, LabelPalette underPalette, LabelView labelView, int viewHeightPx) {
        return render(ct, window, z, y, x, labels, palette, under, underPalette, labelView, viewHeightPx, new int[3]);
    }

    /**
     * As above, for {@code ct} cut out of a larger scan at voxel {@code cropOriginZyx} of it: the views' titles give
     * the cross point in the larger scan's indices (what the user asked for), not the cut-out's.
     */
    public static BufferedImage render(Volume ct, WindowLevel window, int z, int y, int x, Volume labels, LabelPalette palette,
                                       Volume under, LabelPalette underPalette, LabelView labelView, int viewHeightPx,
                                       int[] cropOriginZyx) {
        Geometry g = ct.geometry();
        if (!g.contains(z, y, x)) {
            throw new IllegalArgumentException("point (z=" + z + ", y=" + y + ", x=" + x + ") is outside the scan " + ct.sizeZ()
                    + "x" + ct.sizeY() + "x" + ct.sizeX());
        }
        if (labels != null && (labels.sizeX() != ct.sizeX() || labels.sizeY() != ct.sizeY() || labels.sizeZ() != ct.sizeZ())) {
            throw new IllegalArgumentException("label map grid differs from the scan's");
        }
        if (under != null && (under.sizeX() != ct.sizeX() || under.sizeY() != ct.sizeY() || under.sizeZ() != ct.sizeZ())) {
            throw new IllegalArgumentException("second label map grid differs from the scan's");
        }
        byte[] lab = labels == null ? null : labelBytes(labels);
        byte[] und = under == null ? null : labelBytes(under);
        int nz = ct.sizeZ();
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        boolean headUp = g.axis(2)[2] > 0;
        boolean project = labelView == LabelView.PROJECTION && lab != null;
        byte[][] underPlanes = und == null ? new byte[3][] : new byte[][] {slice(und, z, ny, nx),
            coronal(und, y, nz, ny, nx, headUp), sagittal(und, x, nz, ny, nx, headUp)};
        byte[][] overlays = lab == null ? new byte[3][] : project
                ? new byte[][] {projectAxial(lab, nz, ny, nx), projectCoronal(lab, nz, ny, nx, headUp), projectSagittal(lab, nz, ny, nx, headUp)}
                : new byte[][] {slice(lab, z, ny, nx), coronal(lab, y, nz, ny, nx, headUp), sagittal(lab, x, nz, ny, nx, headUp)};
        return draw(ct, window, z, y, x, overlays, present(lab), palette, underPlanes, present(und), underPalette, viewHeightPx,
                cropOriginZyx);
    }

    /**
     * As {@link #render(Volume, WindowLevel, int, int, int, Volume, int)}, for a label map held sparsely (a
     * detection's): the three planes are cut from it alone, the same picture as of its dense map.
     */
    public static BufferedImage render(Volume ct, WindowLevel window, int z, int y, int x, SparseLabelMap labels, int viewHeightPx) {
        Geometry g = ct.geometry();
        if (!g.contains(z, y, x)) {
            throw new IllegalArgumentException("point (z=" + z + ", y=" + y + ", x=" + x + ") is outside the scan " + ct.sizeZ()
                    + "x" + ct.sizeY() + "x" + ct.sizeX());
        }
        Geometry lg = labels.geometry();
        if (lg.sizeX() != ct.sizeX() || lg.sizeY() != ct.sizeY() || lg.sizeZ() != ct.sizeZ()) {
            throw new IllegalArgumentException("label map grid differs from the scan's");
        }
        int nz = ct.sizeZ();
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        boolean headUp = g.axis(2)[2] > 0;
        byte[][] overlays = {
            labels.crop(new int[] {z, 0, 0}, new int[] {1, ny, nx}).bytes(),
            coronal(labels.crop(new int[] {0, y, 0}, new int[] {nz, 1, nx}).bytes(), 0, nz, 1, nx, headUp),
            sagittal(labels.crop(new int[] {0, 0, x}, new int[] {nz, ny, 1}).bytes(), 0, nz, ny, 1, headUp)};
        return draw(ct, window, z, y, x, overlays, new TreeSet<>(labels.labelsPresent()), LabelPalette.CALCIUM, new byte[3][],
                new TreeSet<>(), null, viewHeightPx, new int[3]);
    }

    private static TreeSet<Integer> present(byte[] labels) {
        TreeSet<Integer> present = new TreeSet<>();
        if (labels != null) {
            for (byte b : labels) {
                if (b != 0) {
                    present.add(b & 0xFF);
                }
            }
        }
        return present;
    }

    /** The three window-levelled planes through (z, y, x), the label planes over them, and the legend. */
    private static BufferedImage draw(Volume ct, WindowLevel window, int z, int y, int x, byte[][] overlays, TreeSet<Integer> present,
                                      LabelPalette palette, byte[][] underPlanes, TreeSet<Integer> underPresent, LabelPalette underPalette,
                                      int viewHeightPx, int[] cropOriginZyx) {
        Geometry g = ct.geometry();
        int nz = ct.sizeZ();
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        boolean headUp = g.axis(2)[2] > 0;
        // only the three planes drawn are window-levelled (a copy of the whole scan would cost a byte per voxel)
        byte[] axialWl = window.apply(ct.crop(new int[] {z, 0, 0}, new int[] {1, ny, nx}));
        byte[] coronalWl = window.apply(ct.crop(new int[] {0, y, 0}, new int[] {nz, 1, nx}));
        byte[] sagittalWl = window.apply(ct.crop(new int[] {0, 0, x}, new int[] {nz, ny, 1}));
        Plane[] planes = {
            new Plane(String.format(Locale.ROOT, "axial z=%d", z + cropOriginZyx[0]), axialWl, 0, ny, nx, g.spacingY(), g.spacingX()),
            new Plane(String.format(Locale.ROOT, "coronal y=%d", y + cropOriginZyx[1]), coronal(coronalWl, 0, nz, 1, nx, headUp), 0, nz, nx, g.spacingZ(), g.spacingX()),
            new Plane(String.format(Locale.ROOT, "sagittal x=%d", x + cropOriginZyx[2]), sagittal(sagittalWl, 0, nz, ny, 1, headUp), 0, nz, ny, g.spacingZ(), g.spacingY()),
        };
        double ppm = viewHeightPx / (ny * g.spacingY());
        int width = GAP;
        int height = 0;
        for (Plane p : planes) {
            int[] wh = PlaneRenderer.size(p, ppm);
            width += wh[0] + GAP;
            height = Math.max(height, wh[1]);
        }
        int legend = present.isEmpty() && underPresent.isEmpty() ? 0 : CAPTION_HEIGHT + 4;
        int top = CAPTION_HEIGHT + 4;
        BufferedImage img = new BufferedImage(width, top + height + GAP + legend, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = PlaneRenderer.graphics(img);
        int px = GAP;
        for (int i = 0; i < planes.length; i++) {
            int[] wh = PlaneRenderer.size(planes[i], ppm);
            PlaneRenderer.caption(gr, planes[i].title() + "  " + window, px, top - 6);
            PlaneRenderer.draw(gr, planes[i], px, top, ppm, overlays[i], 0, 0.6, palette, underPlanes[i], underPalette);
            px += wh[0] + GAP;
        }
        int lx = GAP;
        int ly = top + height + GAP + 12;
        for (int label : underPresent) {
            lx = legendEntry(gr, underPalette, label, lx, ly);
        }
        for (int label : present) {
            lx = legendEntry(gr, palette, label, lx, ly);
        }
        gr.dispose();
        return img;
    }

    private static int legendEntry(Graphics2D gr, LabelPalette palette, int label, int lx, int ly) {
        gr.setColor(new Color(palette.rgb(label)));
        gr.fillRect(lx, ly - 10, 12, 12);
        PlaneRenderer.caption(gr, palette.name(label), lx + 16, ly);
        return lx + 30 + gr.getFontMetrics().stringWidth(palette.name(label));
    }

    private static int ny(Volume v) {
        return v.sizeY();
    }

    private static int nx(Volume v) {
        return v.sizeX();
    }

    private static byte[] labelBytes(Volume labels) {
        if (labels.type() == DataType.UINT8) {
            return labels.bytes();
        }
        return labels.convertTo(DataType.UINT8).bytes();
    }

    private static byte[] projectAxial(byte[] v, int nz, int ny, int nx) {
        byte[] out = new byte[ny * nx];
        for (int z = 0; z < nz; z++) {
            for (int i = 0; i < ny * nx; i++) {
                out[i] = (byte) Math.max(out[i] & 0xFF, v[z * ny * nx + i] & 0xFF);
            }
        }
        return out;
    }

    private static byte[] projectCoronal(byte[] v, int nz, int ny, int nx, boolean headUp) {
        byte[] out = new byte[nz * nx];
        for (int s = 0; s < nz; s++) {
            int z = headUp ? nz - 1 - s : s;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[s * nx + x] = (byte) Math.max(out[s * nx + x] & 0xFF, v[(z * ny + y) * nx + x] & 0xFF);
                }
            }
        }
        return out;
    }

    private static byte[] projectSagittal(byte[] v, int nz, int ny, int nx, boolean headUp) {
        byte[] out = new byte[nz * ny];
        for (int s = 0; s < nz; s++) {
            int z = headUp ? nz - 1 - s : s;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[s * ny + y] = (byte) Math.max(out[s * ny + y] & 0xFF, v[(z * ny + y) * nx + x] & 0xFF);
                }
            }
        }
        return out;
    }

    private static byte[] slice(byte[] v, int z, int ny, int nx) {
        byte[] out = new byte[ny * nx];
        System.arraycopy(v, z * ny * nx, out, 0, ny * nx);
        return out;
    }

    /** Rows are slices (top = most superior when headUp), columns are x. */
    private static byte[] coronal(byte[] v, int y, int nz, int ny, int nx, boolean headUp) {
        byte[] out = new byte[nz * nx];
        for (int s = 0; s < nz; s++) {
            int z = headUp ? nz - 1 - s : s;
            System.arraycopy(v, (z * ny + y) * nx, out, s * nx, nx);
        }
        return out;
    }

    /** Rows are slices (top = most superior when headUp), columns are y. */
    private static byte[] sagittal(byte[] v, int x, int nz, int ny, int nx, boolean headUp) {
        byte[] out = new byte[nz * ny];
        for (int s = 0; s < nz; s++) {
            int z = headUp ? nz - 1 - s : s;
            for (int r = 0; r < ny; r++) {
                out[s * ny + r] = v[(z * ny + r) * nx + x];
            }
        }
        return out;
    }
}
