package org.calcify.io.dicom;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identification attributes of one file that objects derived from it (a segmentation, a report)
 * must copy or reference: its SOP instance, study, series and frame of reference UIDs and the patient
 * and study modules. Values are the header's text (decoded as ISO 8859-1, so the bytes are kept as
 * stored, whatever SpecificCharacterSet says), trimmed; a tag is absent when the file lacks it or it is empty.
 *
 * @param values tag ((group &lt;&lt; 16) | element) to text, ascending by tag
 */
public record DicomIdentity(Map<Integer, String> values) {
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int STUDY_TIME = 0x00080030;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    public static final int STUDY_DESCRIPTION = 0x00081030;
    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    public static final int PATIENT_BIRTH_DATE = 0x00100030;
    public static final int PATIENT_SEX = 0x00100040;
    public static final int PATIENT_AGE = 0x00101010;
    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int STUDY_ID = 0x00200010;
    public static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    public static final int POSITION_REFERENCE_INDICATOR = 0x00201040;

    /** Every tag kept. */
    public static final Set<Integer> TAGS = Set.of(SPECIFIC_CHARACTER_SET, SOP_CLASS_UID, SOP_INSTANCE_UID, STUDY_DATE,
            STUDY_TIME, ACCESSION_NUMBER, REFERRING_PHYSICIAN_NAME, STUDY_DESCRIPTION, PATIENT_NAME, PATIENT_ID,
            ISSUER_OF_PATIENT_ID, PATIENT_BIRTH_DATE, PATIENT_SEX, PATIENT_AGE, STUDY_INSTANCE_UID, SERIES_INSTANCE_UID,
            STUDY_ID, FRAME_OF_REFERENCE_UID, POSITION_REFERENCE_INDICATOR);

    public DicomIdentity {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The value of {@code tag}, or null. */
    public String get(int tag) {
        return values.get(tag);
    }

    /** The value of {@code tag}, or "" when absent. */
    public String getOrEmpty(int tag) {
        return values.getOrDefault(tag, "");
    }
}
