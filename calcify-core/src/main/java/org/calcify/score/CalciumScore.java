package org.calcify.score;

import org.calcify.io.text.Rounding;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The calcium scores of one scan: total and per artery, the risk category and the lesions.
 *
 * @param total                the scan's Agatston, volume and mass scores
 * @param category             risk category of the total Agatston score
 * @param arteries             scores per artery (every artery present, zero when it has no calcium)
 * @param lesions              3D lesions of the scored voxels
 * @param parameters           the parameters used
 * @param thicknessFactor      the factor the Agatston score was multiplied by (slice spacing / 3 mm, or 1)
 * @param scoredVoxels         flat (z, y, x) C-order indices of the voxels that count, ascending
 * @param scoredLabels         their labels (1-4), same order
 * @param scoredLesions        the 0-based index in {@code lesions} of each scored voxel, same order
 */
public record CalciumScore(ScoreTriple total, RiskCategory category, Map<Artery, ScoreTriple> arteries,
                           List<Lesion> lesions, ScoringParameters parameters, double thicknessFactor,
                           int[] scoredVoxels, byte[] scoredLabels, int[] scoredLesions) {

    public CalciumScore {
        arteries = Collections.unmodifiableMap(new EnumMap<>(arteries));
        lesions = List.copyOf(lesions);
    }

    /** Scores of one artery. */
    public ScoreTriple artery(Artery a) {
        return arteries.getOrDefault(a, ScoreTriple.ZERO);
    }

    /** The JSON shape of {@code calcify score --json} and of every {@code scores.json}'s scores. */
    public ScoreDocument document() {
        return ScoreDocument.of(this);
    }

    static double round(double v, int digits) {
        return Rounding.toDecimals(v, digits);
    }
}
