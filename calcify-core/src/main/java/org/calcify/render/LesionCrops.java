package org.calcify.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.calcify.volume.Geometry;
import org.calcify.volume.SparseLabelMap;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;

/**
 * Axial, coronal and sagittal crops around one voxel (a lesion's peak or centroid), window-levelled, at
 * the true aspect ratio, with a label map's regions outlined in their colours (the outline is drawn on
 * the ring of pixels just outside each labelled region, so the calcium itself stays visible).
 */
public final class LesionCrops {
    private static final int GAP = 8;
    private static final int CAPTION = 16;

    private LesionCrops() {
    }

    /**
     * @param halfMm half the side of each crop in mm (e.g. 20)
     * @param pixelsPerMm screen pixels per mm
     */
    public static BufferedImage render(Volume ct, Volume labels, WindowLevel window, int z, int y, int x, double halfMm,
                                       double pixelsPerMm) {
        return render(ct, labels == null ? null : (lz, ly, lx) -> (int) labels.value(lz, ly, lx), window, z, y, x, halfMm, pixelsPerMm);
    }

    /** As above, for a label map held sparsely (a detection's). */
    public static BufferedImage render(Volume ct, SparseLabelMap labels, WindowLevel window, int z, int y, int x, double halfMm,
                                       double pixelsPerMm) {
        return render(ct, labels::labelAt, window, z, y, x, halfMm, pixelsPerMm);
    }

    /** The label of a voxel of the scan's grid. */
    private interface LabelAt {
        int at(int z, int y, int x);
    }

    private static BufferedImage render(Volume ct, LabelAt labels, WindowLevel window, int z, int y, int x, double halfMm,
                                        double pixelsPerMm) {
        Geometry g = ct.geometry();
        int hx = Math.max(2, (int) Math.round(halfMm / g.spacingX()));
        int hy = Math.max(2, (int) Math.round(halfMm / g.spacingY()));
        int hz = Math.max(2, (int) Math.round(halfMm / g.spacingZ()));
        boolean headUp = g.axis(2)[2] > 0;
        Plane[] planes = new Plane[3];
        byte[][] outlines = new byte[3][];
        // axial: rows y, cols x
        planes[0] = crop(ct, labels, window, "axial", 2 * hy + 1, 2 * hx + 1, g.spacingY(), g.spacingX(), outlines, 0,
                (r, c) -> new int[] {z, y - hy + r, x - hx + c});
        // coronal: rows z (head up), cols x
        planes[1] = crop(ct, labels, window, "coronal", 2 * hz + 1, 2 * hx + 1, g.spacingZ(), g.spacingX(), outlines, 1,
                (r, c) -> new int[] {headUp ? z + hz - r : z - hz + r, y, x - hx + c});
        // sagittal: rows z (head up), cols y
        planes[2] = crop(ct, labels, window, "sagittal", 2 * hz + 1, 2 * hy + 1, g.spacingZ(), g.spacingY(), outlines, 2,
                (r, c) -> new int[] {headUp ? z + hz - r : z - hz + r, y - hy + c, x});
        int width = GAP;
        int height = 0;
        for (Plane p : planes) {
            int[] wh = PlaneRenderer.size(p, pixelsPerMm);
            width += wh[0] + GAP;
            height = Math.max(height, wh[1]);
        }
        BufferedImage img = new BufferedImage(width, CAPTION + height + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = PlaneRenderer.graphics(img);
        int px = GAP;
        for (int i = 0; i < 3; i++) {
            int[] wh = PlaneRenderer.size(planes[i], pixelsPerMm);
            PlaneRenderer.caption(gr, planes[i].title(), px, CAPTION - 4);
            PlaneRenderer.draw(gr, planes[i], px, CAPTION, pixelsPerMm, outlines[i], 0, 1.0);
            px += wh[0] + GAP;
        }
        gr.dispose();
        return img;
    }

    private interface Sampler {
        int[] at(int row, int col);
    }

    private static Plane crop(Volume ct, LabelAt labels, WindowLevel window, String name, int rows, int cols, double rowMm,
                              double colMm, byte[][] outlines, int k, Sampler s) {
        byte[] pix = new byte[rows * cols];
        byte[] lab = new byte[rows * cols];
        Geometry g = ct.geometry();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int[] p = s.at(r, c);
                if (g.contains(p[0], p[1], p[2])) {
                    pix[r * cols + c] = (byte) window.apply(ct.value(p[0], p[1], p[2]));
                    if (labels != null) {
                        lab[r * cols + c] = (byte) labels.at(p[0], p[1], p[2]);
                    }
                }
            }
        }
        // the outline is the ring of pixels just outside each labelled region, so the calcium stays visible
        byte[] outline = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (lab[r * cols + c] != 0) {
                    continue;
                }
                int v = 0;
                if (r > 0 && lab[(r - 1) * cols + c] != 0) {
                    v = lab[(r - 1) * cols + c];
                } else if (r < rows - 1 && lab[(r + 1) * cols + c] != 0) {
                    v = lab[(r + 1) * cols + c];
                } else if (c > 0 && lab[r * cols + c - 1] != 0) {
                    v = lab[r * cols + c - 1];
                } else if (c < cols - 1 && lab[r * cols + c + 1] != 0) {
                    v = lab[r * cols + c + 1];
                }
                outline[r * cols + c] = (byte) v;
            }
        }
        outlines[k] = outline;
        return new Plane(String.format(Locale.ROOT, "%s", name), pix, 0, rows, cols, rowMm, colMm);
    }
}
