package org.calcify.report.dicom;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.Lesion;
import org.calcify.score.ScoreTriple;

/**
 * What a calcium report says about one scan: the totals, the risk category, the scores and lesion counts
 * per artery, the non-coronary calcium found, the protocol warnings, the model and the reader who signed it.
 *
 * @param total            Agatston, volume (mm³) and mass (mg) of all coronary calcium
 * @param category         the risk category's label ("0", "1-10", "11-100", "101-400", "&gt;400")
 * @param lesions          coronary lesions counted in the score
 * @param arteries         the scores of every artery (zero when it has no calcium)
 * @param arteryLesions    the lesions of every artery
 * @param otherCalcium     components labelled other (non-coronary) calcium
 * @param warnings         the protocol screen's warnings, one per entry
 * @param model            the classifier's description
 * @param signedBy         the reader who reviewed and signed the scan's calcium ({@code calcify serve}), null when the
 *                         findings are the model's proposal
 */
public record CalciumFindings(ScoreTriple total, String category, int lesions, Map<Artery, ScoreTriple> arteries,
                              Map<Artery, Integer> arteryLesions, int otherCalcium, List<String> warnings, String model,
                              String signedBy) {

    public CalciumFindings {
        arteries = Map.copyOf(arteries);
        arteryLesions = Map.copyOf(arteryLesions);
        warnings = List.copyOf(warnings);
        for (Artery a : Artery.values()) {
            if (!arteries.containsKey(a) || !arteryLesions.containsKey(a)) {
                throw new IllegalArgumentException("no score for " + a);
            }
        }
    }

    /** The findings of a score. */
    public static CalciumFindings of(CalciumScore score, int otherCalcium, List<String> warnings, String model) {
        Map<Artery, ScoreTriple> arteries = new EnumMap<>(Artery.class);
        Map<Artery, Integer> counts = new EnumMap<>(Artery.class);
        for (Artery a : Artery.values()) {
            arteries.put(a, score.artery(a));
            counts.put(a, 0);
        }
        for (Lesion l : score.lesions()) {
            counts.merge(l.artery(), 1, Integer::sum);
        }
        return new CalciumFindings(score.total(), score.category().label(), score.lesions().size(), arteries, counts, otherCalcium,
                warnings, model, null);
    }
}
