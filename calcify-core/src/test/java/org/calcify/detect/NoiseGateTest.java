package org.calcify.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.calcify.anatomy.AnatomyLabel;
import org.calcify.anatomy.CoarseAxialGrid;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

class NoiseGateTest {

    /** The tail moments against scipy's truncated normal, from far below the cut to far above it. */
    @Test
    void upperTailMomentsAreScipysTruncatedNormal() {
        double[] cuts = {-4, -1.5, 0, 0.5, 1, 2, 2.26, 3.7, 6, 9, 15, 30};
        StringBuilder args = new StringBuilder();
        for (double a : cuts) {
            args.append(a).append(' ');
        }
        String out = PythonOracle.run("""
                import sys, numpy as np
                from scipy.stats import truncnorm, norm
                for a in map(float, sys.argv[1].split()):
                    d = truncnorm(a, np.inf)
                    print(repr(float(d.mean())), repr(float(d.std())), repr(float(norm.sf(a))))
                """, args.toString().trim());
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(cuts.length);
        for (int i = 0; i < cuts.length; i++) {
            String[] ms = lines.get(i).trim().split(" ");
            double[] tail = NoiseGate.upperTail(cuts[i]);
            assertThat(tail[0]).as("mean above %s", cuts[i]).isCloseTo(Double.parseDouble(ms[0]), offset(1e-7 * Math.max(1, Math.abs(cuts[i]))));
            assertThat(tail[1]).as("sd above %s", cuts[i]).isCloseTo(Double.parseDouble(ms[1]), offset(1e-6 * Double.parseDouble(ms[1])));
            assertThat(tail[2]).as("P(X >= %s)", cuts[i]).isCloseTo(Double.parseDouble(ms[2]), offset(1e-7 * Double.parseDouble(ms[2])));
        }
    }

    /**
     * In blood of 40 HU with 45 HU of correlated noise (smoothed white noise, as filtered back-projection textures it)
     * and no calcium at all, the clusters above 130 HU that pass the significance test are nearly all stopped by the
     * noise excess; calcifications of 250 HU under the same noise pass both.
     */
    @Test
    void correlatedNoiseSpecksFailTheNoiseExcessAndCalcificationsPassIt() {
        double sigma = 45;
        NoisyBlood blood = NoisyBlood.of(11, 250, sigma);
        Volume ct = blood.ct();
        boolean[] calcium = blood.calcium();
        int lesions = blood.lesions();
        ThoraxAnatomy anatomy = allHeart(ct, 40, sigma);
        CandidateFinder finder = CandidateFinder.builder().thresholdHu(130).minAreaMm2(1.0).build();
        CandidateFinder.Candidates all = finder.find(ct);
        int specksPassingSignificance = 0;
        int specksPassingBoth = 0;
        int lesionsPassingBoth = 0;
        for (Component c : all.components()) {
            int[] p = c.peakZyx();
            boolean isLesion = touchesCalcium(all, c, calcium);
            boolean significant = HeartRegionGate.significance(c, anatomy) >= HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE;
            boolean both = EVERY_VOXEL.passes(c, anatomy, 130);
            assertThat(both).as("the gate is the significance test and more, at %d,%d,%d", p[0], p[1], p[2]).isEqualTo(both && significant);
            if (isLesion) {
                lesionsPassingBoth += both ? 1 : 0;
            } else {
                specksPassingSignificance += significant ? 1 : 0;
                specksPassingBoth += both ? 1 : 0;
            }
        }
        assertThat(specksPassingSignificance).as("noise clusters the significance test lets through").isGreaterThanOrEqualTo(10);
        assertThat(specksPassingBoth).as("of %d", specksPassingSignificance).isLessThanOrEqualTo(specksPassingSignificance / 10);
        assertThat(lesionsPassingBoth).isEqualTo(lesions);
    }

