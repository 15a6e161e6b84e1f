package org.calcify.score;

/** The four coronary arteries scored separately, with their label values ({@link CalciumLabel} 1 to 4). */
public enum Artery {
    /** Left main, label 1. */
    LM(1),
    /** Left anterior descending, label 2. */
    LAD(2),
    /** Left circumflex, label 3. */
    LCX(3),
    /** Right coronary artery, label 4. */
    RCA(4);

    private final int label;

    Artery(int label) {
        this.label = label;
    }

    /** The label value of this artery in a label map. */
    public int label() {
        return label;
    }

    /** This artery's label. */
    public CalciumLabel calciumLabel() {
        return CalciumLabel.of(label);
    }

    /** The artery of label 1-4. */
    public static Artery ofLabel(int label) {
        if (label < 1 || label > 4) {
            throw new IllegalArgumentException("not a coronary label: " + label);
        }
        return values()[label - 1];
    }
}
