package org.calcify.phantom;

/**
 * Codes of the phantom's anatomy truth map ({@link PhantomCase#anatomy()}, {@code anatomy.nii.gz}): one
 * uint8 per CT voxel, the tissue class that covers most of the voxel's slab.
 */
public enum AnatomyCode {
    /** Air outside the patient and the table. */
    OUTSIDE(0),
    /** Body soft tissue: skin, fat, muscle, breast, arms' soft tissue, mediastinal fat, oesophagus, pulmonary
     *  trunk and arteries, venae cavae, spinal canal, the abdomen below the diaphragm. */
    SOFT_TISSUE(1),
    /** Lung parenchyma with its vessels and bronchi, and the airways (trachea, main bronchi). */
    LUNG(2),
    /** Bone and cartilage: vertebrae and discs, ribs, costal cartilage (with its calcified specks), sternum, humerus. */
    BONE(3),
    /** Aorta: root bulb, ascending, arch, descending, with its wall. */
    AORTA(4),
    /** Heart region: the pericardial sac with the pericardium, epicardial fat, myocardium, chambers and the coronaries. */
    HEART(5),
    /** Objects that are not the patient: the table and its pad, ECG electrodes and leads. */
    OBJECT(6);

    private final int code;

    AnatomyCode(int code) {
        this.code = code;
    }

    /** The uint8 value in the map. */
    public int code() {
        return code;
    }

    static final byte OUT = 0;
    static final byte SOFT = 1;
    static final byte LUNG_B = 2;
    static final byte BONE_B = 3;
    static final byte AORTA_B = 4;
    static final byte HEART_B = 5;
    static final byte OBJECT_B = 6;
    static final int COUNT = 7;
}
