package org.calcify.report.dicom;

import org.calcify.io.text.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.io.dicom.write.CodedConcept;
import org.calcify.io.dicom.write.DerivedInstance;
import org.calcify.io.dicom.write.DicomDataset;
import org.calcify.io.dicom.write.SrItem;
import org.calcify.io.dicom.write.StructuredReport;
import org.calcify.io.dicom.write.Uids;
import org.calcify.score.Artery;
import org.calcify.score.CalciumLabel;
import org.calcify.score.ScoreTriple;

/**
 * A calcium score as a DICOM Measurement Report (TID 1500, PS3.16): observer context (Calcify as the
 * device, and the reader as a person once the review is signed), procedure reported (cardiac CT for calcium scoring), an image library of the source images,
 * one measurement group per artery, one for the non-coronary calcium when a SEG holds it, and one for the
 * whole scan, and the protocol warnings as qualitative evaluations. A group whose calcium is a segment of
 * the SEG is a TID 1411 volumetric group referencing that segment; the others are TID 1501 groups. Codes
 * and where they come from: docs/dicom-out.md.
 */
public final class CalciumReport {
    static final CodedConcept IMAGING_MEASUREMENT_REPORT = dcm("126000", "Imaging Measurement Report");
    static final CodedConcept LANGUAGE = dcm("121049", "Language of Content Item and Descendants");
    static final CodedConcept ENGLISH_US = new CodedConcept("en-US", "RFC5646", "English (United States)");
    static final CodedConcept OBSERVER_TYPE = dcm("121005", "Observer Type");
    static final CodedConcept DEVICE = dcm("121007", "Device");
    static final CodedConcept PERSON = dcm("121006", "Person");
    static final CodedConcept PERSON_OBSERVER_NAME = dcm("121008", "Person Observer Name");
    static final CodedConcept DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID");
    static final CodedConcept DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name");
    static final CodedConcept DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer");
    static final CodedConcept DEVICE_OBSERVER_MODEL_NAME = dcm("121015", "Device Observer Model Name");
    static final CodedConcept PROCEDURE_REPORTED = dcm("121058", "Procedure reported");
    static final CodedConcept CALCIUM_SCORING_CT = new CodedConcept("426005005", "SCT", "Cardiac CT for calcium scoring");
    static final CodedConcept IMAGE_LIBRARY = dcm("111028", "Image Library");
    static final CodedConcept IMAGE_LIBRARY_GROUP = dcm("126200", "Image Library Group");
    static final CodedConcept IMAGING_MEASUREMENTS = dcm("126010", "Imaging Measurements");
    static final CodedConcept MEASUREMENT_GROUP = dcm("125007", "Measurement Group");
    static final CodedConcept TRACKING_IDENTIFIER = dcm("112039", "Tracking Identifier");
    static final CodedConcept TRACKING_UID = dcm("112040", "Tracking Unique Identifier");
    static final CodedConcept REFERENCED_SEGMENT = dcm("121191", "Referenced Segment");
    static final CodedConcept SOURCE_SERIES_FOR_SEGMENTATION = dcm("121232", "Source series for segmentation");
    static final CodedConcept FINDING = dcm("121071", "Finding");
    static final CodedConcept FINDING_SITE = new CodedConcept("363698007", "SCT", "Finding Site");
    static final CodedConcept MEASUREMENT_METHOD = new CodedConcept("370129005", "SCT", "Measurement Method");
    static final CodedConcept AGATSTON_METHOD = dcm("112055", "Agatston scoring method");
    static final CodedConcept CALCIUM_SCORE = dcm("112058", "Calcium score");
    static final CodedConcept CALCIUM_VOLUME = dcm("122660", "Calcium Volume");
    static final CodedConcept CALCIUM_MASS = dcm("122661", "Calcium Mass");
    static final CodedConcept NUMBER_OF_CALCIFICATIONS = dcm("111038", "Number of calcifications");
    static final CodedConcept QUALITATIVE_EVALUATIONS = new CodedConcept("C0034375", "UMLS", "Qualitative Evaluations");
    static final CodedConcept COMMENT = dcm("121106", "Comment");
    static final CodedConcept NO_UNITS = new CodedConcept("1", "UCUM", "no units");
    static final CodedConcept CUBIC_MILLIMETER = new CodedConcept("mm3", "UCUM", "cubic millimeter");
    static final CodedConcept MILLIGRAM = new CodedConcept("mg", "UCUM", "milligram");
    /** No standard code: Calcify's private concept for the Agatston risk category. */
    static final CodedConcept RISK_CATEGORY = new CodedConcept("CAC-CATEGORY", CodedConcept.CALCIFY_SCHEME, "Agatston risk category");

