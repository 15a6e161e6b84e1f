package org.calcify.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.dicom.DicomSegmentation;
import org.calcify.io.dicom.SegmentationReader;
import org.calcify.report.dicom.CalciumSegmentLabels;

/** What {@code calcify info} says about a DICOM Segmentation: its segments (with the Calcify label each becomes), frames and references. */
final class SegmentationDescription {
    private SegmentationDescription() {
    }

    static Map<String, Object> of(Path path) throws IOException {
        DicomSegmentation seg = SegmentationReader.read(path);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("format", "DICOM Segmentation (SEG)");
        m.put("segmentation_type", seg.type().name());
        m.put("frames", seg.frames().size());
        m.put("frame_size_columns_rows", new int[] {seg.columns(), seg.rows()});
        m.put("pixel_spacing_mm_row_column", seg.pixelSpacingMm());
        m.put("image_orientation_patient", seg.orientation());
        m.put("sop_instance_uid", String.valueOf(seg.sopInstanceUid()));
        m.put("series_instance_uid", String.valueOf(seg.seriesInstanceUid()));
        m.put("frame_of_reference_uid", String.valueOf(seg.frameOfReferenceUid()));
        List<Object> segments = new ArrayList<>();
        for (DicomSegmentation.Segment s : seg.segments()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", s.number());
            item.put("label", s.label());
            item.put("calcify_label", CalciumSegmentLabels.of(s).className());
            item.put("frames", seg.frameCount(s.number()));
            item.put("category", String.valueOf(s.category()));
            item.put("type", String.valueOf(s.propertyType()));
            if (s.anatomicRegion() != null) {
                item.put("anatomic_region", s.anatomicRegion().toString());
            }
            segments.add(item);
        }
        m.put("segments", segments);
        List<Object> series = new ArrayList<>();
        for (DicomSegmentation.ReferencedSeries r : seg.referencedSeries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("series_instance_uid", r.seriesInstanceUid());
            item.put("instances", r.instances());
            series.add(item);
        }
        m.put("referenced_series", series);
        return m;
    }
}
