package org.calcify.volume;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a scan was acquired and reconstructed, as far as its file says: what a calcium-scoring
 * protocol check (120 kVp, a standard kernel, 2.5–3 mm slices, no contrast) and an honest report
 * need. Built from a volume's metadata by {@link #of(Volume)}; every field is null (lists: empty)
 * when the file does not say, never guessed. DICOM series fill most fields (from the first slice
 * in volume order; tube current and exposure over all slices); NIfTI, NRRD, MetaImage, NumPy and
 * phantom volumes give an empty acquisition.
 *
 * @param modality                 (0008,0060), e.g. "CT"
 * @param manufacturer             (0008,0070)
 * @param manufacturerModelName    (0008,1090)
 * @param kvp                      (0018,0060) peak kilovoltage, kV
 * @param kernel                   (0018,1210) ConvolutionKernel, every value (Siemens writes two: {@code Br38f\3})
 * @param sliceThicknessMm         (0018,0050) nominal slice thickness, mm (not the spacing between slices)
 * @param contrastAgent            (0018,0010) ContrastBolusAgent (absent when the header has none; "" is absent too)
 * @param contrastRoute            (0018,1040) ContrastBolusRoute
 * @param reconstructionDiameterMm (0018,1100), mm
 * @param tubeCurrentMa            (0018,1151) XRayTubeCurrent over the slices, mA (a range under tube current modulation)
 * @param exposureMas              (0018,1152) Exposure over the slices, mAs
 * @param bodyPartExamined         (0018,0015)
 * @param patientId                (0010,0020)
 * @param studyDate                (0008,0020) as stored, DICOM DA {@code YYYYMMDD} (see {@link #studyLocalDate()})
 * @param studyInstanceUid         (0020,000D)
 * @param seriesInstanceUid        (0020,000E)
 * @param seriesNumber             (0020,0011)
 * @param seriesDescription        (0008,103E)
 * @param imageType                (0008,0008), every value ({@code ORIGINAL, PRIMARY, AXIAL})
 */
public record Acquisition(
        String modality,
        String manufacturer,
        String manufacturerModelName,
        Double kvp,
        List<String> kernel,
        Double sliceThicknessMm,
        String contrastAgent,
        String contrastRoute,
        Double reconstructionDiameterMm,
        ValueRange tubeCurrentMa,
        ValueRange exposureMas,
        String bodyPartExamined,
        String patientId,
        String studyDate,
        String studyInstanceUid,
        String seriesInstanceUid,
        Integer seriesNumber,
        String seriesDescription,
        List<String> imageType) {

    public Acquisition {
        kernel = kernel == null ? List.of() : List.copyOf(kernel);
        imageType = imageType == null ? List.of() : List.copyOf(imageType);
    }

    /** An acquisition about which nothing is known. */
    public static final Acquisition UNKNOWN = new Acquisition(null, null, null, null, List.of(), null, null, null, null,
            null, null, null, null, null, null, null, null, null, List.of());

    /** What {@code volume}'s metadata says (keys in {@link MetadataKeys}); unparsable numbers are left absent. */
    public static Acquisition of(Volume volume) {
        Map<String, String> m = volume.metadata();
        return new Acquisition(
                text(m, MetadataKeys.DICOM_MODALITY),
                text(m, MetadataKeys.DICOM_MANUFACTURER),
                text(m, MetadataKeys.DICOM_MANUFACTURER_MODEL_NAME),
                number(m, MetadataKeys.DICOM_KVP),
                values(m, MetadataKeys.DICOM_CONVOLUTION_KERNEL),
                number(m, MetadataKeys.DICOM_SLICE_THICKNESS),
                text(m, MetadataKeys.DICOM_CONTRAST_BOLUS_AGENT),
                text(m, MetadataKeys.DICOM_CONTRAST_BOLUS_ROUTE),
                number(m, MetadataKeys.DICOM_RECONSTRUCTION_DIAMETER),
                range(m, MetadataKeys.DICOM_X_RAY_TUBE_CURRENT),
                range(m, MetadataKeys.DICOM_EXPOSURE),
                text(m, MetadataKeys.DICOM_BODY_PART_EXAMINED),
                text(m, MetadataKeys.DICOM_PATIENT_ID),
                text(m, MetadataKeys.DICOM_STUDY_DATE),
                text(m, MetadataKeys.DICOM_STUDY_INSTANCE_UID),
                text(m, MetadataKeys.DICOM_SERIES_INSTANCE_UID),
                integer(m, MetadataKeys.DICOM_SERIES_NUMBER),
                text(m, MetadataKeys.DICOM_SERIES_DESCRIPTION),
                values(m, MetadataKeys.DICOM_IMAGE_TYPE));
    }

    /** The study date as a date, when it is a valid DICOM DA ({@code YYYYMMDD}). */
    public Optional<LocalDate> studyLocalDate() {
        if (studyDate == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(studyDate, DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** True when the file said nothing at all. */
    public boolean isEmpty() {
        return toMap().isEmpty();
    }

    /**
     * The fields present, in declaration order, under snake_case names with units
     * ({@code kvp}, {@code kernel}, {@code slice_thickness_mm}, ...): numbers as numbers, lists as
     * lists, ranges as {@code "v"} or {@code "min..max"}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "modality", modality);
        put(out, "manufacturer", manufacturer);
        put(out, "manufacturer_model_name", manufacturerModelName);
        put(out, "kvp", kvp);
        put(out, "kernel", kernel.isEmpty() ? null : kernel);
        put(out, "slice_thickness_mm", sliceThicknessMm);
        put(out, "contrast_agent", contrastAgent);
        put(out, "contrast_route", contrastRoute);
        put(out, "reconstruction_diameter_mm", reconstructionDiameterMm);
        put(out, "tube_current_ma", tubeCurrentMa == null ? null : tubeCurrentMa.toString());
        put(out, "exposure_mas", exposureMas == null ? null : exposureMas.toString());
        put(out, "body_part_examined", bodyPartExamined);
        put(out, "patient_id", patientId);
        put(out, "study_date", studyDate);
        put(out, "study_instance_uid", studyInstanceUid);
        put(out, "series_instance_uid", seriesInstanceUid);
        put(out, "series_number", seriesNumber);
        put(out, "series_description", seriesDescription);
        put(out, "image_type", imageType.isEmpty() ? null : imageType);
        return out;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String text(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A number, dropping a trailing unit ("1.25 mm"); null when missing or not a number. */
    private static Double number(Map<String, String> m, String key) {
        String v = text(m, key);
        if (v == null) {
            return null;
        }
        String n = v.endsWith(" mm") ? v.substring(0, v.length() - 3).strip() : v;
        try {
            double d = Double.parseDouble(n.split("\\\\")[0].strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(Map<String, String> m, String key) {
        Double d = number(m, key);
        return d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE ? null : d.intValue();
    }

    private static ValueRange range(Map<String, String> m, String key) {
        String v = text(m, key);
        if (v == null) {
            return null;
        }
        try {
            return ValueRange.parse(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> values(Map<String, String> m, String key) {
        String v = text(m, key);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split("\\\\", -1)).map(String::strip).toList();
    }
}
