package org.calcify.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws {@link Plane}s as grey images at their true aspect ratio: the column pitch becomes
 * {@code pixelsPerMm * colMm} screen pixels and the row pitch {@code pixelsPerMm * rowMm}
 * (nearest-neighbour, so every voxel stays a visible block), with optional centre marks, captions
 * and colour overlays.
 */
public final class PlaneRenderer {
    static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private PlaneRenderer() {
    }

    /** Screen size of a plane at {@code pixelsPerMm}: width, height. */
    static int[] size(Plane p, double pixelsPerMm) {
        return new int[] {Math.max(1, (int) Math.round(p.cols() * p.colMm() * pixelsPerMm)),
                Math.max(1, (int) Math.round(p.rows() * p.rowMm() * pixelsPerMm))};
    }

    /**
     * Draws {@code p} with its top-left corner at (x0, y0); {@code overlay} (same size as the plane,
     * may be null) gives a label per pixel, drawn in {@link LabelColors} with the given opacity.
     */
    static void draw(Graphics2D g, Plane p, int x0, int y0, double pixelsPerMm, byte[] overlay, int overlayOffset, double opacity) {
        draw(g, p, x0, y0, pixelsPerMm, overlay, overlayOffset, opacity, LabelPalette.CALCIUM);
    }

    /** As above, in the colours of {@code palette}; an outline palette paints only the pixels on a region's border, opaque. */
    static void draw(Graphics2D g, Plane p, int x0, int y0, double pixelsPerMm, byte[] overlay, int overlayOffset, double opacity,
                     LabelPalette palette) {
        draw(g, p, x0, y0, pixelsPerMm, overlay, overlayOffset, opacity, palette, null, null);
    }

    /**
     * As above, with a second overlay {@code under} (same size as the plane, may be null) drawn first in
     * {@code underPalette}: e.g. anatomy outlines under filled calcium labels.
     */
    static void draw(Graphics2D g, Plane p, int x0, int y0, double pixelsPerMm, byte[] overlay, int overlayOffset, double opacity,
                     LabelPalette palette, byte[] under, LabelPalette underPalette) {
        int[] wh = size(p, pixelsPerMm);
        BufferedImage img = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < wh[1]; sy++) {
            int row = Math.min(p.rows() - 1, (int) ((sy + 0.5) * p.rows() / wh[1]));
            for (int sx = 0; sx < wh[0]; sx++) {
                int col = Math.min(p.cols() - 1, (int) ((sx + 0.5) * p.cols() / wh[0]));
                int v = p.value(row, col);
                int rgb = (v << 16) | (v << 8) | v;
                if (under != null) {
                    rgb = paint(rgb, under, overlayOffset + row * p.cols() + col, row, col, p, opacity, underPalette);
                }
                if (overlay != null) {
                    int at = overlayOffset + row * p.cols() + col;
                    int label = overlay[at] & 0xFF;
                    if (label != 0 && !palette.outline()) {
                        rgb = LabelColors.blend(rgb, palette.rgb(label), opacity);
                    } else if (label != 0 && onBorder(overlay, at, row, col, p.rows(), p.cols())) {
                        rgb = palette.rgb(label);
                    }
                }
                img.setRGB(sx, sy, rgb);
            }
        }
        g.drawImage(img, x0, y0, null);
    }

    private static int paint(int rgb, byte[] overlay, int at, int row, int col, Plane p, double opacity, LabelPalette palette) {
        int label = overlay[at] & 0xFF;
        if (label != 0 && !palette.outline()) {
            return LabelColors.blend(rgb, palette.rgb(label), opacity);
        }
        if (label != 0 && onBorder(overlay, at, row, col, p.rows(), p.cols())) {
            return palette.rgb(label);
        }
        return rgb;
    }

    private static boolean onBorder(byte[] overlay, int at, int row, int col, int rows, int cols) {
        byte v = overlay[at];
        return (row > 0 && overlay[at - cols] != v) || (row < rows - 1 && overlay[at + cols] != v)
                || (col > 0 && overlay[at - 1] != v) || (col < cols - 1 && overlay[at + 1] != v);
    }

    /** Marks the centre pixel of a plane drawn at (x0, y0) with short ticks on its four sides. */
    static void markCentre(Graphics2D g, Plane p, int x0, int y0, double pixelsPerMm) {
        int[] wh = size(p, pixelsPerMm);
        double cw = (double) wh[0] / p.cols();
        double ch = (double) wh[1] / p.rows();
        int cx = (int) Math.round(x0 + (p.cols() / 2 + 0.5) * cw);
        int cy = (int) Math.round(y0 + (p.rows() / 2 + 0.5) * ch);
        int gapX = (int) Math.ceil(cw / 2) + 2;
        int gapY = (int) Math.ceil(ch / 2) + 2;
        int len = 8;
        g.setColor(new Color(255, 60, 60));
        g.drawLine(cx - gapX - len, cy, cx - gapX, cy);
        g.drawLine(cx + gapX, cy, cx + gapX + len, cy);
        g.drawLine(cx, cy - gapY - len, cx, cy - gapY);
        g.drawLine(cx, cy + gapY, cx, cy + gapY + len);
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(24, 24, 24));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(CAPTION);
        return g;
    }

    static void caption(Graphics2D g, String text, int x, int y) {
        g.setColor(new Color(230, 230, 230));
        g.drawString(text, x, y);
    }
}
