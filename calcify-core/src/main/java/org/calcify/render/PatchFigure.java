package org.calcify.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.calcify.patch.TriplanarPatch;

/**
 * A tri-planar patch as one picture: axial, sagittal and coronal planes side by side at their true
 * aspect ratio (the sagittal and coronal planes are stretched by slice spacing / pixel spacing), the
 * centre voxel marked with ticks, and captions.
 */
public final class PatchFigure {
    private static final int GAP = 12;
    private static final int CAPTION_HEIGHT = 18;

    private PatchFigure() {
    }

    /**
     * @param spacingMm (z, y, x) voxel spacing in mm; (1, 1, 1) when unknown
     * @param axialWidthPx on-screen width of the axial plane
     * @param title        drawn above the planes (may be null)
     */
    public static BufferedImage render(TriplanarPatch p, double[] spacingMm, int axialWidthPx, String title) {
        Plane[] planes = planes(p, spacingMm);
        double ppm = axialWidthPx / (planes[0].cols() * planes[0].colMm());
        int width = GAP;
        int height = 0;
        for (Plane pl : planes) {
            int[] wh = PlaneRenderer.size(pl, ppm);
            width += wh[0] + GAP;
            height = Math.max(height, wh[1]);
        }
        int top = (title == null ? 0 : CAPTION_HEIGHT) + CAPTION_HEIGHT;
        BufferedImage img = new BufferedImage(width, top + height + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = PlaneRenderer.graphics(img);
        if (title != null) {
            PlaneRenderer.caption(g, title, GAP, 14);
        }
        int x = GAP;
        for (Plane pl : planes) {
            int[] wh = PlaneRenderer.size(pl, ppm);
            PlaneRenderer.caption(g, pl.title(), x, top - 5);
            PlaneRenderer.draw(g, pl, x, top, ppm, null, 0, 0);
            PlaneRenderer.markCentre(g, pl, x, top, ppm);
            x += wh[0] + GAP;
        }
        g.dispose();
        return img;
    }

    static Plane[] planes(TriplanarPatch p, double[] spacingMm) {
        double sz = spacingMm[0];
        double sy = spacingMm[1];
        double sx = spacingMm[2];
        var s = p.shape();
        return new Plane[] {
            new Plane(String.format(Locale.ROOT, "axial %dx%d", s.sizeY(), s.sizeX()), p.axial(), 0, s.sizeY(), s.sizeX(), sy, sx),
            new Plane(String.format(Locale.ROOT, "sagittal %dx%d", s.sizeZ(), s.sizeY()), p.sagittal(), 0, s.sizeZ(), s.sizeY(), sz, sy),
            new Plane(String.format(Locale.ROOT, "coronal %dx%d", s.sizeZ(), s.sizeX()), p.coronal(), 0, s.sizeZ(), s.sizeX(), sz, sx),
        };
    }
}
