package org.calcify.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.calcify.nn.SyntheticShards;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Batch;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.NetworkInternals;
import org.calcify.nn.model.Task;
import org.calcify.patch.ContextExtractor;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.calcify.window.WindowPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fold ensemble's classification of many voxels (several batches, patches cut on a second thread into
 * reused buffers, every network on the same arrays, BatchNorm folded) equals the plain computation: each
 * voxel's cube and context cube cut on their own, each network's unfolded forward pass, the mean over the
 * networks.
 */
class NetworkClassifierTest {
    @TempDir
    Path tmp;

    @Test
    void ensembleOverManyVoxelsEqualsOneVoxelAtATime() throws Exception {
        int[] zyx = {SyntheticShards.Z, SyntheticShards.Y, SyntheticShards.X};
        var cx = SyntheticShards.CONTEXT;
        ModelConfig c = new ModelConfig(Architecture.CNN3D, Task.ARTERY, true, Task.ARTERY.classNames(true), zyx, "50,400", 4,
                new double[] {50, 40}, new double[] {10, 5}, Network.WEIGHTS, java.util.Map.of(), cx);
        SplittableRandom r = new SplittableRandom(23);
        int folds = 3;
        for (int k = 0; k < folds; k++) {
            Path model = tmp.resolve("fold_" + k).resolve("model");
            Files.createDirectories(model);
            try (Network net = Network.create(c, 100 + k)) {
                for (Pair<String, Parameter> p : NetworkInternals.parameters(net)) {
                    NDArray a = p.getValue().getArray();
                    if (p.getKey().endsWith("runningVar")) {
                        a.set(random(r, (int) a.size(), 0.5f, 1.5f));
                    } else if (p.getKey().endsWith("runningMean")) {
                        a.set(random(r, (int) a.size(), -0.2f, 0.2f));
                    }
                }
                net.saveWeights(model.resolve(Network.WEIGHTS));
            }
            c.save(model);
        }
        int nx = 48;
        int ny = 40;
        int nz = 24;
        short[] hu = new short[nx * ny * nz];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (r.nextInt(-150, 450));
        }
        Volume ct = Volume.ofShorts(Geometry.of(nx, ny, nz, new double[] {0.8, 0.7, 2.5}, new double[3],
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), hu);
        int count = 2 * NetworkClassifier.MAX_BATCH + 57;
        int[][] voxels = new int[count][];
        for (int i = 0; i < count; i++) {
            voxels[i] = new int[] {r.nextInt(nz), r.nextInt(ny), r.nextInt(nx)};
        }
        double[] emr = {61, 33};
        assertThat(NetworkClassifier.batchSize(c)).isEqualTo(NetworkClassifier.MAX_BATCH);

        float[][] got;
        try (NetworkClassifier classifier = NetworkClassifier.load(tmp)) {
            got = classifier.classify(ct, voxels, emr);
        }

        float[][] want = new float[count][CalciumLabel.values().length];
        PatchSource src = PatchSource.of(WindowPreset.parse("50,400").applyToVolume(ct));
        CubeExtractor cubes = new CubeExtractor(PatchShape.ofSizes(zyx[0], zyx[1], zyx[2]));
        ContextExtractor contexts = new ContextExtractor(cx, new double[] {2.5, 0.7, 0.8});
        float[] emrStd = {(61 - 50) / 10f, (33 - 40) / 5f};
        for (int k = 0; k < folds; k++) {
            try (Network net = Network.load(tmp.resolve("fold_" + k).resolve("model"))) {
                for (int i = 0; i < count; i++) {
                    int[] v = voxels[i];
                    Batch one = new Batch(1, new float[][] {scaled(cubes.extract(src, v[0], v[1], v[2])),
                            scaled(contexts.extract(src, v[0], v[1], v[2]))}, emrStd.clone(), new int[] {-1}, new int[1]);
                    float[] p = NetworkInternals.unfoldedProbabilities(net, one);
                    for (int j = 0; j < p.length; j++) {
                        want[i][j] += p[j] / folds;
                    }
                }
            }
        }
        assertThat(got).hasNumberOfRows(count);
        for (int i = 0; i < count; i++) {
            assertThat(got[i]).as("voxel %d", i).containsExactly(want[i], Offset.offset(1e-5f));
        }
        // the networks are not all alike: the comparison would catch a voxel given another voxel's answer
        List<Float> firstColumn = new ArrayList<>();
        for (float[] row : want) {
            firstColumn.add(row[0]);
        }
        assertThat(firstColumn.stream().distinct().count()).isGreaterThan(count / 2);
    }

    private static float[] scaled(byte[] b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = (b[i] & 0xFF) / 255f;
        }
        return f;
    }

    private static float[] random(SplittableRandom r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
        return v;
    }
}
