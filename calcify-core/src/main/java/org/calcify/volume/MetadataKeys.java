package org.calcify.volume;

/**
 * The metadata keys readers write and {@link Padding} and {@link Acquisition} read (see
 * {@link Volume#metadata()}). The keys are stable: add new ones, never rename. Values are text as
 * the header holds it, trimmed; a key that is missing means the header did not say.
 * Multi-valued DICOM attributes keep DICOM's backslash between values ({@code "ORIGINAL\PRIMARY\AXIAL"}).
 * Documented in docs/formats.md ("Metadata, acquisition and padding").
 */
public final class MetadataKeys {
    private MetadataKeys() {
    }

    /** Reader name ("DICOM", "NIfTI-1", "NRRD", ...). */
    public static final String FORMAT = "format";

    // written by the DICOM reader for every series (may be ""), kept from before
    /** (0008,0060) Modality. */
    public static final String DICOM_MODALITY = "dicom.modality";
    /** (0008,0070) Manufacturer; "" when missing. */
    public static final String DICOM_MANUFACTURER = "dicom.manufacturer";
    /** (0008,103E) SeriesDescription; "" when missing. */
    public static final String DICOM_SERIES_DESCRIPTION = "dicom.seriesDescription";
    /** (0020,000E) SeriesInstanceUID. */
    public static final String DICOM_SERIES_INSTANCE_UID = "dicom.seriesInstanceUid";
    /** (0018,0050) SliceThickness of the first slice, with its unit: {@code "1.25 mm"}. */
    public static final String DICOM_SLICE_THICKNESS = "dicom.sliceThickness";

    // written by the DICOM reader only when the first slice (in volume order) has the attribute
    /** (0008,1090) ManufacturerModelName. */
    public static final String DICOM_MANUFACTURER_MODEL_NAME = "dicom.manufacturerModelName";
    /** (0018,0060) KVP, peak kilovoltage in kV. */
    public static final String DICOM_KVP = "dicom.kvp";
    /** (0018,1210) ConvolutionKernel; several values joined by a backslash. */
    public static final String DICOM_CONVOLUTION_KERNEL = "dicom.convolutionKernel";
    /** (0018,0010) ContrastBolusAgent. */
    public static final String DICOM_CONTRAST_BOLUS_AGENT = "dicom.contrastBolusAgent";
    /** (0018,1040) ContrastBolusRoute. */
    public static final String DICOM_CONTRAST_BOLUS_ROUTE = "dicom.contrastBolusRoute";
    /** (0018,1100) ReconstructionDiameter in mm. */
    public static final String DICOM_RECONSTRUCTION_DIAMETER = "dicom.reconstructionDiameter";
    /** (0018,1151) XRayTubeCurrent in mA over all slices: {@code "v"} or {@code "min..max"} ({@link ValueRange}). */
    public static final String DICOM_X_RAY_TUBE_CURRENT = "dicom.xRayTubeCurrent";
    /** (0018,1152) Exposure in mAs over all slices: {@code "v"} or {@code "min..max"} ({@link ValueRange}). */
    public static final String DICOM_EXPOSURE = "dicom.exposure";
    /** (0018,0015) BodyPartExamined. */
    public static final String DICOM_BODY_PART_EXAMINED = "dicom.bodyPartExamined";
    /** (0010,0020) PatientID. */
    public static final String DICOM_PATIENT_ID = "dicom.patientId";
    /** (0008,0020) StudyDate as stored (DICOM DA, {@code YYYYMMDD}). */
    public static final String DICOM_STUDY_DATE = "dicom.studyDate";
    /** (0020,000D) StudyInstanceUID. */
    public static final String DICOM_STUDY_INSTANCE_UID = "dicom.studyInstanceUid";
    /** (0020,0011) SeriesNumber. */
    public static final String DICOM_SERIES_NUMBER = "dicom.seriesNumber";
    /** (0008,0008) ImageType; values joined by a backslash. */
    public static final String DICOM_IMAGE_TYPE = "dicom.imageType";

    /** (0028,0120) PixelPaddingValue of the first slice that has one, in stored-value units (signed when PixelRepresentation is 1). */
    public static final String DICOM_PIXEL_PADDING_VALUE = "dicom.pixelPaddingValue";
    /** (0028,0121) PixelPaddingRangeLimit of the first slice that has one, in stored-value units. */
    public static final String DICOM_PIXEL_PADDING_RANGE_LIMIT = "dicom.pixelPaddingRangeLimit";
    /**
     * The padding a header declares, in HU (the stored values rescaled like the voxels): {@code "v"}
     * or {@code "min..max"} ({@link ValueRange}) for the whole volume, or, when slices differ, one
     * entry per slice in z order separated by {@code ";"}, {@code "-"} for a slice without padding.
     */
    public static final String PADDING_HU = "padding.hu";
    /** Set by {@link Padding#withAir()}: the number of voxels it set to air. */
    public static final String PADDING_REPLACED_WITH_AIR = "padding.replacedWithAir";
}
