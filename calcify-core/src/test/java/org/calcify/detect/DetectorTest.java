package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;
import org.calcify.score.CalciumScorer;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

class DetectorTest {

    /** The cheap exclusions keep every true coronary calcium voxel of the phantom, and drop most bone. */
    @Test
    void exclusionsNeverDropTrueCoronaryCalcium() {
        ExclusionRecall sum = new ExclusionRecall(0, 0, 0, 0);
        for (long seed = 1; seed <= 6; seed++) {
            PhantomCase c = CardiacPhantom.generate(new PhantomOptions(256, 20, 30, false), seed);
            sum = sum.plus(ExclusionRecall.measure(Detector.defaultFinder(), 130, c.ct(), c.labels()));
        }
        assertThat(sum.coronaryVoxels()).isGreaterThan(0);
        assertThat(sum.recall()).isEqualTo(1.0);
        assertThat(sum.candidateVoxels()).isLessThan(sum.aboveThreshold() / 2);
    }

    /**
     * With a classifier that knows the truth, detection reproduces the truth's coronary scores: the
     * candidate exclusions (body, large bone, components that can never be scored) lose nothing that counts.
     */
    @Test
    void anOracleClassifierReproducesTheTruth() throws IOException {
        int withCalcium = 0;
        for (long seed = 1; seed <= 6; seed++) {
            withCalcium += oracleReproducesTheTruth(CardiacPhantom.generate(new PhantomOptions(256, 20, 30, false), seed)) ? 1 : 0;
        }
        assertThat(withCalcium).isGreaterThanOrEqualTo(3);
    }

    /**
     * Searching candidates only around the heart region and classifying only those inside it keeps every
     * true coronary lesion: the oracle's coronary scores equal the truth's, and every labelled voxel is one
     * the whole-scan search labels the same.
     */
    @Test
    void theHeartRegionGateKeepsEveryCoronaryLesion() throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            PhantomCase c = CardiacPhantom.generate(new PhantomOptions(256, 20, 30, false), seed);
            CandidateClassifier oracle = oracle(c.labels());
            org.calcify.anatomy.ThoraxAnatomy anatomy = org.calcify.anatomy.ThoraxSegmenter.segment(c.ct());
            Detection gated = new Detector(Detector.defaultFinder(), oracle, 1).detect(c.ct(), null, anatomy);
            Detection whole = new Detector(Detector.defaultFinder(), oracle, 1).detect(c.ct(), null);
            CalciumScorer scorer = new CalciumScorer();
            assertThat(scorer.score(c.ct(), gated.labels()).total().agatston())
                    .isCloseTo(scorer.score(c.ct(), c.labels()).total().agatston(), org.assertj.core.data.Offset.offset(1e-6));
            byte[] g = gated.labels().bytes();
            byte[] w = whole.labels().bytes();
            for (int i = 0; i < g.length; i++) {
                if (g[i] != 0) {
                    assertThat(w[i]).as("voxel %d of seed %d", i, seed).isEqualTo(g[i]);
                }
            }
        }
    }

    private static CandidateClassifier oracle(Volume truth) {
        return new CandidateClassifier() {
            @Override
            public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
                float[][] p = new float[voxels.length][6];
                for (int i = 0; i < voxels.length; i++) {
                    p[i][(int) truth.value(voxels[i][0], voxels[i][1], voxels[i][2])] = 1f;
                }
                return p;
            }

            @Override
            public String describe() {
                return "oracle";
            }
        };
    }

    private static boolean oracleReproducesTheTruth(PhantomCase c) throws IOException {
        Volume truth = c.labels();
        CandidateClassifier oracle = new CandidateClassifier() {
            @Override
            public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
                float[][] p = new float[voxels.length][6];
                for (int i = 0; i < voxels.length; i++) {
                    p[i][(int) truth.value(voxels[i][0], voxels[i][1], voxels[i][2])] = 1f;
                }
                return p;
            }

            @Override
            public String describe() {
                return "oracle";
            }
        };
        Detection d = new Detector(Detector.defaultFinder(), oracle, 1).detect(c.ct(), null);
        CalciumScorer scorer = new CalciumScorer();
        var want = scorer.score(c.ct(), truth);
        var got = scorer.score(c.ct(), d.labels());
        assertThat(got.total().agatston()).isCloseTo(want.total().agatston(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(got.total().volumeMm3()).isCloseTo(want.total().volumeMm3(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.stageMillis()).containsKeys("candidates", "classification", "labelling");
        return want.total().agatston() > 0;
    }
}
