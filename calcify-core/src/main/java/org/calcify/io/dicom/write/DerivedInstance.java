package org.calcify.io.dicom.write;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.calcify.io.dicom.DicomIdentity;
import org.calcify.io.dicom.DicomSeriesReference;

/**
 * The new series and instance an object derived from a source series goes into, and who made it. Writes
 * the modules every derived object shares: Patient and General Study (copied from the source), General
 * Series, General and Enhanced General Equipment, content date and time, SOP Common.
 *
 * @param seriesInstanceUid new SeriesInstanceUID
 * @param sopInstanceUid    new SOPInstanceUID
 * @param seriesNumber      SeriesNumber
 * @param instanceNumber    InstanceNumber
 * @param seriesDescription SeriesDescription (ASCII)
 * @param contentLabel      ContentLabel: upper case letters, digits, space and underscore, at most 16
 * @param description       ContentDescription
 * @param manufacturer      Manufacturer
 * @param modelName         ManufacturerModelName
 * @param softwareVersion   SoftwareVersions
 * @param created           InstanceCreation, Series and Content date and time
 */
public record DerivedInstance(String seriesInstanceUid, String sopInstanceUid, int seriesNumber, int instanceNumber,
                              String seriesDescription, String contentLabel, String description, String manufacturer,
                              String modelName, String softwareVersion, LocalDateTime created) {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SSSSSS", Locale.ROOT);

    public DerivedInstance {
        if (!contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
            throw new IllegalArgumentException("ContentLabel must be 1-16 of A-Z, 0-9, space, underscore: '" + contentLabel + "'");
        }
    }

    /** A new series and instance (new UIDs, instance 1) made by Calcify {@code version} now. */
    public static DerivedInstance of(int seriesNumber, String seriesDescription, String contentLabel, String description,
                                     String softwareVersion) {
        return new DerivedInstance(Uids.newUid(), Uids.newUid(), seriesNumber, 1, seriesDescription, contentLabel, description,
                "Calcify", "Calcify", softwareVersion, LocalDateTime.now());
    }

    String date() {
        return created.format(DATE);
    }

    String time() {
        return created.format(TIME);
    }

    /** Writes the shared modules and the SOP class, instance and modality into {@code d}. */
    void putCommon(DicomDataset d, DicomSeriesReference source, String sopClassUid, String modality) {
        DicomIdentity id = source.identity();
        String charset = id.get(DicomIdentity.SPECIFIC_CHARACTER_SET);
        if (charset != null) {
            d.copiedString(Tags.SPECIFIC_CHARACTER_SET, Vr.CS, charset);
        }
        d.string(Tags.SOP_CLASS_UID, Vr.UI, sopClassUid);
        d.string(Tags.SOP_INSTANCE_UID, Vr.UI, sopInstanceUid);
        d.string(Tags.INSTANCE_CREATION_DATE, Vr.DA, date());
        d.string(Tags.INSTANCE_CREATION_TIME, Vr.TM, time());
        // Patient module (type 2: present, empty when the source lacks them)
        copy(d, id, DicomIdentity.PATIENT_NAME, Tags.PATIENT_NAME, Vr.PN, true);
        copy(d, id, DicomIdentity.PATIENT_ID, Tags.PATIENT_ID, Vr.LO, true);
        copy(d, id, DicomIdentity.ISSUER_OF_PATIENT_ID, Tags.ISSUER_OF_PATIENT_ID, Vr.LO, false);
        copy(d, id, DicomIdentity.PATIENT_BIRTH_DATE, Tags.PATIENT_BIRTH_DATE, Vr.DA, true);
        copy(d, id, DicomIdentity.PATIENT_SEX, Tags.PATIENT_SEX, Vr.CS, true);
        copy(d, id, DicomIdentity.PATIENT_AGE, Tags.PATIENT_AGE, Vr.AS, false);
        // General Study module
        d.string(Tags.STUDY_INSTANCE_UID, Vr.UI, source.studyInstanceUid());
        copy(d, id, DicomIdentity.STUDY_DATE, Tags.STUDY_DATE, Vr.DA, true);
        copy(d, id, DicomIdentity.STUDY_TIME, Tags.STUDY_TIME, Vr.TM, true);
        copy(d, id, DicomIdentity.REFERRING_PHYSICIAN_NAME, Tags.REFERRING_PHYSICIAN_NAME, Vr.PN, true);
        copy(d, id, DicomIdentity.STUDY_ID, Tags.STUDY_ID, Vr.SH, true);
        copy(d, id, DicomIdentity.ACCESSION_NUMBER, Tags.ACCESSION_NUMBER, Vr.SH, true);
        copy(d, id, DicomIdentity.STUDY_DESCRIPTION, Tags.STUDY_DESCRIPTION, Vr.LO, false);
        // General Series module
        d.string(Tags.MODALITY, Vr.CS, modality);
        d.string(Tags.SERIES_INSTANCE_UID, Vr.UI, seriesInstanceUid);
        d.is(Tags.SERIES_NUMBER, seriesNumber);
        d.string(Tags.SERIES_DATE, Vr.DA, date());
        d.string(Tags.SERIES_TIME, Vr.TM, time());
        d.string(Tags.SERIES_DESCRIPTION, Vr.LO, DicomDataset.ascii(seriesDescription));
        // General and Enhanced General Equipment modules
        d.string(Tags.MANUFACTURER, Vr.LO, manufacturer);
        d.string(Tags.MANUFACTURER_MODEL_NAME, Vr.LO, modelName);
        d.string(Tags.DEVICE_SERIAL_NUMBER, Vr.LO, "1");
        d.string(Tags.SOFTWARE_VERSIONS, Vr.LO, softwareVersion);
        // General Image / SR Document General: instance and content date and time
        d.is(Tags.INSTANCE_NUMBER, instanceNumber);
        d.string(Tags.CONTENT_DATE, Vr.DA, date());
        d.string(Tags.CONTENT_TIME, Vr.TM, time());
    }

    private static void copy(DicomDataset d, DicomIdentity id, int from, int to, Vr vr, boolean type2) {
        String v = id.get(from);
        if (v != null) {
            d.copiedString(to, vr, v);
        } else if (type2) {
            d.string(to, vr);
        }
    }
}
