package org.calcify.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of a detection task (lesions or voxels) and the rates derived from them.
 *
 * @param truePositives  true items found (lesions: true lesions with a predicted voxel; voxels: overlap)
 * @param falseNegatives true items missed
 * @param falsePositives predicted items without a true counterpart
 * @param predictedTruePositives predicted items that overlap the truth (lesions; equals truePositives for voxels)
 */
public record DetectionCounts(long truePositives, long falseNegatives, long falsePositives, long predictedTruePositives) {
    public static final DetectionCounts ZERO = new DetectionCounts(0, 0, 0, 0);

    public DetectionCounts plus(DetectionCounts o) {
        return new DetectionCounts(truePositives + o.truePositives, falseNegatives + o.falseNegatives,
                falsePositives + o.falsePositives, predictedTruePositives + o.predictedTruePositives);
    }

    /** Found true items / all true items; NaN without true items. */
    public double sensitivity() {
        long t = truePositives + falseNegatives;
        return t == 0 ? Double.NaN : (double) truePositives / t;
    }

    /** Correct predicted items / all predicted items; NaN without predictions. */
    public double ppv() {
        long p = predictedTruePositives + falsePositives;
        return p == 0 ? Double.NaN : (double) predictedTruePositives / p;
    }

    /** Harmonic mean of sensitivity and PPV (for voxels this is the Dice coefficient). */
    public double f1() {
        double s = sensitivity();
        double p = ppv();
        if (Double.isNaN(s) || Double.isNaN(p)) {
            return truePositives + falseNegatives + falsePositives == 0 ? Double.NaN : 0;
        }
        return s + p == 0 ? 0 : 2 * s * p / (s + p);
    }

    Map<String, Object> toMap(boolean voxels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("true_positives", truePositives);
        m.put("false_negatives", falseNegatives);
        m.put("false_positives", falsePositives);
        m.put("sensitivity", Metrics.round(sensitivity()));
        m.put("ppv", Metrics.round(ppv()));
        m.put(voxels ? "dice" : "f1", Metrics.round(f1()));
        return m;
    }
}
