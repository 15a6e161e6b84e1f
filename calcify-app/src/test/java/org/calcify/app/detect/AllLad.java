package org.calcify.app.detect;

/** Test classifiers' answer: every candidate voxel LAD, with certainty. */
final class AllLad {
    private AllLad() {
    }

    static float[][] probabilities(int voxels) {
        float[][] p = new float[voxels][6];
        for (float[] row : p) {
            row[2] = 1f;
        }
        return p;
    }
}
