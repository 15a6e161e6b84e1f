package org.calcify.io.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.calcify.io.InvalidInputException;

/**
 * The {@link DicomElementHandler} that keeps the few attributes of a {@link DicomHeader} and ignores
 * every other element. Values are decoded only when the header is built.
 */
final class HeaderCollector implements DicomElementHandler {
    static final int SOP_CLASS_UID = 0x00080016;
    static final int MODALITY = 0x00080060;
    static final int MANUFACTURER = 0x00080070;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int GANTRY_DETECTOR_TILT = 0x00181120;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int PIXEL_PADDING_VALUE = 0x00280120;
    static final int PIXEL_PADDING_RANGE_LIMIT = 0x00280121;

    private static final java.util.Set<Integer> STRINGS = java.util.Set.of(DicomParser.TRANSFER_SYNTAX_UID,
            DicomParser.MEDIA_STORAGE_SOP_CLASS_UID, SOP_CLASS_UID, MODALITY, MANUFACTURER, SERIES_DESCRIPTION,
            SLICE_THICKNESS, SPACING_BETWEEN_SLICES, GANTRY_DETECTOR_TILT, SERIES_INSTANCE_UID, INSTANCE_NUMBER,
            IMAGE_POSITION_PATIENT, IMAGE_ORIENTATION_PATIENT, PHOTOMETRIC_INTERPRETATION, NUMBER_OF_FRAMES,
            PIXEL_SPACING, RESCALE_INTERCEPT, RESCALE_SLOPE);
    private static final java.util.Set<Integer> UNSIGNED_SHORTS = java.util.Set.of(SAMPLES_PER_PIXEL, ROWS, COLUMNS,
            BITS_ALLOCATED, BITS_STORED, PIXEL_REPRESENTATION, PIXEL_PADDING_VALUE, PIXEL_PADDING_RANGE_LIMIT);
    /** The identification tags kept verbatim for derived objects ({@link DicomIdentity}). */
    private static final java.util.Set<Integer> IDENTITY = DicomIdentity.TAGS;
    private static final Map<Integer, DicomAttribute> ATTRIBUTES = java.util.Arrays.stream(DicomAttribute.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(DicomAttribute::tag, a -> a));

    private final Path file;
    private final Map<Integer, String> strings = new HashMap<>();
    private final Map<Integer, Integer> shorts = new HashMap<>();
    private PixelDataLocation pixelData;
    private String guessedTransferSyntax;

    HeaderCollector(Path file) {
        this.file = file;
    }

    @Override
    public void element(int tag, String vr, ByteBuffer data, int offset, int length) {
        if (STRINGS.contains(tag) || ATTRIBUTES.containsKey(tag) || IDENTITY.contains(tag)) {
            byte[] b = new byte[length];
            data.get(offset, b);
            strings.put(tag, trim(new String(b, StandardCharsets.ISO_8859_1)));
        } else if (UNSIGNED_SHORTS.contains(tag)) {
            if (length >= 2) {
                shorts.put(tag, data.getShort(offset) & 0xFFFF);
            }
        }
    }

    @Override
    public void pixelData(PixelDataLocation location) {
        this.pixelData = location;
    }

    String transferSyntaxUid() {
        return strings.get(DicomParser.TRANSFER_SYNTAX_UID);
    }

    private byte[] inflatedDataSet;

    void inflatedDataSet(byte[] inflated) {
        this.inflatedDataSet = inflated;
    }

    /** The inflated data set of a deflated file, or null. */
    byte[] inflatedDataSet() {
        return inflatedDataSet;
    }

    void guessedTransferSyntax(String uid) {
        this.guessedTransferSyntax = uid;
    }

