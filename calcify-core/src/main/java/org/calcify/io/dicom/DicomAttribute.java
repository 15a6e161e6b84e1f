package org.calcify.io.dicom;

import org.calcify.volume.MetadataKeys;

/**
 * The text attributes about acquisition, patient and study that the reader carries from the header
 * into the volume's metadata (for {@link org.calcify.volume.Acquisition}), each with its tag and
 * metadata key. Series-level attributes are taken from the first slice in volume order; per-slice
 * ones (tube current, exposure) become the range of their values over all slices.
 */
public enum DicomAttribute {
    IMAGE_TYPE(0x00080008, MetadataKeys.DICOM_IMAGE_TYPE, false),
    STUDY_DATE(0x00080020, MetadataKeys.DICOM_STUDY_DATE, false),
    MANUFACTURER_MODEL_NAME(0x00081090, MetadataKeys.DICOM_MANUFACTURER_MODEL_NAME, false),
    PATIENT_ID(0x00100020, MetadataKeys.DICOM_PATIENT_ID, false),
    CONTRAST_BOLUS_AGENT(0x00180010, MetadataKeys.DICOM_CONTRAST_BOLUS_AGENT, false),
    BODY_PART_EXAMINED(0x00180015, MetadataKeys.DICOM_BODY_PART_EXAMINED, false),
    KVP(0x00180060, MetadataKeys.DICOM_KVP, false),
    RECONSTRUCTION_DIAMETER(0x00181100, MetadataKeys.DICOM_RECONSTRUCTION_DIAMETER, false),
    CONTRAST_BOLUS_ROUTE(0x00181040, MetadataKeys.DICOM_CONTRAST_BOLUS_ROUTE, false),
    X_RAY_TUBE_CURRENT(0x00181151, MetadataKeys.DICOM_X_RAY_TUBE_CURRENT, true),
    EXPOSURE(0x00181152, MetadataKeys.DICOM_EXPOSURE, true),
    CONVOLUTION_KERNEL(0x00181210, MetadataKeys.DICOM_CONVOLUTION_KERNEL, false),
    STUDY_INSTANCE_UID(0x0020000D, MetadataKeys.DICOM_STUDY_INSTANCE_UID, false),
    SERIES_NUMBER(0x00200011, MetadataKeys.DICOM_SERIES_NUMBER, false);

    private final int tag;
    private final String metadataKey;
    private final boolean perSliceNumber;

    DicomAttribute(int tag, String metadataKey, boolean perSliceNumber) {
        this.tag = tag;
        this.metadataKey = metadataKey;
        this.perSliceNumber = perSliceNumber;
    }

    /** (group << 16) | element. */
    public int tag() {
        return tag;
    }

    /** The key in the volume's metadata ({@link MetadataKeys}). */
    public String metadataKey() {
        return metadataKey;
    }

    /** True for numbers that vary from slice to slice and are reported as a range. */
    public boolean perSliceNumber() {
        return perSliceNumber;
    }
}
