package org.calcify.score;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link CalciumScore} as JSON states it: what {@code calcify score --json} prints and every
 * {@code scores.json} holds at its top level ({@code agatston}, {@code volume_mm3}, {@code mass_mg},
 * {@code category}, {@code arteries}, {@code lesions}, {@code parameters}). Scores are rounded to 3
 * decimals, mean HU to 2, centroids to 3.
 *
 * @param total      the scan's scores
 * @param category   the risk category's label ({@code "0"}, {@code "1-10"}, ..., {@code ">400"})
 * @param arteries   every artery's scores, LM, LAD, LCX, RCA in that order
 * @param lesions    the lesions that count
 * @param parameters how the scores were computed
 */
public record ScoreDocument(@JsonUnwrapped Figures total, String category, Map<String, Figures> arteries, List<LesionEntry> lesions,
                            Parameters parameters) {

    /** Agatston, volume and mass, rounded to 3 decimals. */
    public record Figures(double agatston, double volumeMm3, double massMg) {
        static Figures of(ScoreTriple s) {
            return new Figures(CalciumScore.round(s.agatston(), 3), CalciumScore.round(s.volumeMm3(), 3), CalciumScore.round(s.massMg(), 3));
        }
    }

    /**
     * One lesion.
     *
     * @param centroidVoxelZyx its centroid in voxel indices (z, y, x)
     * @param centroidLpsMm    its centroid in patient coordinates (LPS), mm
     */
    public record LesionEntry(int id, String artery, int voxels, @JsonUnwrapped Figures scores, int peakHu, double meanHu,
                              double[] centroidVoxelZyx, double[] centroidLpsMm) {
        /** The same lesion with its voxel centroid moved by {@code offsetZyx} (a crop's corner in the whole scan). */
        public LesionEntry shifted(int[] offsetZyx) {
            double[] c = centroidVoxelZyx.clone();
            for (int a = 0; a < 3; a++) {
                c[a] += offsetZyx[a];
            }
            return new LesionEntry(id, artery, voxels, scores, peakHu, meanHu, c, centroidLpsMm);
        }
    }

    /** The scoring parameters, with the Agatston factor that the slice thickness gave. */
    public record Parameters(int thresholdHu, @JsonProperty("connectivity_2d") int connectivity2d,
                             @JsonProperty("connectivity_3d") int connectivity3d, double minAreaMm2, boolean thicknessNormalisation,
                             double referenceThicknessMm, double thicknessFactor, String arterySplit, double massFactorMgPerMm3Hu) {
    }

    /** The document of {@code s}. */
    public static ScoreDocument of(CalciumScore s) {
        Map<String, Figures> arts = new LinkedHashMap<>();
        for (Artery a : Artery.values()) {
            arts.put(a.name(), Figures.of(s.artery(a)));
        }
        List<LesionEntry> ls = new ArrayList<>();
        for (Lesion l : s.lesions()) {
            ls.add(new LesionEntry(l.id(), l.artery().name(), l.voxels(), Figures.of(l.scores()), l.peakHu(), CalciumScore.round(l.meanHu(), 2),
                    roundAll(l.centroidZyx(), 3), roundAll(l.centroidLpsMm(), 3)));
        }
        ScoringParameters p = s.parameters();
        Parameters params = new Parameters(p.thresholdHu(), p.connectivity2d() == org.calcify.candidate.Connectivity.FOUR ? 4 : 8,
                p.connectivity3d() == org.calcify.candidate.Connectivity.SIX ? 6 : 26, p.minAreaMm2(), p.normaliseThickness(),
                p.referenceThicknessMm(), CalciumScore.round(s.thicknessFactor(), 6), p.arterySplit().name().toLowerCase(Locale.ROOT),
                p.massFactorMgPerMm3Hu());
        return new ScoreDocument(Figures.of(s.total()), s.category().label(), arts, ls, params);
    }

    /** The same document with every lesion's voxel centroid moved by {@code offsetZyx}. */
    public ScoreDocument shifted(int[] offsetZyx) {
        return new ScoreDocument(total, category, arteries, lesions.stream().map(l -> l.shifted(offsetZyx)).toList(), parameters);
    }

    private static double[] roundAll(double[] v, int digits) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = CalciumScore.round(v[i], digits);
        }
        return r;
    }
}
