package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;

/**
 * Reads a DICOM Segmentation (binary, or fractional taken as more than 50 %) with Calcify's own parser
 * ({@link DicomDataSetParser}). Sizes from the header (Rows x Columns x NumberOfFrames) are multiplied with
 * overflow checks and held against the PixelData length before anything is allocated; frame count, per-frame
 * functional groups and pixel data must agree. Binary frames are read as PS3.5 8.1.1 lays them out: the bits of
 * all frames one after another, first pixel in the lowest bit, a frame starting mid-byte when Rows x Columns is
 * not a multiple of 8.
 */
public final class SegmentationReader {
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int SEGMENTATION_TYPE = 0x00620001;
    static final int SEGMENT_SEQUENCE = 0x00620002;
    static final int SEGMENTED_PROPERTY_CATEGORY = 0x00620003;
    static final int SEGMENT_NUMBER = 0x00620004;
    static final int SEGMENT_LABEL = 0x00620005;
    static final int SEGMENT_ALGORITHM_NAME = 0x00620009;
    static final int SEGMENT_IDENTIFICATION = 0x0062000A;
    static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
    static final int MAXIMUM_FRACTIONAL_VALUE = 0x0062000E;
    static final int SEGMENTED_PROPERTY_TYPE = 0x0062000F;
    static final int ANATOMIC_REGION = 0x00082218;
    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME = 0x00080102;
    static final int CODE_MEANING = 0x00080104;
    static final int SHARED_GROUPS = 0x52009229;
    static final int PER_FRAME_GROUPS = 0x52009230;
    static final int PLANE_ORIENTATION = 0x00209116;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int PIXEL_MEASURES = 0x00289110;
    static final int PIXEL_SPACING = 0x00280030;
    static final int PLANE_POSITION = 0x00209113;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int DERIVATION_IMAGE = 0x00089124;
    static final int SOURCE_IMAGE = 0x00082112;
    static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    static final int REFERENCED_SERIES = 0x00081115;
    static final int REFERENCED_INSTANCE = 0x0008114A;

    private SegmentationReader() {
    }

    /** True when {@code path} is a DICOM file of SOP class Segmentation Storage (reads its header only). */
    public static boolean isSegmentation(Path path) throws IOException {
        if (!Files.isRegularFile(path) || !DicomFileChecker.isDicom(path)) {
            return false;
        }
        DicomHeader h = DicomParser.readHeader(path);
        return DicomSegmentation.SOP_CLASS_UID.equals(h.sopClassUid())
                || (h.sopClassUid() == null && DicomSegmentation.SOP_CLASS_UID.equals(h.mediaStorageSopClassUid()));
    }

