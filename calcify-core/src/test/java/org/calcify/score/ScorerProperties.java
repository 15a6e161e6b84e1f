package org.calcify.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.candidate.Connectivity;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the scorer on random sparse label maps: its sparse union-find gives the same
 * components as {@link ComponentLabeler} (itself tested against scipy); per-artery and per-lesion
 * scores add up to the total whatever the split; MAJORITY and PROPORTIONAL agree on the total.
 */
class ScorerProperties {

    @Property(tries = 200)
    void sparseLabellingMatchesComponentLabeler(@ForAll long seed, @ForAll Connectivity connectivity,
            @ForAll @IntRange(min = 1, max = 9) int sizeZ, @ForAll @IntRange(min = 1, max = 17) int sizeY,
            @ForAll @IntRange(min = 1, max = 17) int sizeX, @ForAll @DoubleRange(min = 0.02, max = 0.7) double density) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = sizeZ * sizeY * sizeX;
        BitSet mask = new BitSet(n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < density) {
                mask.set(i);
                m++;
            }
        }
        int[] voxels = mask.stream().toArray();
        int[] mine = org.calcify.candidate.SparseComponents.label(voxels, sizeX, sizeY, CalciumScorer.offsets(connectivity));
        ComponentLabeler.Labels ref = ComponentLabeler.label(mask, sizeZ, sizeY, sizeX, connectivity);
        int[] expected = new int[m];
        for (int k = 0; k < m; k++) {
            expected[k] = ref.labels()[voxels[k]] - 1; // both number components by first voxel
        }
        assertThat(mine).isEqualTo(expected);
    }

    @Property(tries = 100)
    void scoresAddUp(@ForAll long seed, @ForAll boolean fourConnected, @ForAll boolean sixConnected,
            @ForAll @DoubleRange(min = 0, max = 4) double minAreaMm2) {
        SplittableRandom r = new SplittableRandom(seed);
        int nx = 24 + r.nextInt(16);
        int ny = 24 + r.nextInt(16);
        int nz = 2 + r.nextInt(6);
        Geometry g = Geometry.of(nx, ny, nz).withSpacing(new double[] {0.3 + r.nextDouble(), 0.3 + r.nextDouble(), 0.5 + 3 * r.nextDouble()});
        short[] hu = new short[g.voxelCount()];
        byte[] lab = new byte[g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (r.nextInt(1400) - 200);
            lab[i] = (byte) (r.nextDouble() < 0.3 ? r.nextInt(6) : 0);
        }
        ScoringParameters p = ScoringParameters.DEFAULT.withMinAreaMm2(minAreaMm2)
                .withConnectivity2d(fourConnected ? Connectivity.FOUR : Connectivity.EIGHT)
                .withConnectivity3d(sixConnected ? Connectivity.SIX : Connectivity.TWENTY_SIX);
        Volume ct = Volume.ofShorts(g, hu);
        Volume labels = Volume.ofBytes(g, lab);
        CalciumScore majority = new CalciumScorer(p).score(ct, labels);
        CalciumScore proportional = new CalciumScorer(p.withArterySplit(ArterySplit.PROPORTIONAL)).score(ct, labels);
        for (CalciumScore s : new CalciumScore[] {majority, proportional}) {
            double a = 0;
            double v = 0;
            double mass = 0;
            for (Artery art : Artery.values()) {
                a += s.artery(art).agatston();
                v += s.artery(art).volumeMm3();
                mass += s.artery(art).massMg();
            }
            assertThat(a).isCloseTo(s.total().agatston(), within(1e-9 * (1 + a)));
            assertThat(v).isCloseTo(s.total().volumeMm3(), within(1e-9 * (1 + v)));
            assertThat(mass).isCloseTo(s.total().massMg(), within(1e-9 * (1 + Math.abs(mass))));
            assertThat(s.lesions().stream().mapToDouble(l -> l.scores().agatston()).sum()).isCloseTo(a, within(1e-9 * (1 + a)));
            assertThat(s.lesions().stream().mapToInt(Lesion::voxels).sum()).isEqualTo(s.scoredVoxels().length);
            assertThat(s.total().volumeMm3()).isCloseTo(s.scoredVoxels().length * g.spacingX() * g.spacingY() * g.spacingZ(), within(1e-9 * (1 + v)));
            for (int i : s.scoredVoxels()) {
                assertThat(hu[i]).isGreaterThanOrEqualTo((short) 130);
                assertThat(lab[i]).isBetween((byte) 1, (byte) 4);
            }
            assertThat(s.scoredVoxels()).isSorted();
        }
        assertThat(proportional.total().agatston()).isCloseTo(majority.total().agatston(), within(1e-9 * (1 + majority.total().agatston())));
        assertThat(Arrays.equals(proportional.scoredVoxels(), majority.scoredVoxels())).isTrue();
    }
}
