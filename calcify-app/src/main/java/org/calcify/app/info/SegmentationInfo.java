package org.calcify.app.info;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.dicom.DicomSegmentation;
import org.calcify.io.dicom.SegmentationReader;
import org.calcify.report.dicom.CalciumSegmentLabels;

/**
 * A DICOM Segmentation as {@code calcify info} describes it: its segments (with the Calcify label each becomes),
 * frames and references.
 *
 * @param segmentationType         BINARY or FRACTIONAL
 * @param frameSizeColumnsRows     columns, rows of a frame
 * @param pixelSpacingMmRowColumn  row spacing, column spacing, mm
 */
public record SegmentationInfo(String path, String format, String segmentationType, int frames, int[] frameSizeColumnsRows,
                               double[] pixelSpacingMmRowColumn, double[] imageOrientationPatient, String sopInstanceUid,
                               String seriesInstanceUid, String frameOfReferenceUid, List<Segment> segments,
                               List<ReferencedSeries> referencedSeries) implements PathInfo {

    /**
     * One segment.
     *
     * @param calcifyLabel   the Calcify class it is read as
     * @param anatomicRegion its anatomic region code, when it has one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(int number, String label, String calcifyLabel, int frames, String category, String type, String anatomicRegion) {
    }

    /** A series the frames reference, and how many of its instances. */
    public record ReferencedSeries(String seriesInstanceUid, int instances) {
    }

    /** The description of the SEG at {@code path}. */
    public static SegmentationInfo of(Path path) throws IOException {
        DicomSegmentation seg = SegmentationReader.read(path);
        List<Segment> segments = seg.segments().stream().map(s -> new Segment(s.number(), s.label(), CalciumSegmentLabels.of(s).className(),
                seg.frameCount(s.number()), String.valueOf(s.category()), String.valueOf(s.propertyType()),
                s.anatomicRegion() == null ? null : s.anatomicRegion().toString())).toList();
        List<ReferencedSeries> series = seg.referencedSeries().stream()
                .map(r -> new ReferencedSeries(r.seriesInstanceUid(), r.instances())).toList();
        return new SegmentationInfo(path.toString(), "DICOM Segmentation (SEG)", seg.type().name(), seg.frames().size(),
                new int[] {seg.columns(), seg.rows()}, seg.pixelSpacingMm(), seg.orientation(), String.valueOf(seg.sopInstanceUid()),
                String.valueOf(seg.seriesInstanceUid()), String.valueOf(seg.frameOfReferenceUid()), segments, series);
    }
}
