package org.calcify.report.dicom;

import java.util.List;
import org.calcify.io.dicom.write.CodedConcept;
import org.calcify.io.dicom.write.Segmentation;

/**
 * The segments of Calcify's label map (1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium) as DICOM segment
 * descriptions, and the coded concepts they use, all from PS3.16 (see docs/dicom-out.md): every segment is
 * a calcification (category CID 7150, type from CID 3802), the arteries are its anatomic region (CID 3015).
 */
public final class CalciumSegments {
    /** (49755003, SCT, "Morphologically Abnormal Structure"), CID 7150 Segmentation Property Categories. */
    public static final CodedConcept CATEGORY = new CodedConcept("49755003", "SCT", "Morphologically Abnormal Structure");
    /** (18115005, SCT, "Pathologic calcification"), CID 3802 Plaque Structures (CID 7151 is extensible). */
    public static final CodedConcept CALCIFICATION = new CodedConcept("18115005", "SCT", "Pathologic calcification");
    /** (3227004, SCT, "Left Main Coronary Artery"), CID 3015 Coronary Arteries. */
    public static final CodedConcept LEFT_MAIN = new CodedConcept("3227004", "SCT", "Left Main Coronary Artery");
    /** (59438005, SCT, "Left Anterior Descending Coronary Artery"), CID 3015. */
    public static final CodedConcept LAD = new CodedConcept("59438005", "SCT", "Left Anterior Descending Coronary Artery");
    /** (57396003, SCT, "Circumflex Coronary Artery"), CID 3015. */
    public static final CodedConcept CIRCUMFLEX = new CodedConcept("57396003", "SCT", "Circumflex Coronary Artery");
    /** (13647002, SCT, "Right Coronary Artery"), CID 3015. */
    public static final CodedConcept RCA = new CodedConcept("13647002", "SCT", "Right Coronary Artery");
    /** (41801008, SCT, "Coronary Artery"), CID 3015: the finding site of the whole-scan totals. */
    public static final CodedConcept CORONARY_ARTERY = new CodedConcept("41801008", "SCT", "Coronary Artery");
    /** (123110, DCM, "Artificial Intelligence"), CID 7162 Surface Processing Algorithm Families. */
    public static final CodedConcept ALGORITHM_FAMILY = new CodedConcept("123110", "DCM", "Artificial Intelligence");

    /** Every segment Calcify can write, in label order (the SEG numbers those present 1, 2, ...). */
    public static final List<Segmentation.Segment> ALL = List.of(
            segment(1, "LM calcium", LEFT_MAIN, new int[] {54534, 53399, 26214}),
            segment(2, "LAD calcium", LAD, new int[] {35000, 20000, 47000}),
            segment(3, "LCX calcium", CIRCUMFLEX, new int[] {40000, 60000, 50000}),
            segment(4, "RCA calcium", RCA, new int[] {30000, 40000, 18000}),
            segment(5, "Other calcium", null, new int[] {50000, 32896, 32896}));

    private CalciumSegments() {
    }

    private static Segmentation.Segment segment(int label, String name, CodedConcept region, int[] lab) {
        return new Segmentation.Segment(label, name, CATEGORY, CALCIFICATION, region, lab);
    }

    /** The algorithm identification: Calcify {@code version}, with the model it ran as the parameters. */
    public static Segmentation.Algorithm algorithm(String version, String model) {
        return new Segmentation.Algorithm(ALGORITHM_FAMILY, "Calcify", version, model == null || model.isEmpty() ? null : "model: " + model);
    }
}