    /**
     * The SEG the report's measurement groups point to.
     *
     * @param seriesInstanceUid its series
     * @param sopInstanceUid    its instance
     * @param segmentNumbers    label value (1-5) to its segment number in the SEG; labels without a segment are absent
     */
    public record SegmentationLink(String seriesInstanceUid, String sopInstanceUid, Map<Integer, Integer> segmentNumbers) {
    }

    private CalciumReport() {
    }

    /** The value of the risk category {@code label} ("0", "1-10", ...) in Calcify's private scheme. */
    static CodedConcept category(String label) {
        String value = switch (label) {
            case "0" -> "CAC-0";
            case "1-10" -> "CAC-1-10";
            case "11-100" -> "CAC-11-100";
            case "101-400" -> "CAC-101-400";
            case ">400" -> "CAC-GT400";
            default -> throw new IllegalArgumentException("unknown risk category '" + label + "'");
        };
        return new CodedConcept(value, CodedConcept.CALCIFY_SCHEME, "Agatston " + label);
    }

    /**
     * The SR data set.
     *
     * @param seg the SEG of the same scan, or null when none was written (no calcium)
     */
    public static DicomDataset build(DicomSeriesReference source, CalciumFindings f, SegmentationLink seg, String version,
                                     DerivedInstance instance) {
        List<SrItem> root = new ArrayList<>();
        root.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, LANGUAGE, ENGLISH_US, List.of()));
        root.add(SrItem.code(SrItem.HAS_OBS_CONTEXT, OBSERVER_TYPE, DEVICE, List.of()));
        root.add(SrItem.uid(SrItem.HAS_OBS_CONTEXT, DEVICE_OBSERVER_UID, Uids.IMPLEMENTATION_CLASS_UID));
        root.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, DEVICE_OBSERVER_NAME, "Calcify " + version));
        root.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, DEVICE_OBSERVER_MANUFACTURER, "Calcify"));
        root.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, DEVICE_OBSERVER_MODEL_NAME, f.model() == null || f.model().isEmpty() ? "Calcify" : f.model()));
        if (f.signedBy() != null && !f.signedBy().isBlank()) {
            // the reader who confirmed or corrected every lesion: a second observer (TID 1002 with TID 1003)
            root.add(SrItem.code(SrItem.HAS_OBS_CONTEXT, OBSERVER_TYPE, PERSON, List.of()));
            root.add(SrItem.personName(SrItem.HAS_OBS_CONTEXT, PERSON_OBSERVER_NAME, f.signedBy()));
        }
        root.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, PROCEDURE_REPORTED, CALCIUM_SCORING_CT, List.of()));
        root.add(imageLibrary(source));

        List<SrItem> groups = new ArrayList<>();
        for (Artery a : Artery.values()) {
            groups.add(group(a.name() + " calcium", site(a), f.arteries().get(a), f.arteryLesions().get(a), a.label(), source, seg));
        }
        if (f.otherCalcium() > 0 || (seg != null && seg.segmentNumbers().containsKey(CalciumLabel.OTHER_CALCIUM.label()))) {
            groups.add(group("Other calcium", null, null, f.otherCalcium(), CalciumLabel.OTHER_CALCIUM.label(), source, seg));
        }
        SrItem total = group("Total coronary calcium", CalciumSegments.CORONARY_ARTERY, f.total(), f.lesions(), 0, source, null);
        List<SrItem> totalItems = new ArrayList<>(total.children());
        totalItems.add(SrItem.code(SrItem.CONTAINS, RISK_CATEGORY, category(f.category()), List.of()));
        groups.add(SrItem.container(SrItem.CONTAINS, MEASUREMENT_GROUP, totalItems));
        root.add(SrItem.container(SrItem.CONTAINS, IMAGING_MEASUREMENTS, groups));

        if (!f.warnings().isEmpty()) {
            List<SrItem> warnings = new ArrayList<>();
            for (String w : f.warnings()) {
                warnings.add(SrItem.text(SrItem.CONTAINS, COMMENT, "protocol warning: " + w));
            }
            root.add(SrItem.container(SrItem.CONTAINS, QUALITATIVE_EVALUATIONS, warnings));
        }
        List<StructuredReport.Evidence> evidence = seg == null ? List.of()
                : List.of(new StructuredReport.Evidence(seg.seriesInstanceUid(), Uids.SEGMENTATION_STORAGE, seg.sopInstanceUid()));
        return StructuredReport.build(source, instance, SrItem.container(null, IMAGING_MEASUREMENT_REPORT, root), "1500", evidence);
    }

    private static CodedConcept site(Artery a) {
        return switch (a) {
            case LM -> CalciumSegments.LEFT_MAIN;
            case LAD -> CalciumSegments.LAD;
            case LCX -> CalciumSegments.CIRCUMFLEX;
            case RCA -> CalciumSegments.RCA;
        };
    }

    /** TID 1600: the source images, one library entry each. */
    private static SrItem imageLibrary(DicomSeriesReference source) {
        List<SrItem> entries = new ArrayList<>();
        for (DicomSeriesReference.Image image : source.images()) {
            entries.add(SrItem.image(SrItem.CONTAINS, null, image.sopClassUid(), image.sopInstanceUid(), 0));
        }
        return SrItem.container(SrItem.CONTAINS, IMAGE_LIBRARY,
                List.of(SrItem.container(SrItem.CONTAINS, IMAGE_LIBRARY_GROUP, entries)));
    }

    /**
     * One measurement group: TID 1411 when label {@code label} is a segment of the SEG, else TID 1501.
     *
     * @param scores null for calcium that is not scored (only counted)
     */
    private static SrItem group(String tracking, CodedConcept site, ScoreTriple scores, int count, int label,
                                DicomSeriesReference source, SegmentationLink seg) {
        List<SrItem> items = new ArrayList<>();
        items.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, TRACKING_IDENTIFIER, tracking));
        items.add(SrItem.uid(SrItem.HAS_OBS_CONTEXT, TRACKING_UID, Uids.newUid()));
        items.add(SrItem.code(SrItem.CONTAINS, FINDING, CalciumSegments.CALCIFICATION, List.of()));
        Integer segment = seg == null ? null : seg.segmentNumbers().get(label);
        if (segment != null) {
            items.add(SrItem.image(SrItem.CONTAINS, REFERENCED_SEGMENT, Uids.SEGMENTATION_STORAGE, seg.sopInstanceUid(), segment));
            items.add(SrItem.uid(SrItem.CONTAINS, SOURCE_SERIES_FOR_SEGMENTATION, source.seriesInstanceUid()));
        }
        if (site != null) {
            items.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, FINDING_SITE, site, List.of()));
        }
        if (scores != null) {
            items.add(SrItem.num(SrItem.CONTAINS, CALCIUM_SCORE, round(scores.agatston()), NO_UNITS,
                    List.of(SrItem.code(SrItem.HAS_CONCEPT_MOD, MEASUREMENT_METHOD, AGATSTON_METHOD, List.of()))));
            items.add(SrItem.num(SrItem.CONTAINS, CALCIUM_VOLUME, round(scores.volumeMm3()), CUBIC_MILLIMETER, List.of()));
            items.add(SrItem.num(SrItem.CONTAINS, CALCIUM_MASS, round(scores.massMg()), MILLIGRAM, List.of()));
        }
        items.add(SrItem.num(SrItem.CONTAINS, NUMBER_OF_CALCIFICATIONS, count, NO_UNITS, List.of()));
        return SrItem.container(SrItem.CONTAINS, MEASUREMENT_GROUP, items);
    }

    private static double round(double v) {
        return Rounding.toDecimals(v, 3);
    }

    private static CodedConcept dcm(String value, String meaning) {
        return new CodedConcept(value, "DCM", meaning);
    }
}