    /**
     * The same correlated noise (a 5 × 5 box: coherence area 4.6² over lags 1-3, as NoiseMeterTest measures it
     * against numpy): counting a cluster's voxels as independent draws lets many noise clusters through tests whose
     * thresholds are lowered to what one draw can reach (the thresholds chosen for that count, 8 and 3, let as many
     * through); counted over the coherence area, the same low thresholds (the default) stop nearly all of them and keep
     * the calcifications of 300 HU (a rise of 5.8 noise SDs: under noise this coherent, a 3 × 3 cluster is about one
     * draw).
     */
    @Test
    void countingVoxelsOverTheCoherenceAreaStopsCorrelatedNoiseAndKeepsCalcifications() {
        double sigma = 45;
        NoisyBlood blood = NoisyBlood.of(12, 300, sigma);
        Volume ct = blood.ct();
        boolean[] calcium = blood.calcium();
        int lesions = blood.lesions();
        double area = 4.6 * 4.6;
        ThoraxAnatomy anatomy = allHeart(ct, 40, sigma, area);
        NoiseGate every = new NoiseGate(LOW_SIGNIFICANCE, 3, NoiseGate.Background.BLOOD_POOL, 0, NoiseGate.VoxelCount.EVERY);
        NoiseGate independent = new NoiseGate(LOW_SIGNIFICANCE, 3, NoiseGate.Background.BLOOD_POOL, 0, NoiseGate.VoxelCount.INDEPENDENT);
        CandidateFinder.Candidates all = CandidateFinder.builder().thresholdHu(130).minAreaMm2(1.0).build().find(ct);
        int specksEvery = 0;
        int specksIndependent = 0;
        int specksDefault = 0;
        int lesionsIndependent = 0;
        for (Component c : all.components()) {
            assertThat(independent.draws(c.voxels(), anatomy)).isCloseTo(Math.max(1, c.voxels() / area), offset(1e-12));
            if (touchesCalcium(all, c, calcium)) {
                lesionsIndependent += independent.passes(c, anatomy, 130) ? 1 : 0;
            } else {
                specksEvery += every.passes(c, anatomy, 130) ? 1 : 0;
                specksIndependent += independent.passes(c, anatomy, 130) ? 1 : 0;
                specksDefault += EVERY_VOXEL.passes(c, anatomy, 130) ? 1 : 0;
            }
        }
        // one calcification may merge with the noise around it above 130 HU and fail the excess (seed 12: 33 voxels of
        // mean 173 HU), as the smoothed-rise rescue, not asked here, is for
        assertThat(lesionsIndependent).isGreaterThanOrEqualTo(lesions - 1);
        assertThat(specksEvery).as("noise clusters passing with every voxel counted").isGreaterThanOrEqualTo(20);
        assertThat(specksIndependent).as("of %d with every voxel counted", specksEvery).isLessThanOrEqualTo(specksEvery / 10);
        assertThat(specksIndependent).as("of %d with every voxel counted at significance 8", specksDefault)
                .isLessThanOrEqualTo(Math.max(1, specksDefault / 10));
        // without a measured coherence, every voxel counts
        ThoraxAnatomy unmeasured = allHeart(ct, 40, sigma, Double.NaN);
        assertThat(independent.draws(12, unmeasured)).isEqualTo(12.0);
        assertThat(every.draws(12, anatomy)).isEqualTo(12.0);
    }

    /** The significance that INDEPENDENT's tests are asked for in the test above: the default's. */
    private static final double LOW_SIGNIFICANCE = NoiseGate.DEFAULT_MIN_SIGNIFICANCE;

    /** The tests with every voxel counted, at the thresholds chosen for that count (the default until 2026-12-04). */
    static final NoiseGate EVERY_VOXEL = new NoiseGate(HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE, NoiseGate.DEFAULT_MIN_NOISE_EXCESS,
            NoiseGate.Background.LOCAL, NoiseGate.DEFAULT_MIN_SMOOTHED_RISE, NoiseGate.VoxelCount.EVERY);

