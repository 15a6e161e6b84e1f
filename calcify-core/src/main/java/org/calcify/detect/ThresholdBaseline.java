package org.calcify.detect;

import org.calcify.score.CalciumLabel;
import org.calcify.volume.Volume;

/**
 * The plain-threshold reference: every candidate that survived the cheap exclusions counts as coronary
 * calcium. It cannot tell arteries apart, so it labels everything LAD: compare its <em>total</em> scores only.
 */
public final class ThresholdBaseline implements CandidateClassifier {
    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
        float[][] p = new float[voxels.length][CalciumLabel.values().length];
        for (float[] row : p) {
            row[CalciumLabel.LAD.ordinal()] = 1f;
        }
        return p;
    }

    @Override
    public String describe() {
        return "threshold baseline (every candidate >= threshold inside the body, large bone excluded, counted as coronary)";
    }
}
