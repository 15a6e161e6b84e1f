package org.calcify.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.calcify.io.numpy.NpyReader;
import org.calcify.nn.SyntheticShards;
import org.calcify.nn.TestArrays;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calcify's cnn3d with the context branch and EMR against the same network written out in plain PyTorch
 * (Debian's python3-torch, {@code network_oracle.py}) with Calcify's parameters: the inference path (weights
 * channels-last, max pooling before ReLU, BatchNorm folded into the convolutions) and DJL's own block forward
 * both give PyTorch's probabilities within 1e-5.
 */
class NetworkTorchOracleTest {
    @TempDir
    Path tmp;

    @Test
    void inferenceGivesPyTorchProbabilities() throws Exception {
        int n = 7;
        int emrFeatures = 2;
        int[] zyx = {SyntheticShards.Z, SyntheticShards.Y, SyntheticShards.X};
        var cx = SyntheticShards.CONTEXT;
        ModelConfig c = new ModelConfig(Architecture.CNN3D, Task.ARTERY, true, Task.ARTERY.classNames(true), zyx, "50,400", 4,
                new double[] {0, 0}, new double[] {1, 1}, Network.WEIGHTS, Map.of(), cx);
        SplittableRandom r = new SplittableRandom(17);
        float[] cube = random(r, n * zyx[0] * zyx[1] * zyx[2], 0, 1);
        float[] context = random(r, n * cx.length(), 0, 1);
        float[] emr = random(r, n * emrFeatures, -2, 2);
        Batch batch = new Batch(n, new float[][] {cube, context}, emr, new int[n], new int[n]);
        try (Network net = Network.create(c, 3)) {
            // BatchNorm statistics and affine parameters away from their initial 0 and 1, as after training
            List<String> lines = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            for (Pair<String, Parameter> p : net.parameters()) {
                NDArray a = p.getValue().getArray();
                String name = p.getKey();
                if (name.endsWith("runningVar")) {
                    a.set(random(r, (int) a.size(), 0.5f, 1.5f));
                } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                    a.set(random(r, (int) a.size(), -0.2f, 0.2f));
                } else if (name.endsWith("gamma")) {
                    a.set(random(r, (int) a.size(), 0.7f, 1.3f));
                }
                values.add(a.toFloatArray());
                StringBuilder line = new StringBuilder(name);
                for (long s : a.getShape().getShape()) {
                    line.append(' ').append(s);
                }
                lines.add(line.toString());
            }
            int total = values.stream().mapToInt(v -> v.length).sum();
            float[] flat = new float[total];
            int at = 0;
            for (float[] v : values) {
                System.arraycopy(v, 0, flat, at, v.length);
                at += v.length;
            }
            TestArrays.writeNpy(tmp.resolve("params.npy"), flat, total);
            Files.write(tmp.resolve("params.txt"), lines);
            TestArrays.writeNpy(tmp.resolve("cube.npy"), cube, n, zyx[0], zyx[1], zyx[2]);
            TestArrays.writeNpy(tmp.resolve("context.npy"), context, n, cx.sizeZ(), cx.sizeY(), cx.sizeX());
            TestArrays.writeNpy(tmp.resolve("emr.npy"), emr, n, emrFeatures);
            Files.writeString(tmp.resolve("spec.txt"), "base=4 classes=6\n");
            String script;
            try (InputStream in = getClass().getResourceAsStream("network_oracle.py")) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            PythonOracle.run(script, tmp.toString());
            float[] want = (float[]) NpyReader.read(tmp.resolve("expected.npy")).data();
            assertThat(want).hasSize(n * 6);

            float[] folded = net.probabilities(batch);
            assertThat(folded).containsExactly(want, Offset.offset(1e-5f));
            try (NDManager m = net.manager().newSubManager()) {
                NDList in = net.inputs(m, batch);
                float[] plain = net.logits(in, false).softmax(1).toFloatArray();
                assertThat(plain).containsExactly(want, Offset.offset(1e-5f));
            }
        }
    }

    private static float[] random(SplittableRandom r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
        return v;
    }
}