    private static String trim(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    DicomHeader toHeader(long fileSizeBytes) throws InvalidInputException {
        String ts = transferSyntaxUid();
        if (ts == null || ts.isEmpty()) {
            ts = guessedTransferSyntax;
        }
        int bitsAllocated = shorts.getOrDefault(BITS_ALLOCATED, 0);
        return new DicomHeader(file, ts,
                strings.get(DicomParser.MEDIA_STORAGE_SOP_CLASS_UID),
                strings.get(SOP_CLASS_UID),
                strings.getOrDefault(SERIES_INSTANCE_UID, ""),
                strings.getOrDefault(MODALITY, ""),
                strings.getOrDefault(SERIES_DESCRIPTION, ""),
                strings.getOrDefault(MANUFACTURER, ""),
                lenientInteger(INSTANCE_NUMBER, null),
                decimals(IMAGE_POSITION_PATIENT, 3),
                decimals(IMAGE_ORIENTATION_PATIENT, 6),
                decimals(PIXEL_SPACING, 2),
                decimal(SLICE_THICKNESS),
                decimal(SPACING_BETWEEN_SLICES),
                decimal(GANTRY_DETECTOR_TILT),
                shorts.getOrDefault(SAMPLES_PER_PIXEL, 1),
                strings.getOrDefault(PHOTOMETRIC_INTERPRETATION, ""),
                lenientInteger(NUMBER_OF_FRAMES, 1),
                shorts.getOrDefault(ROWS, 0),
                shorts.getOrDefault(COLUMNS, 0),
                bitsAllocated,
                shorts.getOrDefault(BITS_STORED, bitsAllocated),
                shorts.getOrDefault(PIXEL_REPRESENTATION, 0),
                decimal(RESCALE_SLOPE) == null ? 1.0 : decimal(RESCALE_SLOPE),
                decimal(RESCALE_INTERCEPT) == null ? 0.0 : decimal(RESCALE_INTERCEPT),
                pixelData,
                fileSizeBytes,
                paddingValue(PIXEL_PADDING_VALUE),
                paddingValue(PIXEL_PADDING_RANGE_LIMIT),
                attributes(),
                identity());
    }

    /** The {@link DicomIdentity#TAGS} present with a non-empty value. */
    private DicomIdentity identity() {
        Map<Integer, String> m = new java.util.TreeMap<>();
        for (int tag : IDENTITY) {
            String v = value(tag);
            if (v != null) {
                m.put(tag, v);
            }
        }
        return new DicomIdentity(m);
    }

    /**
     * PixelPaddingValue or PixelPaddingRangeLimit in stored-value units, or null. Their VR is US or SS
     * following PixelRepresentation (implicit VR files cannot say which): the 16 bits are read as
     * signed when PixelRepresentation is 1, whatever VR an explicit file declares.
     */
    private Integer paddingValue(int tag) {
        Integer raw = shorts.get(tag);
        if (raw == null) {
            return null;
        }
        return shorts.getOrDefault(PIXEL_REPRESENTATION, 0) == 1 ? (int) (short) raw.intValue() : raw;
    }

    /** The {@link DicomAttribute}s present with a non-empty value. */
    private Map<DicomAttribute, String> attributes() {
        Map<DicomAttribute, String> m = new java.util.EnumMap<>(DicomAttribute.class);
        for (DicomAttribute a : DicomAttribute.values()) {
            String v = value(a.tag());
            if (v != null) {
                m.put(a, v);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private String value(int tag) {
        String s = strings.get(tag);
        return s == null || s.isEmpty() ? null : s;
    }

    private Integer integer(int tag) throws InvalidInputException {
        String s = value(tag);
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.split("\\\\")[0].trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, DicomParser.tagName(tag) + " value '" + s + "' is not an integer");
        }
    }

    /** An integer string that pydicom would keep as text when invalid: null, or -1 for NumberOfFrames. */
    private Integer lenientInteger(int tag, Integer missing) {
        try {
            Integer v = integer(tag);
            return v == null ? missing : v;
        } catch (InvalidInputException e) {
            return missing == null ? null : -1;
        }
    }

    private Double decimal(int tag) throws InvalidInputException {
        double[] v = decimals(tag, 1);
        return v == null ? null : v[0];
    }

    /** The first {@code n} values of a multi-valued decimal string, or null when missing or too short. */
    private double[] decimals(int tag, int n) throws InvalidInputException {
        String s = value(tag);
        if (s == null) {
            return null;
        }
        String[] parts = s.split("\\\\"); // trailing empty values dropped: a short value is missing, not wrong
        if (parts.length < n) {
            return null;
        }
        return DecimalString.parse(file, tag, s, parts, n);
    }
}
