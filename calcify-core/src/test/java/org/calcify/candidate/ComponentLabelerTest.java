package org.calcify.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connected components against scipy.ndimage.label on random masks. */
class ComponentLabelerTest {

    @ParameterizedTest(name = "connectivity {0}")
    @ValueSource(ints = {4, 8, 6, 26})
    void samePartitionAsScipy(int neighbours, @TempDir Path dir) throws IOException {
        PythonOracle.run("""
                import sys, numpy as np
                from scipy import ndimage
                out, conn = sys.argv[1], int(sys.argv[2])
                rng = np.random.default_rng(11)
                mask = rng.random((9, 23, 31)) < (0.3 if conn in (4, 6) else 0.08)
                if conn in (4, 8):
                    s = np.zeros((3, 3, 3), bool)
                    s[1] = ndimage.generate_binary_structure(2, 1 if conn == 4 else 2)
                else:
                    s = ndimage.generate_binary_structure(3, 1 if conn == 6 else 3)
                lab, n = ndimage.label(mask, structure=s)
                mask.astype(np.uint8).tofile(out + '.mask')
                lab.astype('<i4').tofile(out + '.lab')
                print(n)
                """, dir.resolve("c").toString(), Integer.toString(neighbours));
        byte[] m = Files.readAllBytes(dir.resolve("c.mask"));
        ByteBuffer lab = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("c.lab"))).order(ByteOrder.LITTLE_ENDIAN);
        BitSet mask = new BitSet(m.length);
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0) {
                mask.set(i);
            }
        }
        ComponentLabeler.Labels ours = ComponentLabeler.label(mask, 9, 23, 31, Connectivity.of(neighbours));
        Map<Integer, Integer> oursToScipy = new HashMap<>();
        Map<Integer, Integer> scipyToOurs = new HashMap<>();
        for (int i = 0; i < m.length; i++) {
            int a = ours.labels()[i];
            int b = lab.getInt(4 * i);
            assertThat(a == 0).isEqualTo(b == 0);
            if (a != 0) {
                assertThat(oursToScipy.computeIfAbsent(a, k -> b)).isEqualTo(b);
                assertThat(scipyToOurs.computeIfAbsent(b, k -> a)).isEqualTo(a);
            }
        }
        assertThat(ours.count()).isEqualTo(oursToScipy.size()).isGreaterThan(10);
        // the sparse labeller of the candidates: the same numbering, voxel for voxel, with the mask's voxels only
        CandidateLabels sparse = CandidateLabels.label(mask, 9, 23, 31, Connectivity.of(neighbours));
        assertThat(sparse.toDense()).isEqualTo(ours.labels());
        assertThat(sparse.count()).isEqualTo(ours.count());
        assertThat(sparse.size()).isEqualTo(mask.cardinality());
        for (int i = 0; i < m.length; i++) {
            assertThat(sparse.labelAt(i)).isEqualTo(ours.labels()[i]);
        }
        // a relabelling that drops every other component keeps the others' voxels only
        int[] remap = new int[sparse.count() + 1];
        int kept = 0;
        for (int l = 1; l <= sparse.count(); l += 2) {
            remap[l] = ++kept;
        }
        int[] expected = ours.labels().clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = remap[expected[i]];
        }
        CandidateLabels relabelled = sparse.relabel(remap, kept);
        assertThat(relabelled.toDense()).isEqualTo(expected);
        for (int i = 0; i < m.length; i++) {
            assertThat(relabelled.labelAt(i)).isEqualTo(expected[i]);
        }
    }

    /** Candidates searched in a box of the scan, read in place, equal those of the box cut out and searched. */
    @Test
    void aBoxSearchedInPlaceEqualsTheCroppedBox() {
        Geometry g = Geometry.of(37, 29, 11, new double[] {0.6, 0.6, 1.5}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[g.voxelCount()];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (40 + r.nextGaussian() * 60);
        }
        Volume ct = Volume.ofShorts(g, hu);
        int[] min = {2, 3, 4};
        int[] size = {7, 20, 25};
        CandidateFinder f = CandidateFinder.builder().minAreaMm2(0.5).maxComponentMm3(5).build();
        var inPlace = f.find(ct, min, size);
        var cropped = f.find(ct.crop(min, size));
        assertThat(inPlace.components()).isNotEmpty();
        assertThat(inPlace.components()).usingRecursiveFieldByFieldElementComparator().isEqualTo(cropped.components());
        assertThat(inPlace.labels().toDense()).isEqualTo(cropped.labels().toDense());
    }

    @Test
    void candidateStatistics() {
        Geometry g = Geometry.of(10, 10, 5, new double[] {0.5, 0.5, 2}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[g.voxelCount()];
        java.util.Arrays.fill(hu, (short) 40);
        hu[g.index(2, 3, 3)] = 400;
        hu[g.index(2, 3, 4)] = 200;
        hu[g.index(3, 4, 5)] = 130; // diagonal neighbour: joins with 26-, not with 6-connectivity
        hu[g.index(0, 9, 9)] = 129; // below threshold
        Volume ct = Volume.ofShorts(g, hu);
        var c26 = CandidateFinder.builder().build().find(ct);
        assertThat(c26.components()).hasSize(1);
        Component c = c26.components().get(0);
        assertThat(c.voxels()).isEqualTo(3);
        assertThat(c.volumeMm3()).isEqualTo(1.5);
        assertThat(c.peakHu()).isEqualTo(400);
        assertThat(c.meanHu()).isEqualTo(730 / 3.0);
        assertThat(c.peakZyx()).containsExactly(2, 3, 3);
        assertThat(c.boxMinZyx()).containsExactly(2, 3, 3);
        assertThat(c.boxMaxZyx()).containsExactly(3, 4, 5);
        var c6 = CandidateFinder.builder().connectivity(Connectivity.SIX).build().find(ct);
        assertThat(c6.components()).hasSize(2);
        var small = CandidateFinder.builder().maxComponentMm3(1.0).build().find(ct);
        assertThat(small.components()).isEmpty();
    }

    /**
     * The minimum-area rule looks at the largest cross-section in any slice: a column of single voxels
     * through five slices is dropped however long it is, a 2x2 square (1.96 mm²) is kept, and with
     * 0.7 mm pixels a single voxel (0.49 mm²) is dropped at 1 mm² but kept at 0.4 mm².
     */
    @Test
    void minimumAreaUsesTheLargestSliceCrossSection() {
        Geometry g = Geometry.of(20, 20, 8, new double[] {0.7, 0.7, 2.0}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[g.voxelCount()];
        java.util.Arrays.fill(hu, (short) -100);
        for (int z = 1; z <= 5; z++) {
            hu[g.index(z, 2, 2)] = 300; // a thin column: one voxel per slice
        }
        for (int y = 10; y <= 11; y++) {
            for (int x = 10; x <= 11; x++) {
                hu[g.index(4, y, x)] = 500; // 2 x 2 in one slice
            }
        }
        hu[g.index(6, 16, 16)] = 900; // one voxel
        Volume ct = Volume.ofShorts(g, hu);
        assertThat(CandidateFinder.builder().build().find(ct).components()).hasSize(3);
        var kept = CandidateFinder.builder().minAreaMm2(1.0).build().find(ct);
        assertThat(kept.components()).hasSize(1);
        assertThat(kept.components().get(0).peakHu()).isEqualTo(500);
        assertThat(kept.components().get(0).id()).isEqualTo(1);
        assertThat(kept.labels().size()).isEqualTo(4);
        assertThat(CandidateFinder.builder().minAreaMm2(0.4).build().find(ct).components()).hasSize(3);
    }
}
