package org.calcify.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.calcify.patch.TriplanarPatch;

/** Many tri-planar patches in a grid, each with its caption: a quick look at a class. */
public final class Montage {
    private Montage() {
    }

    /**
     * @param patches    the patches, drawn left to right, top to bottom
     * @param captions   one caption per patch (e.g. file name or label)
     * @param columns    patches per row
     * @param spacingMm  (z, y, x) spacing in mm shared by all patches, (1, 1, 1) when unknown
     */
    public static BufferedImage render(List<TriplanarPatch> patches, List<String> captions, int columns, double[] spacingMm) {
        if (patches.isEmpty()) {
            throw new IllegalArgumentException("no patches to draw");
        }
        if (captions.size() != patches.size()) {
            throw new IllegalArgumentException("one caption per patch");
        }
        BufferedImage first = PatchFigure.render(patches.get(0), spacingMm, 130, captions.get(0));
        int cw = first.getWidth();
        int ch = first.getHeight();
        int cols = Math.max(1, Math.min(columns, patches.size()));
        int rows = (patches.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * cw, rows * ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = PlaneRenderer.graphics(img);
        for (int i = 0; i < patches.size(); i++) {
            BufferedImage cell = i == 0 ? first : PatchFigure.render(patches.get(i), spacingMm, 130, captions.get(i));
            g.drawImage(cell, (i % cols) * cw, (i / cols) * ch, null);
        }
        g.dispose();
        return img;
    }
}
