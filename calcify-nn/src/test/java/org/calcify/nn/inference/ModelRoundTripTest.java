package org.calcify.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.SyntheticShards;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Task;
import org.calcify.seed.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRoundTripTest {
    @TempDir
    Path tmp;

    private static ModelConfig config(Architecture a, int emr) {
        double[] mean = new double[emr];
        double[] sd = new double[emr];
        java.util.Arrays.fill(mean, 50);
        java.util.Arrays.fill(sd, 10);
        return new ModelConfig(a, Task.ARTERY, true, Task.ARTERY.classNames(true),
                new int[] {SyntheticShards.Z, SyntheticShards.Y, SyntheticShards.X}, "50,400", 4, mean, sd, Network.WEIGHTS, Map.of("test", "yes"));
    }

    @Test
    void savedModelGivesIdenticalOutputs() throws Exception {
        for (Architecture a : Architecture.values()) {
            Path data = tmp.resolve("data-" + a.id());
            SyntheticShards.write(data, a == Architecture.CNN3D, 3, 5, new int[] {0, 1, 2, 3, 4, 5}, 2, 11);
            PatchData pd = PatchData.open(data);
            int[] all = new int[pd.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            Path dir = tmp.resolve("model-" + a.id());
            Files.createDirectories(dir);
            ModelConfig c = config(a, 2);
            float[] before;
            try (Network net = Network.create(c, 42)) {
                before = SamplePredictions.probabilities(net, pd, all, 4, 2, ProgressListener.NONE, "x");
                net.saveWeights(dir.resolve(Network.WEIGHTS));
                c.save(dir);
            }
            try (PatchPredictor p = PatchPredictor.load(dir)) {
                assertThat(p.config()).usingRecursiveComparison().isEqualTo(c);
                float[] after = p.predict(data, 4, 2, ProgressListener.NONE).probabilities();
                assertThat(after).containsExactly(before);
            }
            // a different batch size and thread count give the same probabilities (to float rounding)
            try (PatchPredictor p = PatchPredictor.load(dir)) {
                float[] again = p.predict(data, 1, 3, ProgressListener.NONE).probabilities();
                assertThat(again).containsExactly(before, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    /**
     * Weights loaded into a network that has already run (as training does when it reloads the best epoch's
     * model.params for the test fold) are the ones its next forward pass uses: the engine's parameter store
     * caches the arrays of the first pass, and loading must not leave it serving the old ones.
     */
    @Test
    void weightsLoadedAfterAForwardPassAreUsed() throws Exception {
        for (Architecture a : Architecture.values()) {
            Path data = tmp.resolve("data-" + a.id());
            SyntheticShards.write(data, a == Architecture.CNN3D, 3, 5, new int[] {0, 1, 2, 3, 4, 5}, 2, 11);
            PatchData pd = PatchData.open(data);
            int[] all = java.util.stream.IntStream.range(0, pd.size()).toArray();
            ModelConfig c = config(a, 2);
            Path other = tmp.resolve("other-" + a.id() + ".params");
            float[] expected;
            try (Network net = Network.create(c, 7)) {
                expected = SamplePredictions.probabilities(net, pd, all, 4, 1, ProgressListener.NONE, "x");
                net.saveWeights(other);
            }
            try (Network net = Network.create(c, 8)) {
                float[] own = SamplePredictions.probabilities(net, pd, all, 4, 1, ProgressListener.NONE, "x");
                assertThat(own).as("two initialisations differ").isNotEqualTo(expected);
                net.loadWeights(other);
                assertThat(SamplePredictions.probabilities(net, pd, all, 4, 1, ProgressListener.NONE, "x")).as(a.id()).containsExactly(expected);
            }
        }
    }

    @Test
    void modelFolderOfAnotherArchitectureIsRejected() throws Exception {
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        try (Network net = Network.create(config(Architecture.CNN3D, 0), 1)) {
            net.saveWeights(dir.resolve(Network.WEIGHTS));
        }
        config(Architecture.TRIPLANAR, 0).save(dir);
        assertThatThrownBy(() -> PatchPredictor.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weights do not fit");
    }

    @Test
    void predictingOtherPatchKindIsRejected() throws Exception {
        // a cnn3d model cannot use tri-planar shards (a triplanar model can use cubes: it cuts its planes from them)
        Path data = tmp.resolve("planes");
        SyntheticShards.write(data, false, 2, 2, new int[] {0, 1}, 0, 1);
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        try (Network net = Network.create(config(Architecture.CNN3D, 0), 1)) {
            net.saveWeights(dir.resolve(Network.WEIGHTS));
        }
        config(Architecture.CNN3D, 0).save(dir);
        try (PatchPredictor p = PatchPredictor.load(dir)) {
            assertThatThrownBy(() -> p.predict(data, 4, 1, ProgressListener.NONE)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("model is cnn3d");
        }
    }

    @Test
    void brokenConfigsAreOneLineErrors() throws Exception {
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        assertThatThrownBy(() -> PatchPredictor.load(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a model folder");
        for (String bad : List.of("{", "[]", "{\"architecture\": \"resnet\", \"task\": \"binary\"}",
                "{\"architecture\": \"cnn3d\", \"task\": \"binary\", \"classes\": [\"a\"], \"patch_zyx\": [9, 17, 17], \"weights\": \"model.params\"}",
                "{\"architecture\": \"cnn3d\", \"task\": \"binary\", \"classes\": [\"a\", \"b\"], \"patch_zyx\": [9, 17], \"weights\": \"model.params\"}")) {
            Files.writeString(dir.resolve("config.json"), bad);
            assertThatThrownBy(() -> PatchPredictor.load(dir)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        Files.writeString(dir.resolve("config.json"),
                "{\"architecture\": \"cnn3d\", \"task\": \"binary\", \"classes\": [\"a\", \"b\"], \"patch_zyx\": [9, 17, 17], \"weights\": \"../../etc/passwd\"}");
        assertThatThrownBy(() -> PatchPredictor.load(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not found");
        Files.writeString(dir.resolve("config.json"),
                "{\"architecture\": \"cnn3d\", \"task\": \"binary\", \"classes\": [\"a\", \"b\"], \"patch_zyx\": [9, 17, 17], \"weights\": \"model.params\"}");
        Files.write(dir.resolve("model.params"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> PatchPredictor.load(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("weights do not fit");
    }
}
