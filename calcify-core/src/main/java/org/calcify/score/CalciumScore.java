package org.calcify.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

    /**
     * The JSON shape of {@code calcify score --json}: keys {@code agatston}, {@code volume_mm3},
     * {@code mass_mg}, {@code category}, {@code arteries}, {@code lesions}, {@code parameters}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        putScores(m, total);
        m.put("category", category.label());
        Map<String, Object> arts = new LinkedHashMap<>();
        for (Artery a : Artery.values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            putScores(s, artery(a));
            arts.put(a.name(), s);
        }
        m.put("arteries", arts);
        List<Object> ls = new ArrayList<>();
        for (Lesion l : lesions) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", l.id());
            s.put("artery", l.artery().name());
            s.put("voxels", l.voxels());
            putScores(s, l.scores());
            s.put("peak_hu", l.peakHu());
            s.put("mean_hu", round(l.meanHu(), 2));
            s.put("centroid_voxel_zyx", roundAll(l.centroidZyx(), 3));
            s.put("centroid_lps_mm", roundAll(l.centroidLpsMm(), 3));
            ls.add(s);
        }
        m.put("lesions", ls);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("threshold_hu", parameters.thresholdHu());
        p.put("connectivity_2d", parameters.connectivity2d() == org.calcify.candidate.Connectivity.FOUR ? 4 : 8);
        p.put("connectivity_3d", parameters.connectivity3d() == org.calcify.candidate.Connectivity.SIX ? 6 : 26);
        p.put("min_area_mm2", parameters.minAreaMm2());
        p.put("thickness_normalisation", parameters.normaliseThickness());
        p.put("reference_thickness_mm", parameters.referenceThicknessMm());
        p.put("thickness_factor", round(thicknessFactor, 6));
        p.put("artery_split", parameters.arterySplit().name().toLowerCase(java.util.Locale.ROOT));
        p.put("mass_factor_mg_per_mm3_hu", parameters.massFactorMgPerMm3Hu());
        m.put("parameters", p);
        return m;
    }

    private static void putScores(Map<String, Object> m, ScoreTriple s) {
        m.put("agatston", round(s.agatston(), 3));
        m.put("volume_mm3", round(s.volumeMm3(), 3));
        m.put("mass_mg", round(s.massMg(), 3));
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static double[] roundAll(double[] v, int digits) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = round(v[i], digits);
        }
        return r;
    }
}