    /** Reads the Segmentation in {@code file}. */
    public static DicomSegmentation read(Path file) throws IOException {
        DicomDataSetParser.Parsed parsed = DicomDataSetParser.read(file);
        DicomDataSet d = parsed.dataSet();
        String sopClass = d.string(SOP_CLASS_UID);
        if (!DicomSegmentation.SOP_CLASS_UID.equals(sopClass)) {
            throw new InvalidInputException(file, "not a DICOM Segmentation (SOPClassUID " + sopClass + ", expected "
                    + DicomSegmentation.SOP_CLASS_UID + ")");
        }
        DicomSegmentation.Type type = type(d);
        int rows = required(d, ROWS, "Rows (0028,0010)");
        int columns = required(d, COLUMNS, "Columns (0028,0011)");
        Integer framesValue = d.integerString(NUMBER_OF_FRAMES);
        int frameCount = framesValue == null ? 1 : framesValue;
        int samples = d.unsignedShort(SAMPLES_PER_PIXEL) == null ? 1 : d.unsignedShort(SAMPLES_PER_PIXEL);
        if (samples != 1) {
            throw new InvalidInputException(file, "SamplesPerPixel is " + samples + ", a Segmentation has 1");
        }
        int pixels = SizeBudget.elements(file, "Rows x Columns x NumberOfFrames", rows, columns, frameCount);
        List<DicomSegmentation.Segment> segments = segments(d);
        Set<Integer> numbers = new HashSet<>();
        for (DicomSegmentation.Segment s : segments) {
            numbers.add(s.number());
        }
        List<DicomDataSet> perFrame = d.sequence(PER_FRAME_GROUPS);
        if (perFrame.size() != frameCount) {
            throw new InvalidInputException(file, "NumberOfFrames is " + frameCount + " but the Per-frame Functional Groups "
                    + "Sequence has " + perFrame.size() + " items");
        }
        BitSet masks = masks(file, parsed, d, type, pixels);
        DicomDataSet shared = d.item(SHARED_GROUPS);
        double[] orientation = null;
        double[] spacing = null;
        List<DicomSegmentation.Frame> frames = new ArrayList<>(frameCount);
        for (int f = 0; f < frameCount; f++) {
            DicomDataSet item = perFrame.get(f);
            double[] o = groupValue(item, shared, PLANE_ORIENTATION, IMAGE_ORIENTATION_PATIENT, 6);
            double[] s = groupValue(item, shared, PIXEL_MEASURES, PIXEL_SPACING, 2);
            double[] p = groupValue(item, shared, PLANE_POSITION, IMAGE_POSITION_PATIENT, 3);
            if (o == null || s == null || p == null) {
                throw new InvalidInputException(file, "frame " + (f + 1) + " has no " + (o == null ? "ImageOrientationPatient (Plane Orientation)"
                        : s == null ? "PixelSpacing (Pixel Measures)" : "ImagePositionPatient (Plane Position)"));
            }
            if (orientation == null) {
                orientation = o;
                spacing = s;
            } else if (!close(o, orientation, 1e-4) || !close(s, spacing, 1e-4 * Math.max(spacing[0], spacing[1]))) {
                throw new InvalidInputException(file, "frame " + (f + 1) + " has orientation " + Arrays.toString(o) + " and spacing "
                        + Arrays.toString(s) + ", frame 1 " + Arrays.toString(orientation) + " and " + Arrays.toString(spacing)
                        + ": frames on different planes are not supported");
            }
            DicomDataSet ident = item.item(SEGMENT_IDENTIFICATION);
            if (ident == null && shared != null) {
                ident = shared.item(SEGMENT_IDENTIFICATION);
            }
            Integer segment = ident == null ? null : ident.unsignedShort(REFERENCED_SEGMENT_NUMBER);
            if (segment == null || !numbers.contains(segment)) {
                throw new InvalidInputException(file, "frame " + (f + 1) + (segment == null ? " names no segment (Segment Identification)"
                        : " refers to segment " + segment + ", which the Segment Sequence does not have"));
            }
            frames.add(new DicomSegmentation.Frame(f, segment, p, sourceImage(item)));
        }
        double[] row = {orientation[0], orientation[1], orientation[2]};
        double[] col = {orientation[3], orientation[4], orientation[5]};
        double rowNorm = Math.sqrt(org.calcify.volume.Matrix3.dot(row, row));
        double colNorm = Math.sqrt(org.calcify.volume.Matrix3.dot(col, col));
        if (!(rowNorm > 1e-6) || !(colNorm > 1e-6) || Math.abs(org.calcify.volume.Matrix3.dot(row, col)) > 1e-2 * rowNorm * colNorm) {
            throw new InvalidInputException(file, "ImageOrientationPatient " + Arrays.toString(orientation)
                    + " is degenerate (its row and column cosines must be non-zero and perpendicular)");
        }
        if (!(spacing[0] > 0) || !(spacing[1] > 0)) {
            throw new InvalidInputException(file, "PixelSpacing " + Arrays.toString(spacing) + " is not positive");
        }
        return new DicomSegmentation(file, d.string(SOP_INSTANCE_UID), d.string(SERIES_INSTANCE_UID), d.string(FRAME_OF_REFERENCE_UID),
                type, rows, columns, orientation, spacing, segments, frames, referencedSeries(d), masks);
    }

    private static DicomSegmentation.Type type(DicomDataSet d) throws InvalidInputException {
        String t = d.string(SEGMENTATION_TYPE);
        if ("BINARY".equals(t)) {
            return DicomSegmentation.Type.BINARY;
        }
        if ("FRACTIONAL".equals(t)) {
            return DicomSegmentation.Type.FRACTIONAL;
        }
        throw new InvalidInputException(d.file(), "SegmentationType is " + (t == null ? "missing" : "'" + t + "'")
                + " (BINARY or FRACTIONAL are read)");
    }

    private static int required(DicomDataSet d, int tag, String name) throws InvalidInputException {
        Integer v = d.unsignedShort(tag);
        if (v == null || v < 1) {
            throw new InvalidInputException(d.file(), name + " is " + (v == null ? "missing" : v));
        }
        return v;
    }

