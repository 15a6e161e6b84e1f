package org.calcify.hybrid;

import org.calcify.score.Artery;

/** Where an inserted calcification lies, with the label it gets (1-4 coronary, 5 non-coronary). */
public enum LesionSite {
    /** Left main coronary artery, label 1. */
    LM(1),
    /** Left anterior descending artery, label 2. */
    LAD(2),
    /** Left circumflex artery, label 3. */
    LCX(3),
    /** Right coronary artery, label 4. */
    RCA(4),
    /** Aortic root and valve region, label 5 (non-coronary). */
    AORTIC_ROOT(5),
    /** Mitral annulus, label 5 (non-coronary). */
    MITRAL_ANNULUS(5);

    private final int label;

    LesionSite(int label) {
        this.label = label;
    }

    /** The label of its voxels in labels.nii.gz. */
    public int label() {
        return label;
    }

    /** True for the four coronary arteries. */
    public boolean coronary() {
        return label <= 4;
    }

    /** The site of a coronary artery. */
    public static LesionSite of(Artery a) {
        return values()[a.label() - 1];
    }

    /** The artery of a coronary site. */
    public Artery artery() {
        if (!coronary()) {
            throw new IllegalStateException(this + " is not a coronary artery");
        }
        return Artery.ofLabel(label);
    }
}
