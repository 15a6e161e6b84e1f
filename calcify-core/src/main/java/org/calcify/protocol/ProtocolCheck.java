package org.calcify.protocol;

/** What a protocol finding is about. */
public enum ProtocolCheck {
    /** The voxels are CT numbers in Hounsfield units. */
    HOUNSFIELD_UNITS,
    /** A chest is in view. */
    CHEST,
    /** The heart was located. */
    HEART,
    /** Slice thickness against Agatston's 3 mm. */
    SLICE_THICKNESS,
    /** Tube voltage against Agatston's 120 kVp. */
    TUBE_VOLTAGE,
    /** Reconstruction kernel: calcium is scored on soft-tissue kernels. */
    KERNEL,
    /** Image noise measured in the heart. */
    NOISE,
    /** Contrast agent in the blood pool. */
    CONTRAST,
    /** Whether the field of view holds the whole heart. */
    FIELD_OF_VIEW;

    /** Lower-case name with underscores, as in scores.json and cohort.csv. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
