package org.calcify.detect;

/** The classes of a detected candidate; {@code label()} is its value in the output label map. */
public enum DetectionClass {
    NONE(0), LM(1), LAD(2), LCX(3), RCA(4), OTHER_CALCIUM(5);

    private final int label;

    DetectionClass(int label) {
        this.label = label;
    }

    public int label() {
        return label;
    }

    public boolean isCoronary() {
        return label >= 1 && label <= 4;
    }
}
