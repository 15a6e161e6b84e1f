package org.calcify.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.calcify.sampling.BalancedSampler;
import org.junit.jupiter.api.Test;

class GridTest {

    /** With stride <= patch size every voxel is covered, and averaging a constant gives the constant. */
    @Property(tries = 100)
    void gridCoversTheVolume(@ForAll @IntRange(min = 1, max = 30) int nz, @ForAll @IntRange(min = 1, max = 30) int ny,
                             @ForAll @IntRange(min = 1, max = 30) int nx, @ForAll @IntRange(min = 1, max = 7) int stride) {
        PatchShape half = new PatchShape(stride / 2, stride / 2, stride / 2);
        List<int[]> centres = GridSampler.centres(new int[] {nz, ny, nx}, new int[] {stride, stride, stride});
        GridAggregator agg = new GridAggregator(nz, ny, nx);
        for (int[] c : centres) {
            assertThat(c[0]).isBetween(0, nz - 1);
            assertThat(c[1]).isBetween(0, ny - 1);
            assertThat(c[2]).isBetween(0, nx - 1);
            agg.addValue(c[0], c[1], c[2], half, 0.25f);
        }
        for (float v : agg.output()) {
            assertThat(v).isEqualTo(0.25f);
        }
    }

    @Test
    void blocksAverageWhereTheyOverlap() {
        GridAggregator agg = new GridAggregator(1, 1, 5);
        PatchShape s = new PatchShape(0, 0, 1);
        agg.addBlock(0, 0, 1, s, new float[] {1, 1, 1}, 0);
        agg.addBlock(0, 0, 2, s, new float[] {3, 3, 3}, 0);
        float[] out = agg.output();
        assertThat(out[0]).isEqualTo(1f);
        assertThat(out[1]).isEqualTo(2f);
        assertThat(out[2]).isEqualTo(2f);
        assertThat(out[3]).isEqualTo(3f);
        assertThat(out[4]).isNaN();
    }

    @Test
    void balancedSamplingIsSeededAndCapped() {
        List<Integer> items = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(i);
        }
        var a = BalancedSampler.sample(items, i -> i % 10 == 0 ? 1 : 0, 50, 7);
        var b = BalancedSampler.sample(items, i -> i % 10 == 0 ? 1 : 0, 50, 7);
        var c = BalancedSampler.sample(items, i -> i % 10 == 0 ? 1 : 0, 50, 8);
        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(100).doesNotHaveDuplicates();
        assertThat(a.stream().filter(i -> i % 10 == 0).count()).isEqualTo(50);
        assertThat(BalancedSampler.sample(items, i -> i % 100 == 0 ? 1 : 0, 50, 7)).hasSize(60);
    }
}
