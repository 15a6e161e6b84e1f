package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;
import org.calcify.phantom.Range;
import org.calcify.score.CalciumScorer;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

class DetectorTest {
    /**
     * 256 x 256 cases with slices of 1.5-3 mm (as the phantom drew before it had thin and thick slices; the
     * cases' other acquisition parameters, noise 10-50 HU included, have the phantom's full spread).
     */
    private static final PhantomOptions OPTIONS = PhantomOptions.builder().sizeXy(256).slices(20, 60)
            .sliceThicknessMm(Range.of(1.5, 3)).build();

    /** Cases with coronary calcium the tests want; seeds 1, 2, ... are drawn until there are this many (at most 20). */
    private static final int WITH_CALCIUM = 3;

    /** The cheap exclusions keep every true coronary calcium voxel of the phantom, and drop most bone. */
    @Test
    void exclusionsNeverDropTrueCoronaryCalcium() {
        ExclusionRecall sum = new ExclusionRecall(0, 0, 0, 0);
        int withCalcium = 0;
        for (long seed = 1; seed <= 20 && withCalcium < WITH_CALCIUM; seed++) {
            PhantomCase c = CardiacPhantom.generate(OPTIONS, seed);
            ExclusionRecall r = ExclusionRecall.measure(Detector.defaultFinder(), 130, c.ct(), c.labels());
            withCalcium += r.coronaryVoxels() > 0 ? 1 : 0;
            sum = sum.plus(r);
        }
        assertThat(withCalcium).as("cases with scored coronary calcium").isEqualTo(WITH_CALCIUM);
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
        for (long seed = 1; seed <= 20 && withCalcium < WITH_CALCIUM; seed++) {
            withCalcium += oracleReproducesTheTruth(CardiacPhantom.generate(OPTIONS, seed)) ? 1 : 0;
        }
        assertThat(withCalcium).as("cases with calcium whose scores were reproduced").isEqualTo(WITH_CALCIUM);
    }