    @Test
    void theExcessIsTheMeansRiseOverTheNoisesOwnInStandardErrorsAndOffWithoutANoiseMeasure() {
        Component c = new Component(1, 9, 9, 300, 200, new double[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1});
        Volume ct = Volume.zeros(Geometry.of(40, 40, 4), DataType.INT16);
        double[] tail = NoiseGate.upperTail((130 - 40) / 30.0);
        double expected = (200 - (40 + 30 * tail[0])) * 3 / (30 * tail[1]);
        assertThat(NoiseGate.noiseExcess(c, allHeart(ct, 40, 30), 130)).isCloseTo(expected, offset(1e-9));
        assertThat(NoiseGate.noiseExcess(c, allHeart(ct, 40, Double.NaN), 130)).isInfinite();
        assertThat(new NoiseGate(0, 1e9, NoiseGate.Background.BLOOD_POOL).passes(c, allHeart(ct, 40, Double.NaN), 130)).isTrue();
        assertThat(new NoiseGate(0, 1e9, NoiseGate.Background.BLOOD_POOL).passes(c, allHeart(ct, 40, 30), 130)).isFalse();
        assertThat(new NoiseGate(0, 0, NoiseGate.Background.BLOOD_POOL).passes(c, allHeart(ct, 40, 30), 130)).isTrue();
        assertThatThrownBy(() -> new NoiseGate(-1, 4, NoiseGate.Background.BLOOD_POOL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoiseGate(8, Double.NaN, NoiseGate.Background.BLOOD_POOL)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Where the noise cannot lift a single heart-region voxel over 130 HU, a faint cluster is not noise, whatever its
     * mean: a 2-voxel plaque of 131.5 HU mean (a 133 HU peak) passes at 7 HU of noise and fails at 40 HU.
     */
    @Test
    void theNoiseExcessIsAskedForOnlyWhereNoiseReachesTheThreshold() {
        Component faint = new Component(1, 2, 2 * 1.5, 133, 131.5, new double[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                new int[] {1, 1, 2});
        Volume ct = Volume.zeros(Geometry.of(40, 40, 4), DataType.INT16);
        ThoraxAnatomy quiet = new ThoraxAnatomy(CoarseAxialGrid.of(ct), coarseHeart(ct), 600, 40, 7, Double.NaN, Double.NaN, Double.NaN, false, false, Double.NaN);
        ThoraxAnatomy noisy = new ThoraxAnatomy(CoarseAxialGrid.of(ct), coarseHeart(ct), 600, 40, 40, Double.NaN, Double.NaN, Double.NaN, false, false, Double.NaN);
        // 600 mL of 1.5 uL voxels: 400,000 voxels; P(N(40, 7^2) >= 130) ~ 1e-37, P(N(40, 40^2) >= 130) ~ 0.012
        assertThat(NoiseGate.expectedNoiseVoxels(faint, quiet, 130)).isLessThan(1e-20);
        assertThat(NoiseGate.expectedNoiseVoxels(faint, noisy, 130)).isCloseTo(400_000 * 0.0122245, offset(5.0));
        assertThat(NoiseGate.noiseExcess(faint, quiet, 130)).isLessThan(3);
        assertThat(NoiseGate.DEFAULT.passes(faint, quiet, 130)).isTrue();
        assertThat(NoiseGate.noiseExcess(faint, noisy, 130)).isLessThan(3);
        assertThat(NoiseGate.DEFAULT.passes(new Component(1, 2, 3, 280, 131.5, new double[] {1, 1, 1}, new int[] {1, 1, 1},
                new int[] {1, 1, 1}, new int[] {1, 1, 2}), noisy, 130)).as("significant (8.5), yet a noise-like mean").isFalse();
    }

    private static byte[] coarseHeart(Volume ct) {
        CoarseAxialGrid grid = CoarseAxialGrid.of(ct);
        byte[] coarse = new byte[grid.sizeZ() * grid.sizeY() * grid.sizeX()];
        java.util.Arrays.fill(coarse, (byte) AnatomyLabel.HEART_REGION.value());
        return coarse;
    }

    private static boolean touchesCalcium(CandidateFinder.Candidates all, Component c, boolean[] calcium) {
        var l = all.labels();
        for (int k = 0; k < l.size(); k++) {
            if (l.label(k) == c.id() && calcium[l.index(k)]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Faint plaques under 45 HU of noise: discs of 120 HU, 2.8 mm across, in one 3 mm slice of soft tissue (0 HU), of
     * which the noise leaves only a few voxels over 130 HU; blood (40 HU) beside them, where the same noise makes
     * specks. The two tests alone keep few of the plaques; kept also for their smoothed rise, most are, and the specks
     * are kept for it no more than once per ten plaques gained.
     */
    @Test
    void faintPlaquesUnderHeavyNoiseAreKeptForTheirSmoothedRiseAndSpecksAreNot() {
        int nz = 24;
        int ny = 120;
        int nx = 120;
        Random r = new Random(23);
        float[] noise = new float[nz * ny * nx];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        int[] plaque = new int[nz * ny * nx]; // 0 or the plaque's number
        int plaques = 0;
        for (int z = 1; z < nz; z += 3) {
            for (int y = 10; y < ny - 10; y += 25) {
                for (int x = 10; x < nx / 2 - 5; x += 25) {
                    plaques++;
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            if (dx * dx + dy * dy <= 4) {
                                plaque[(z * ny + y + dy) * nx + x + dx] = plaques;
                            }
                        }
                    }
                }
            }
        }
        short[] hu = new short[plaque.length];
        short[] bloodOnly = new short[plaque.length];
        for (int i = 0; i < hu.length; i++) {
            double tissue = i % nx < nx / 2 ? 0 : 40;
            bloodOnly[i] = (short) Math.round(40 + 45 * noise[i]);
            hu[i] = (short) Math.round((plaque[i] > 0 ? 120 : tissue) + 45 * noise[i]);
        }
        Geometry g = Geometry.of(nx, ny, nz).withSpacing(new double[] {0.7, 0.7, 3.0});
        Volume ct = Volume.of(g, DataType.INT16, hu);
        // the noise left after smoothing, measured on the blood without plaques (the segmenter measures it in the heart)
        org.calcify.anatomy.InPlaneSmoothing smooth = org.calcify.anatomy.InPlaneSmoothing.of(Volume.of(g, DataType.INT16, bloodOnly),
                CoarseAxialGrid.of(ct));
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < hu.length; i++) {
            double v = smooth.atIndex(i);
            sum += v;
            sum2 += v * v;
        }
        double smoothedNoise = Math.sqrt(sum2 / hu.length - (sum / hu.length) * (sum / hu.length));
        ThoraxAnatomy all = allHeart(ct, 40, 45);
        ThoraxAnatomy anatomy = new ThoraxAnatomy(all.grid(), all.coarseLabels(), 100, 40, 45, smoothedNoise, Double.NaN, Double.NaN, false, false, Double.NaN);
        CandidateFinder finder = CandidateFinder.builder().thresholdHu(130).minAreaMm2(1.0).build().withoutBodyExclusion();
        NoiseGate without = new NoiseGate(NoiseGate.DEFAULT.minSignificance(), NoiseGate.DEFAULT.minNoiseExcess(), NoiseGate.DEFAULT.background(), 0);
        // (the gate renumbers the labels it is given: candidates found afresh for each)
        int[] plain = keptPlaquesAndSpecks(HeartRegionGate.filter(finder.find(ct), anatomy, new int[3], without, 130, ct), plaque);
        int[] rescued = keptPlaquesAndSpecks(HeartRegionGate.filter(finder.find(ct), anatomy, new int[3], NoiseGate.DEFAULT, 130, ct), plaque);
        int specks = keptPlaquesAndSpecks(finder.find(ct), plaque)[1];
        assertThat(smoothedNoise).as("noise after smoothing").isBetween(10.0, 25.0);
        assertThat(specks).as("specks of noise found").isGreaterThan(40);
        assertThat(rescued[0]).as("of %d plaques (the tests alone keep %d; smoothed noise %.1f)", plaques, plain[0], smoothedNoise).isGreaterThanOrEqualTo(plaques * 7 / 10)
                .isGreaterThanOrEqualTo(plain[0] + plaques / 4);
        assertThat(rescued[1] - plain[1]).as("of %d specks (the tests alone keep %d)", specks, plain[1])
                .isLessThanOrEqualTo(Math.max(1, (rescued[0] - plain[0]) / 10));
    }

    /** How many plaques a candidate lies on ([0]) and how many candidates lie on none ([1]). */
    private static int[] keptPlaquesAndSpecks(CandidateFinder.Candidates c, int[] plaque) {
        int[] dense = c.labels().toDense();
        boolean[] onPlaque = new boolean[c.components().size() + 1];
        java.util.Set<Integer> plaquesHit = new java.util.HashSet<>();
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] > 0 && plaque[i] > 0) {
                onPlaque[dense[i]] = true;
                plaquesHit.add(plaque[i]);
            }
        }
        int specks = 0;
        for (Component comp : c.components()) {
            specks += onPlaque[comp.id()] ? 0 : 1;
        }
        return new int[] {plaquesHit.size(), specks};
    }

    /** Unit-variance noise correlated over about two pixels in-plane (white noise smoothed by a 5 x 5 box, rescaled). */
    static float[] correlatedNoise(int nz, int ny, int nx, Random random) {
        float[] white = new float[nz * ny * nx];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) random.nextGaussian();
        }
        float[] out = new float[white.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double s = 0;
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            int yy = Math.floorMod(y + dy, ny);
                            int xx = Math.floorMod(x + dx, nx);
                            s += white[(z * ny + yy) * nx + xx];
                        }
                    }
                    out[(z * ny + y) * nx + x] = (float) (s / 5); // a sum of 25 unit normals has SD 5
                }
            }
        }
        return out;
    }

    /** Blood (40 HU) under correlated noise (a 5 x 5 box) of {@code sigma} HU, with 3 x 3 calcifications of {@code calciumHu} on a grid. */
    record NoisyBlood(Volume ct, boolean[] calcium, int lesions) {
        static NoisyBlood of(long seed, double calciumHu, double sigma) {
            int nz = 24;
            int ny = 128;
            int nx = 128;
            float[] noise = correlatedNoise(nz, ny, nx, new Random(seed));
            boolean[] calcium = new boolean[nz * ny * nx];
            int lesions = 0;
            for (int z = 4; z < nz - 4; z += 8) {
                for (int y = 16; y < ny - 16; y += 32) {
                    for (int x = 16; x < nx - 16; x += 32) {
                        lesions++;
                        for (int dy = 0; dy < 3; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                calcium[(z * ny + y + dy) * nx + x + dx] = true;
                            }
                        }
                    }
                }
            }
            short[] hu = new short[noise.length];
            for (int i = 0; i < noise.length; i++) {
                hu[i] = (short) Math.round((calcium[i] ? calciumHu : 40) + sigma * noise[i]);
            }
            return new NoisyBlood(Volume.of(Geometry.of(nx, ny, nz).withSpacing(new double[] {0.7, 0.7, 3.0}), DataType.INT16, hu), calcium, lesions);
        }
    }

    /** An anatomy whose heart region is the whole scan, with the given blood pool and noise. */
    static ThoraxAnatomy allHeart(Volume ct, double bloodHu, double noiseHu) {
        return allHeart(ct, bloodHu, noiseHu, Double.NaN);
    }

    /** As above, with the noise's coherence area. */
    static ThoraxAnatomy allHeart(Volume ct, double bloodHu, double noiseHu, double coherenceVoxels) {
        CoarseAxialGrid grid = CoarseAxialGrid.of(ct);
        byte[] coarse = new byte[grid.sizeZ() * grid.sizeY() * grid.sizeX()];
        java.util.Arrays.fill(coarse, (byte) AnatomyLabel.HEART_REGION.value());
        return new ThoraxAnatomy(grid, coarse, 1, bloodHu, noiseHu, Double.NaN, coherenceVoxels, Double.NaN, false, false, Double.NaN);
    }
}
