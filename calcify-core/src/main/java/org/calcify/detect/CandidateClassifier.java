package org.calcify.detect;

import java.io.IOException;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.Volume;

/**
 * Gives each candidate voxel of a scan class probabilities over {@link CalciumLabel#values()}
 * (none, LM, LAD, LCX, RCA, other calcium). The network classifiers of {@code calcify-nn} implement it;
 * so does the plain threshold baseline.
 */
public interface CandidateClassifier extends AutoCloseable {

    /**
     * @param ct     the scan in HU
     * @param voxels candidate voxels as (z, y, x) rows
     * @param emr    the scan's EMR features, or null
     * @return one row of {@code CalciumLabel.values().length} probabilities per voxel
     */
    float[][] classify(Volume ct, int[][] voxels, double[] emr) throws IOException;

    /**
     * As {@link #classify(Volume, int[][], double[])}, with the scan's anatomy for classifiers that use it
     * (a model whose context cube sees the heart region only); the default ignores it.
     */
    default float[][] classify(Volume ct, int[][] voxels, double[] emr, ThoraxAnatomy anatomy) throws IOException {
        return classify(ct, voxels, emr);
    }

    /**
     * Refuses a scan this classifier cannot classify (e.g. thinner than the network's patches) with an
     * {@link IllegalArgumentException} whose message says why; the default accepts every scan.
     */
    default void checkScan(Volume ct) {
    }

    /** What this classifier is, for reports ("cnn3d fold ensemble ...", "threshold baseline"). */
    String describe();

    /** Frees what the classifier holds (native memory of networks); the default holds nothing. */
    @Override
    default void close() {
    }
}
