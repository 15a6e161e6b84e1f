package org.calcify.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;
import org.calcify.render.LesionCrops;
import org.calcify.render.ScanViews;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.window.WindowPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detection's label map is held sparsely ({@link SparseLabelMap}) from the detector to the files: everything
 * made of it must equal what its dense map gives: lookups and crops, the NIfTI file byte for byte, the score,
 * and the report's pictures pixel for pixel.
 */
class SparseLabelMapTest {

    @Test
    void lookupsCropsAndSlicesEqualTheDenseMaps() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            Volume dense = randomLabels(r, 1 + r.nextInt(12), 1 + r.nextInt(30), 1 + r.nextInt(30), r.nextDouble() * 0.3);
            SparseLabelMap sparse = SparseLabelMap.of(dense);
            assertThat(sparse.toVolume().bytes()).isEqualTo(dense.bytes());
            Geometry g = dense.geometry();
            for (int z = -1; z <= g.sizeZ(); z++) {
                for (int y = -1; y <= g.sizeY(); y++) {
                    for (int x = -1; x <= g.sizeX(); x++) {
                        int want = g.contains(z, y, x) ? (int) dense.value(z, y, x) : 0;
                        assertThat(sparse.labelAt(z, y, x)).isEqualTo(want);
                    }
                }
            }
            byte[] plane = new byte[g.sizeY() * g.sizeX()];
            for (int z = 0; z < g.sizeZ(); z++) {
                java.util.Arrays.fill(plane, (byte) 9);
                sparse.slice(z, plane);
                assertThat(plane).isEqualTo(dense.crop(new int[] {z, 0, 0}, new int[] {1, g.sizeY(), g.sizeX()}).bytes());
            }
            for (int k = 0; k < 10; k++) {
                int[] min = {r.nextInt(g.sizeZ() + 2) - 2, r.nextInt(g.sizeY() + 2) - 2, r.nextInt(g.sizeX() + 2) - 2};
                int[] size = {3 + r.nextInt(g.sizeZ() + 2), 3 + r.nextInt(g.sizeY() + 2), 3 + r.nextInt(g.sizeX() + 2)};
                Volume want = dense.crop(min, size);
                Volume got = sparse.crop(min, size);
                assertThat(got.bytes()).isEqualTo(want.bytes());
                assertThat(got.geometry().sameGrid(want.geometry(), 1e-9)).isTrue();
            }
            java.util.TreeSet<Integer> present = new java.util.TreeSet<>();
            for (byte b : dense.bytes()) {
                if (b != 0) {
                    present.add(b & 0xFF);
                }
            }
            assertThat(sparse.labelsPresent()).containsExactlyElementsOf(present);
        }
    }

    @Test
    void refusesUnorderedIndicesAndLabelZero() {
        Geometry g = Geometry.of(4, 4, 4, new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        assertThatThrownBy(() -> SparseLabelMap.of(g, new int[] {5, 3}, new byte[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparseLabelMap.of(g, new int[] {5, 5}, new byte[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparseLabelMap.of(g, new int[] {64}, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparseLabelMap.of(g, new int[] {3}, new byte[] {0})).isInstanceOf(IllegalArgumentException.class);
    }

    /** The streamed NIfTI of the sparse map is the dense map's file, byte for byte, gzipped or not. */
    @Test
    void niftiWrittenSliceBySliceIsTheDenseMapsFile(@TempDir Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(9);
        Volume dense = randomLabels(r, 17, 61, 45, 0.02);
        SparseLabelMap sparse = SparseLabelMap.of(dense);
        for (String name : new String[] {"l.nii.gz", "l.nii", "l.mha"}) {
            VolumeIO.write(dense, dir.resolve("dense-" + name));
            VolumeIO.write(sparse, dir.resolve("sparse-" + name));
            assertThat(Files.readAllBytes(dir.resolve("sparse-" + name))).as(name).isEqualTo(Files.readAllBytes(dir.resolve("dense-" + name)));
        }
        assertThat(VolumeIO.read(dir.resolve("sparse-l.nii.gz")).convertTo(DataType.UINT8).bytes()).isEqualTo(dense.bytes());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("dense-") || n.startsWith("sparse-"));
        }
    }

    /** Scores and report pictures of a phantom's truth held sparsely equal those of its dense map. */
    @Test
    void scoresAndPicturesEqualThoseOfTheDenseMap() {
        PhantomOptions options = PhantomOptions.builder().sizeXy(160).slices(30, 40).build();
        int withCalcium = 0;
        for (long seed = 1; seed <= 12 && withCalcium < 2; seed++) {
            PhantomCase c = CardiacPhantom.generate(options, seed);
            Volume dense = c.labels().convertTo(DataType.UINT8);
            SparseLabelMap sparse = SparseLabelMap.of(dense);
            CalciumScorer scorer = new CalciumScorer();
            CalciumScore want = scorer.score(c.ct(), dense);
            CalciumScore got = scorer.score(c.ct(), sparse);
            assertThat(got.document()).usingRecursiveComparison().isEqualTo(want.document());
            assertThat(got.total().agatston()).isEqualTo(want.total().agatston());
            if (want.lesions().isEmpty()) {
                continue;
            }
            withCalcium++;
            double[] cz = want.lesions().get(0).centroidZyx();
            int z = (int) Math.round(cz[0]);
            int y = (int) Math.round(cz[1]);
            int x = (int) Math.round(cz[2]);
            var window = WindowPreset.MEDIASTINUM.window();
            assertSamePixels(ScanViews.render(c.ct(), window, z, y, x, sparse, 200), ScanViews.render(c.ct(), window, z, y, x, dense, 200));
            assertSamePixels(LesionCrops.render(c.ct(), sparse, window, z, y, x, 15, 4), LesionCrops.render(c.ct(), dense, window, z, y, x, 15, 4));
        }
        assertThat(withCalcium).isEqualTo(2);
    }

    @Test
    void aLabelOutsideTheClassesIsRefusedAsInTheDenseMap() {
        PhantomCase c = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(96).slices(20, 20).build(), 1);
        byte[] b = new byte[c.ct().geometry().voxelCount()];
        b[777] = 7;
        Volume dense = Volume.ofBytes(c.ct().geometry(), b);
        CalciumScorer scorer = new CalciumScorer();
        assertThatThrownBy(() -> scorer.score(c.ct(), dense)).isInstanceOf(InvalidScanException.class).hasMessageContaining("label 7");
        assertThatThrownBy(() -> scorer.score(c.ct(), SparseLabelMap.of(dense))).isInstanceOf(InvalidScanException.class)
                .hasMessage(catchMessage(() -> scorer.score(c.ct(), dense)));
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }

    private static void assertSamePixels(BufferedImage got, BufferedImage want) {
        assertThat(got.getWidth()).isEqualTo(want.getWidth());
        assertThat(got.getHeight()).isEqualTo(want.getHeight());
        assertThat(got.getRGB(0, 0, got.getWidth(), got.getHeight(), null, 0, got.getWidth()))
                .isEqualTo(want.getRGB(0, 0, want.getWidth(), want.getHeight(), null, 0, want.getWidth()));
    }

    private static Volume randomLabels(SplittableRandom r, int nz, int ny, int nx, double density) {
        byte[] b = new byte[nz * ny * nx];
        for (int i = 0; i < b.length; i++) {
            if (r.nextDouble() < density) {
                b[i] = (byte) (1 + r.nextInt(5));
            }
        }
        Geometry g = Geometry.of(nx, ny, nz, new double[] {0.7, 0.8, 2.5}, new double[] {-10, 20, 30},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        return Volume.ofBytes(g, b);
    }
}
