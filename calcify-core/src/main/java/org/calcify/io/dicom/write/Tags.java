package org.calcify.io.dicom.write;

/** The tags the writers use, (group &lt;&lt; 16) | element, named as in PS3.6. */
final class Tags {
    private Tags() {
    }

    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int IMAGE_TYPE = 0x00080008;
    static final int INSTANCE_CREATION_DATE = 0x00080012;
    static final int INSTANCE_CREATION_TIME = 0x00080013;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int SERIES_DATE = 0x00080021;
    static final int CONTENT_DATE = 0x00080023;
    static final int STUDY_TIME = 0x00080030;
    static final int SERIES_TIME = 0x00080031;
    static final int CONTENT_TIME = 0x00080033;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int MANUFACTURER = 0x00080070;
    static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    static final int REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE = 0x00081111;
    static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
    static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
    static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    static final int REFERENCED_FRAME_NUMBER = 0x00081160;

    static final int DERIVATION_CODE_SEQUENCE = 0x00089215;
    static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
    static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
    static final int DERIVATION_IMAGE_SEQUENCE = 0x00089124;
    static final int PURPOSE_OF_REFERENCE_CODE_SEQUENCE = 0x0040A170;
    static final int REFERENCED_INSTANCE_SEQUENCE = 0x0008114A;

    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int PATIENT_AGE = 0x00101010;

    static final int SLICE_THICKNESS = 0x00180050;
    static final int KVP = 0x00180060;
    static final int PATIENT_POSITION = 0x00185100;
    static final int ACQUISITION_NUMBER = 0x00200012;
    static final int LATERALITY = 0x00200060;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int RESCALE_TYPE = 0x00281054;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    static final int SOFTWARE_VERSIONS = 0x00181020;

    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int STUDY_ID = 0x00200010;
    static final int SERIES_NUMBER = 0x00200011;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    static final int DIMENSION_ORGANIZATION_UID = 0x00209164;
    static final int DIMENSION_INDEX_POINTER = 0x00209165;
    static final int FUNCTIONAL_GROUP_POINTER = 0x00209167;
    static final int DIMENSION_ORGANIZATION_SEQUENCE = 0x00209221;
    static final int DIMENSION_INDEX_SEQUENCE = 0x00209222;
    static final int DIMENSION_DESCRIPTION_LABEL = 0x00209421;
    static final int DIMENSION_ORGANIZATION_TYPE = 0x00209311;
    static final int DIMENSION_INDEX_VALUES = 0x00209157;
    static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
    static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;

    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;

    static final int CONTENT_LABEL = 0x00700080;
    static final int CONTENT_DESCRIPTION = 0x00700081;
    static final int CONTENT_CREATOR_NAME = 0x00700084;

    static final int SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000A;
    static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
    static final int SEGMENTATION_TYPE = 0x00620001;
    static final int SEGMENT_SEQUENCE = 0x00620002;
    static final int SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE = 0x00620003;
    static final int SEGMENT_NUMBER = 0x00620004;
    static final int SEGMENT_LABEL = 0x00620005;
    static final int SEGMENT_ALGORITHM_TYPE = 0x00620008;
    static final int SEGMENT_ALGORITHM_NAME = 0x00620009;
    static final int SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE = 0x00620007;
    static final int RECOMMENDED_DISPLAY_CIELAB_VALUE = 0x0062000D;
    static final int SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE = 0x0062000F;
    static final int ALGORITHM_FAMILY_CODE_SEQUENCE = 0x0066002F;
    static final int ALGORITHM_VERSION = 0x00660031;
    static final int ALGORITHM_PARAMETERS = 0x00660032;
    static final int ALGORITHM_NAME = 0x00660036;

    static final int PIXEL_DATA = 0x7FE00010;

    // structured reporting
    static final int VALUE_TYPE = 0x0040A040;
    static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
    static final int CONTINUITY_OF_CONTENT = 0x0040A050;
    static final int RELATIONSHIP_TYPE = 0x0040A010;
    static final int CONTENT_SEQUENCE = 0x0040A730;
    static final int TEXT_VALUE = 0x0040A160;
    static final int PERSON_NAME = 0x0040A123;
    static final int UID = 0x0040A124;
    static final int CONCEPT_CODE_SEQUENCE = 0x0040A168;
    static final int MEASURED_VALUE_SEQUENCE = 0x0040A300;
    static final int NUMERIC_VALUE = 0x0040A30A;
    static final int MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA;
    static final int CONTENT_TEMPLATE_SEQUENCE = 0x0040A504;
    static final int MAPPING_RESOURCE = 0x00080105;
    static final int CODING_SCHEME_IDENTIFICATION_SEQUENCE = 0x00080110;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODING_SCHEME_NAME = 0x00080115;
    static final int CODING_SCHEME_RESPONSIBLE_ORGANIZATION = 0x00080116;
    static final int TEMPLATE_IDENTIFIER = 0x0040DB00;
    static final int COMPLETION_FLAG = 0x0040A491;
    static final int VERIFICATION_FLAG = 0x0040A493;
    static final int PERFORMED_PROCEDURE_CODE_SEQUENCE = 0x0040A372;
    static final int CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE = 0x0040A375;
}
