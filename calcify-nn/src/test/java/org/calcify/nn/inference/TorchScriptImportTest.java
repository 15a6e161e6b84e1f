package org.calcify.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NpyReader;
import org.calcify.nn.SyntheticShards;
import org.calcify.seed.ProgressListener;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model traced in PyTorch (Debian's python3-torch, needed by this test: {@code apt-get install python3-torch})
 * with the cnn3d input contract, imported through config.json: Calcify's probabilities equal PyTorch's within 1e-5.
 */
class TorchScriptImportTest {
    @TempDir
    Path tmp;

    @Test
    void tracedModelGivesPyTorchOutputs() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, true, 4, 5, new int[] {0, 1, 0, 3}, 7, 21);
        Path model = tmp.resolve("model");
        String script;
        try (InputStream in = getClass().getResourceAsStream("trace_model.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PythonOracle.run(script, data.toString(), model.toString());
        NdArray expected = NpyReader.read(model.resolve("expected.npy"));
        try (PatchPredictor p = PatchPredictor.load(model)) {
            assertThat(p.config().weights()).isEqualTo("model.pt");
            float[] got = p.predict(data, 6, 2, ProgressListener.NONE).probabilities();
            assertThat(got).hasSize(expected.size());
            float[] want = (float[]) expected.data();
            assertThat(got).containsExactly(want, Offset.offset(1e-5f));
        }
        // the same model under a config that promises another contract (no EMR): one-line error, no crash
        String cfg = java.nio.file.Files.readString(model.resolve("config.json"));
        java.nio.file.Files.writeString(model.resolve("config.json"), cfg.replaceAll("\"emr_mean\": \\[[^\\]]*\\]", "\"emr_mean\": []")
                .replaceAll("\"emr_sd\": \\[[^\\]]*\\]", "\"emr_sd\": []"));
        try (PatchPredictor p = PatchPredictor.load(model)) {
            assertThat(p.config().emrFeatures()).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.predict(data, 6, 2, ProgressListener.NONE))
                    .isInstanceOf(org.calcify.io.InvalidInputException.class).hasMessageContaining("failed on inputs of its config.json");
        }
    }
}
