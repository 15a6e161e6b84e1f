package org.calcify.render;

import org.calcify.anatomy.AnatomyLabel;

/**
 * Names and colours of the values of a label map, and how the overlay is drawn: calcium labels
 * filled (1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium), anatomy labels as outlines so the scan stays
 * readable under them.
 */
public interface LabelPalette {
    /** Display name of a label value. */
    String name(int label);

    /** RGB colour of a label value. */
    int rgb(int label);

    /** True to draw only each region's border, false to fill it. */
    boolean outline();

    /** Calcium labels, filled. */
    LabelPalette CALCIUM = new LabelPalette() {
        @Override
        public String name(int label) {
            return LabelColors.name(label);
        }

        @Override
        public int rgb(int label) {
            return LabelColors.rgb(label);
        }

        @Override
        public boolean outline() {
            return false;
        }
    };

    /** {@link AnatomyLabel} values, outlined. */
    LabelPalette ANATOMY = new LabelPalette() {
        private final int[] colours = {0x000000, 0xF58231, 0x42D4F4, 0xFFFFFF, 0xE6194B, 0xF032E6};

        @Override
        public String name(int label) {
            return label >= 0 && label < colours.length ? AnatomyLabel.of(label).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    : "label " + label;
        }

        @Override
        public int rgb(int label) {
            return label >= 0 && label < colours.length ? colours[label] : LabelColors.rgb(label);
        }

        @Override
        public boolean outline() {
            return true;
        }
    };
}
