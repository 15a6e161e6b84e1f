package org.calcify.render;

import java.awt.Color;
import org.calcify.score.CalciumLabel;

/** Colours of label-map values: 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium. */
public final class LabelColors {
    private static final int[] RGB = {0x000000, 0xE6194B, 0x3CB44B, 0x4363D8, 0xFFE119, 0xF032E6};

    private LabelColors() {
    }

    /** Display name of a label value. */
    public static String name(int label) {
        return CalciumLabel.isLabel(label) ? CalciumLabel.of(label).displayName() : "label " + label;
    }

    /** RGB colour of a label value (labels past 5 cycle through a fixed palette). */
    public static int rgb(int label) {
        if (label >= 0 && label < RGB.length) {
            return RGB[label];
        }
        return Color.HSBtoRGB((label * 0.618f) % 1f, 0.8f, 1f) & 0xFFFFFF;
    }

    static int blend(int base, int over, double alpha) {
        int r = (int) Math.round(((base >> 16) & 0xFF) * (1 - alpha) + ((over >> 16) & 0xFF) * alpha);
        int g = (int) Math.round(((base >> 8) & 0xFF) * (1 - alpha) + ((over >> 8) & 0xFF) * alpha);
        int b = (int) Math.round((base & 0xFF) * (1 - alpha) + (over & 0xFF) * alpha);
        return (r << 16) | (g << 8) | b;
    }
}
