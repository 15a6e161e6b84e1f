package org.calcify.report.dicom;

import java.util.Locale;
import java.util.regex.Pattern;
import org.calcify.io.dicom.DicomSegmentation;
import org.calcify.score.CalciumLabel;

/**
 * Which {@link CalciumLabel} a segment of a DICOM Segmentation stands for. In order:
 * <ol>
 *   <li>its Anatomic Region, else its Segmented Property Type, is one of the four coronary arteries of
 *       {@link CalciumSegments} (CID 3015; Calcify's own SEG codes the artery as the anatomic region): that artery;</li>
 *   <li>its SegmentLabel names an artery ("LM", "left main", "LAD", "left anterior descending", "LCX", "CX",
 *       "circumflex", "RCA", "right coronary", as words, any case: "RCA calcification" is RCA);</li>
 *   <li>else {@link CalciumLabel#OTHER_CALCIUM}: Calcify's own "Other calcium" segment, and any segment of a foreign
 *       SEG it cannot name.</li>
 * </ol>
 * A label naming two arteries ("LAD and LCX") takes the first of LM, LAD, LCX, RCA.
 */
public final class CalciumSegmentLabels {
    private static final Pattern LM = words("lm", "lmca", "left main", "left main coronary", "left main coronary artery");
    private static final Pattern LAD = words("lad", "left anterior descending", "anterior descending");
    private static final Pattern LCX = words("lcx", "cx", "lcxa", "circumflex", "left circumflex");
    private static final Pattern RCA = words("rca", "right coronary", "right coronary artery");

    private CalciumSegmentLabels() {
    }

    /** The label of {@code segment} (never {@link CalciumLabel#NONE}). */
    public static CalciumLabel of(DicomSegmentation.Segment segment) {
        CalciumLabel byCode = byCode(segment.anatomicRegion());
        if (byCode == null) {
            byCode = byCode(segment.propertyType());
        }
        if (byCode != null) {
            return byCode;
        }
        CalciumLabel byName = byName(segment.label());
        return byName != null ? byName : CalciumLabel.OTHER_CALCIUM;
    }

    /** The artery a SegmentLabel names, or null. */
    static CalciumLabel byName(String label) {
        String s = label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        if (LM.matcher(s).find()) {
            return CalciumLabel.LM;
        }
        if (LAD.matcher(s).find()) {
            return CalciumLabel.LAD;
        }
        if (LCX.matcher(s).find()) {
            return CalciumLabel.LCX;
        }
        if (RCA.matcher(s).find()) {
            return CalciumLabel.RCA;
        }
        return null;
    }

    private static CalciumLabel byCode(DicomSegmentation.Code code) {
        if (code == null) {
            return null;
        }
        for (var e : java.util.Map.of(CalciumSegments.LEFT_MAIN, CalciumLabel.LM, CalciumSegments.LAD, CalciumLabel.LAD,
                CalciumSegments.CIRCUMFLEX, CalciumLabel.LCX, CalciumSegments.RCA, CalciumLabel.RCA).entrySet()) {
            if (code.is(e.getKey().scheme(), e.getKey().value())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Pattern words(String... phrases) {
        StringBuilder sb = new StringBuilder("(^| )(");
        for (int i = 0; i < phrases.length; i++) {
            sb.append(i == 0 ? "" : "|").append(Pattern.quote(phrases[i]));
        }
        return Pattern.compile(sb.append(")( |$)").toString());
    }
}