    /** The frames' masks, after checking that PixelData holds exactly what the header says (allowing the even-length pad). */
    private static BitSet masks(Path file, DicomDataSetParser.Parsed parsed, DicomDataSet d, DicomSegmentation.Type type, int pixels)
            throws InvalidInputException {
        PixelDataLocation where = parsed.pixelData();
        if (where == null) {
            throw new InvalidInputException(file, "no PixelData (7FE0,0010)");
        }
        if (where.encapsulated()) {
            throw new InvalidInputException(file, "compressed (encapsulated) pixel data in a Segmentation is not supported");
        }
        int bits = d.unsignedShort(BITS_ALLOCATED) == null ? 0 : d.unsignedShort(BITS_ALLOCATED);
        int expectBits = type == DicomSegmentation.Type.BINARY ? 1 : 8;
        if (bits != expectBits) {
            throw new InvalidInputException(file, "BitsAllocated is " + bits + ", a " + type + " Segmentation has " + expectBits);
        }
        long need = type == DicomSegmentation.Type.BINARY ? ((long) pixels + 7) / 8 : pixels;
        long have = where.lengthBytes();
        if (have < need) {
            throw new InvalidInputException(file, "pixel data truncated: Rows x Columns x NumberOfFrames = " + pixels + " pixels need "
                    + need + " bytes but PixelData holds " + have);
        }
        if (have > need + 1) {
            throw new InvalidInputException(file, "PixelData holds " + have + " bytes but Rows x Columns x NumberOfFrames = " + pixels
                    + " pixels need " + need + " (NumberOfFrames wrong, or frames padded apart against PS3.5 8.1.1)");
        }
        ByteBuffer b = parsed.bytes();
        int offset = (int) where.offsetBytes();
        if (type == DicomSegmentation.Type.BINARY) {
            BitSet set = BitSet.valueOf(b.slice(offset, (int) need));
            if (set.length() > pixels) {
                set.clear(pixels, set.length()); // padding bits after the last frame
            }
            return set;
        }
        Integer max = d.unsignedShort(MAXIMUM_FRACTIONAL_VALUE);
        if (max == null || max < 1 || max > 255) {
            throw new InvalidInputException(file, "MaximumFractionalValue (0062,000E) is " + (max == null ? "missing" : max)
                    + " (1 to 255 for a FRACTIONAL Segmentation)");
        }
        BitSet set = new BitSet(pixels);
        for (int i = 0; i < pixels; i++) {
            if (2 * (b.get(offset + i) & 0xFF) > max) {
                set.set(i);
            }
        }
        return set;
    }

    private static List<DicomSegmentation.Segment> segments(DicomDataSet d) throws InvalidInputException {
        List<DicomDataSet> items = d.sequence(SEGMENT_SEQUENCE);
        if (items.isEmpty()) {
            throw new InvalidInputException(d.file(), "no Segment Sequence (0062,0002)");
        }
        List<DicomSegmentation.Segment> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (DicomDataSet s : items) {
            Integer n = s.unsignedShort(SEGMENT_NUMBER);
            if (n == null || n < 1) {
                throw new InvalidInputException(d.file(), "a segment has SegmentNumber " + (n == null ? "missing" : n));
            }
            if (!seen.add(n)) {
                throw new InvalidInputException(d.file(), "SegmentNumber " + n + " occurs twice in the Segment Sequence");
            }
            String label = s.string(SEGMENT_LABEL);
            out.add(new DicomSegmentation.Segment(n, label == null ? "" : label, code(s.item(SEGMENTED_PROPERTY_CATEGORY)),
                    code(s.item(SEGMENTED_PROPERTY_TYPE)), code(s.item(ANATOMIC_REGION)), s.string(SEGMENT_ALGORITHM_NAME)));
        }
        return out;
    }

    private static DicomSegmentation.Code code(DicomDataSet item) throws InvalidInputException {
        if (item == null) {
            return null;
        }
        String value = item.string(CODE_VALUE);
        String scheme = item.string(CODING_SCHEME);
        return value == null || scheme == null ? null : new DicomSegmentation.Code(value, scheme, String.valueOf(item.string(CODE_MEANING)));
    }

    /** {@code valueTag} in the first item of {@code groupTag}: the frame's own group first, else the shared one. */
    private static double[] groupValue(DicomDataSet frame, DicomDataSet shared, int groupTag, int valueTag, int n) throws InvalidInputException {
        DicomDataSet g = frame.item(groupTag);
        if (g == null && shared != null) {
            g = shared.item(groupTag);
        }
        return g == null ? null : g.decimals(valueTag, n);
    }

    private static String sourceImage(DicomDataSet frame) throws InvalidInputException {
        DicomDataSet derivation = frame.item(DERIVATION_IMAGE);
        DicomDataSet source = derivation == null ? null : derivation.item(SOURCE_IMAGE);
        return source == null ? null : source.string(REFERENCED_SOP_INSTANCE_UID);
    }

    private static List<DicomSegmentation.ReferencedSeries> referencedSeries(DicomDataSet d) throws InvalidInputException {
        List<DicomSegmentation.ReferencedSeries> out = new ArrayList<>();
        for (DicomDataSet s : d.sequence(REFERENCED_SERIES)) {
            out.add(new DicomSegmentation.ReferencedSeries(String.valueOf(s.string(SERIES_INSTANCE_UID)), s.sequence(REFERENCED_INSTANCE).size()));
        }
        return out;
    }

    private static boolean close(double[] a, double[] b, double tolerance) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
