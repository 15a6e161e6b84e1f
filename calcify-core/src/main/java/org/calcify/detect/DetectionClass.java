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

    /**
     * The decision for a candidate from its class probabilities (indexed by ordinal), in two steps, as
     * the score needs them: coronary calcium or not first (the summed artery probabilities against
     * none plus other calcium), then the most probable class on that side. A plain argmax would let an
     * artery win at 0.38 where none and other calcium share 0.62, and call aortic calcium coronary.
     */
    public static DetectionClass decide(double[] probability) {
        DetectionClass[] all = values();
        if (probability.length != all.length) {
            throw new IllegalArgumentException("expected " + all.length + " class probabilities, got " + probability.length);
        }
        double coronary = 0;
        for (DetectionClass c : all) {
            if (c.isCoronary()) {
                coronary += probability[c.ordinal()];
            }
        }
        boolean isCoronary = coronary > probability[NONE.ordinal()] + probability[OTHER_CALCIUM.ordinal()];
        DetectionClass best = null;
        for (DetectionClass c : all) {
            if (c.isCoronary() == isCoronary && (best == null || probability[c.ordinal()] > probability[best.ordinal()])) {
                best = c;
            }
        }
        return best;
    }
}
