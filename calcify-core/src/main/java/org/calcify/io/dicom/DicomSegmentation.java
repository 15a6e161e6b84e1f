package org.calcify.io.dicom;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * A DICOM Segmentation (PS3.3 A.51) as {@link SegmentationReader} reads it: its segments, its frames (each one
 * segment's mask on one plane) and the plane geometry they share. Fractional segmentations are held as binary
 * masks already (a pixel is in the segment when its value is more than half of MaximumFractionalValue).
 *
 * @param file                the file read
 * @param sopInstanceUid      (0008,0018), or null
 * @param seriesInstanceUid   (0020,000E), or null
 * @param frameOfReferenceUid (0020,0052), or null
 * @param type                SegmentationType (0062,0001)
 * @param rows                Rows: pixels along a column (y)
 * @param columns             Columns: pixels along a row (x)
 * @param orientation         ImageOrientationPatient of every frame: row cosine then column cosine, LPS
 * @param pixelSpacingMm      PixelSpacing: spacing between rows, then between columns, mm
 * @param segments            the Segment Sequence, in file order
 * @param frames              the frames in file order
 * @param referencedSeries    the series the SEG references (ReferencedSeriesSequence), in file order
 * @param masks               frame f's pixel (r, c) is bit {@code (f * rows + r) * columns + c}; the accessor gives a copy
 */
public record DicomSegmentation(Path file, String sopInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
                                Type type, int rows, int columns, double[] orientation, double[] pixelSpacingMm,
                                List<Segment> segments, List<Frame> frames, List<ReferencedSeries> referencedSeries,
                                BitSet masks) {

    /** SOP class UID of Segmentation Storage. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.66.4";

    /** SegmentationType (0062,0001). */
    public enum Type { BINARY, FRACTIONAL }

    /**
     * A coded concept (Code Sequence Macro).
     *
     * @param value   CodeValue
     * @param scheme  CodingSchemeDesignator
     * @param meaning CodeMeaning
     */
    public record Code(String value, String scheme, String meaning) {
        /** True when this is {@code value} of {@code scheme} (SCT and SRT are the same SNOMED scheme). */
        public boolean is(String scheme, String value) {
            return value.equals(this.value) && (scheme.equals(this.scheme)
                    || ("SCT".equals(scheme) && "SRT".equals(this.scheme)));
        }

        @Override
        public String toString() {
            return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
        }
    }

    /**
     * One item of the Segment Sequence.
     *
     * @param number         SegmentNumber (0062,0004)
     * @param label          SegmentLabel (0062,0005), "" when missing
     * @param category       Segmented Property Category, or null
     * @param propertyType   Segmented Property Type, or null
     * @param anatomicRegion Anatomic Region, or null
     * @param algorithmName  SegmentAlgorithmName, or null
     */
    public record Segment(int number, String label, Code category, Code propertyType, Code anatomicRegion, String algorithmName) {
    }

    /**
     * One frame.
     *
     * @param index          0-based frame index in the pixel data
     * @param segmentNumber  ReferencedSegmentNumber of its Segment Identification
     * @param positionMm     ImagePositionPatient of its Plane Position: LPS centre of its first pixel, mm
     * @param sourceSopInstanceUid the first source image of its Derivation Image Sequence, or null
     */
    public record Frame(int index, int segmentNumber, double[] positionMm, String sourceSopInstanceUid) {
    }

    /**
     * One item of the ReferencedSeriesSequence.
     *
     * @param seriesInstanceUid the series
     * @param instances         the number of its instances referenced
     */
    public record ReferencedSeries(String seriesInstanceUid, int instances) {
    }

    public DicomSegmentation {
        segments = List.copyOf(segments);
        frames = List.copyOf(frames);
        referencedSeries = List.copyOf(referencedSeries);
    }

    /** A copy of the masks (the record keeps its own). */
    @Override
    public BitSet masks() {
        return (BitSet) masks.clone();
    }

    /**
     * The first pixel at or after {@code fromPixel} (row * columns + column) of frame {@code frame} that is in its
     * segment, or -1 when there is none.
     */
    public int nextPixel(int frame, int fromPixel) {
        int size = rows * columns;
        int base = frame * size;
        int i = masks.nextSetBit(base + fromPixel);
        return i < 0 || i >= base + size ? -1 : i - base;
    }

    /** True when pixel (row, column) of frame {@code frame} is in its segment. */
    public boolean inSegment(int frame, int row, int column) {
        return masks.get((frame * rows + row) * columns + column);
    }

    /** The segment numbered {@code number}, or null. */
    public Segment segment(int number) {
        for (Segment s : segments) {
            if (s.number() == number) {
                return s;
            }
        }
        return null;
    }

    /** The number of frames of segment {@code number}. */
    public int frameCount(int number) {
        return (int) frames.stream().filter(f -> f.segmentNumber() == number).count();
    }
}
