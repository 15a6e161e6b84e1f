package org.calcify.eval;

import java.util.EnumMap;
import java.util.Map;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.ScoreTriple;

/**
 * The scan-level scores of one case as one rater saw them (from a label map or from a CSV row).
 *
 * @param total    total scores
 * @param arteries per-artery scores (empty when a CSV gives none)
 * @param lesions  number of lesions, -1 when unknown
 */
public record ScanScores(ScoreTriple total, Map<Artery, ScoreTriple> arteries, int lesions) {
    public ScanScores {
        arteries = Map.copyOf(arteries);
    }

    public static ScanScores of(CalciumScore s) {
        return new ScanScores(s.total(), new EnumMap<>(s.arteries()), s.lesions().size());
    }

    /** Scores of one artery, or of the whole scan when {@code artery} is null. */
    public ScoreTriple of(Artery artery) {
        return artery == null ? total : arteries.get(artery);
    }
}
