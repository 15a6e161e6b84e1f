package org.calcify.anatomy;

/**
 * The structures {@link ThoraxSegmenter} locates, with their value in an anatomy label map. Where
 * they overlap the higher value wins (the heart region is painted last).
 */
public enum AnatomyLabel {
    /** Outside the patient: air, the table, clothing, leads. */
    OUTSIDE(0),
    /** The body not otherwise labelled: chest wall, fat, muscle, mediastinum, abdomen. */
    BODY(1),
    /** Lung parenchyma, airways connected to it included. */
    LUNG(2),
    /** Bone: ribs, sternum, spine (cortex and marrow); calcified cartilage attached to it. */
    BONE(3),
    /** The descending aorta, where it was found. */
    AORTA(4),
    /** The heart region: the heart inside its pericardial fat, where coronary calcium can lie. */
    HEART_REGION(5);

    private final int value;

    AnatomyLabel(int value) {
        this.value = value;
    }

    /** The label's value in an anatomy label map. */
    public int value() {
        return value;
    }

    /** The label of a map value. */
    public static AnatomyLabel of(int value) {
        for (AnatomyLabel l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        throw new IllegalArgumentException("no anatomy label " + value);
    }
}