    /**
     * Searching candidates only around the heart region and classifying only those inside it keeps every
     * true coronary lesion: the oracle's coronary scores equal the truth's, and every labelled voxel is one
     * the whole-scan search labels the same.
     */
    @Test
    void theHeartRegionGateKeepsEveryCoronaryLesion() throws IOException {
        double truthSum = 0;
        double significantSum = 0;
        for (long seed = 1; seed <= 4; seed++) {
            PhantomCase c = CardiacPhantom.generate(OPTIONS, seed);
            CandidateClassifier oracle = oracle(c.labels());
            org.calcify.anatomy.ThoraxAnatomy anatomy = org.calcify.anatomy.ThoraxSegmenter.segment(c.ct());
            Detection gated = new Detector(Detector.defaultFinder(), oracle, 1, new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL)).detect(c.ct(), null, anatomy);
            Detection significant = new Detector(Detector.defaultFinder(), oracle, 1).detect(c.ct(), null, anatomy);
            Detection whole = new Detector(Detector.defaultFinder(), oracle, 1).detect(c.ct(), null);
            // the whole gate's recall: every true coronary voxel a score counts is a candidate the classifier sees
            ExclusionRecall gatedRecall = ExclusionRecall.measure(new Detector(Detector.defaultFinder(), oracle, 1, new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL)), 130, c.ct(), c.labels(), anatomy);
            ExclusionRecall finderRecall = ExclusionRecall.measure(Detector.defaultFinder(), 130, c.ct(), c.labels());
            assertThat(gatedRecall.coronaryVoxels()).isEqualTo(finderRecall.coronaryVoxels());
            assertThat(gatedRecall.keptCoronary()).as("seed %d", seed).isEqualTo(gatedRecall.coronaryVoxels());
            assertThat(gatedRecall.candidateVoxels()).isLessThan(finderRecall.candidateVoxels());
            CalciumScorer scorer = new CalciumScorer();
            double truth = scorer.score(c.ct(), c.labels()).total().agatston();
            assertThat(scorer.score(c.ct(), gated.labels()).total().agatston()).isCloseTo(truth, org.assertj.core.data.Offset.offset(1e-6));
            truthSum += truth;
            significantSum += scorer.score(c.ct(), significant.labels()).total().agatston();
            byte[] g = gated.labels().toVolume().bytes();
            byte[] w = whole.labels().toVolume().bytes();
            for (int i = 0; i < g.length; i++) {
                if (g[i] != 0) {
                    assertThat(w[i]).as("voxel %d of seed %d", i, seed).isEqualTo(g[i]);
                }
            }
        }
        // the default significance (noise gate) costs at most a few percent of the true score: faint specks only
        assertThat(truthSum).isGreaterThan(0);
        assertThat(significantSum).isLessThanOrEqualTo(truthSum + 1e-6).isGreaterThanOrEqualTo(0.95 * truthSum);
    }

    /**
     * A classifier that says "none" (0.6) for everything, with the arteries ahead of other calcium: only the
     * candidates far above their noise (significance at least {@link Detector#SURE_CALCIUM_SIGNIFICANCE}) are taken
     * for coronary calcium; with other calcium ahead of the arteries, or the arteries under a fifth, none is.
     */
    @Test
    void noneDoesNotDecideForCalciumFarAboveTheNoise() throws IOException {
        int sure = 0;
        int doubtful = 0;
        for (long seed = 1; seed <= 3; seed++) {
            PhantomCase c = CardiacPhantom.generate(OPTIONS, seed);
            org.calcify.anatomy.ThoraxAnatomy anatomy = org.calcify.anatomy.ThoraxSegmenter.segment(c.ct());
            Detection arteriesAhead = new Detector(Detector.defaultFinder(), constant(0.6f, 0.3f, 0.1f), 2).detect(c.ct(), null, anatomy);
            for (CandidateVerdict v : arteriesAhead.candidates()) {
                if (v.label() == null) {
                    continue;
                }
                boolean far = v.gate().significance() >= Detector.SURE_CALCIUM_SIGNIFICANCE;
                assertThat(v.label()).as("seed %d, significance %.2f", seed, v.gate().significance())
                        .isEqualTo(far ? org.calcify.score.CalciumLabel.LAD : org.calcify.score.CalciumLabel.NONE);
                sure += far ? 1 : 0;
                doubtful += far ? 0 : 1;
            }
            for (float[] p : new float[][] {{0.6f, 0.1f, 0.3f}, {0.81f, 0.19f, 0f}}) {
                Detection d = new Detector(Detector.defaultFinder(), constant(p[0], p[1], p[2]), 2).detect(c.ct(), null, anatomy);
                assertThat(d.candidates()).allSatisfy(v -> assertThat(v.label()).isIn(null, org.calcify.score.CalciumLabel.NONE));
                assertThat(d.labels().toVolume().bytes()).containsOnly(0);
            }
        }
        assertThat(sure).as("calcifications far above the noise").isPositive();
        assertThat(doubtful).as("classified candidates nearer the noise").isPositive();
    }

    /** Every voxel: none, LAD and other calcium with these probabilities. */
    private static CandidateClassifier constant(float none, float lad, float other) {
        return new CandidateClassifier() {
            @Override
            public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
                float[][] p = new float[voxels.length][6];
                for (float[] row : p) {
                    row[0] = none;
                    row[2] = lad;
                    row[5] = other;
                }
                return p;
            }

            @Override
            public String describe() {
                return "constant";
            }
        };
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
        Detection d = new Detector(Detector.defaultFinder(), oracle(truth), 1).detect(c.ct(), null);
        CalciumScorer scorer = new CalciumScorer();
        var want = scorer.score(c.ct(), truth);
        var got = scorer.score(c.ct(), d.labels());
        assertThat(got.total().agatston()).isCloseTo(want.total().agatston(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(got.total().volumeMm3()).isCloseTo(want.total().volumeMm3(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.stageMillis()).containsKeys("candidates", "classification", "labelling");
        return want.total().agatston() > 0;
    }
}
