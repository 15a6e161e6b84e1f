package org.calcify.nn.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.seed.ProgressListener;

/**
 * Batched CPU inference of a saved model folder ({@code config.json} + {@code model.params}, or
 * {@code config.json} + a TorchScript {@code .pt} traced in PyTorch with the same input contract) on shard data.
 */
public final class PatchPredictor implements AutoCloseable {
    private final Path modelDir;
    private final Network net;

    private PatchPredictor(Path modelDir, Network net) {
        this.modelDir = modelDir;
        this.net = net;
    }

    /** Loads a model folder. */
    public static PatchPredictor load(Path modelDir) throws IOException {
        return new PatchPredictor(modelDir, Network.load(modelDir));
    }

    public ModelConfig config() {
        return net.config();
    }

    /** What {@link #predict} returns: probabilities (n x classes, row-major) in shard order. */
    public record Predictions(PatchData data, float[] probabilities) {
    }

    /** Probabilities for every patch of DATA (a shard folder or fold_K folders). */
    public Predictions predict(Path dataPath, int batchSize, int threads, ProgressListener progress) throws IOException {
        PatchData data = PatchData.open(dataPath);
        ModelConfig c = net.config();
        if (!data.supports(c.architecture())) {
            throw new InvalidInputException(modelDir, "model is " + c.architecture().id() + " but " + dataPath + " holds "
                    + (data.supports(Architecture.CNN3D) ? "cube" : "tri-planar") + " patches");
        }
        if (!Arrays.equals(data.patchZyx(), c.patchZyx())) {
            throw new InvalidInputException(dataPath, "patches are " + Arrays.toString(data.patchZyx()) + " (z, y, x) but the model takes "
                    + Arrays.toString(c.patchZyx()));
        }
        if (c.context() != null && !c.context().equals(data.contextCube())) {
            throw new InvalidInputException(dataPath, "the model takes context cubes " + c.context().text() + ", the data has "
                    + (data.contextCube() == null ? "none (extract --context)" : data.contextCube().text()));
        }
        if (c.emrFeatures() > 0 && data.emrFeatures() != c.emrFeatures()) {
            throw new InvalidInputException(dataPath, "the model takes " + c.emrFeatures() + " EMR features, the data has " + data.emrFeatures());
        }
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be at least 1");
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        try {
            float[] p = SamplePredictions.probabilities(net, data, all, batchSize, threads, progress, "predicting");
            return new Predictions(data, p);
        } catch (ai.djl.engine.EngineException | IllegalStateException e) {
            // an imported TorchScript model that does not follow the input contract of its config.json
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(modelDir, "the model failed on inputs of its config.json (" + c.architecture().id() + ", "
                    + c.emrFeatures() + " EMR features, " + c.classCount() + " classes): " + m);
        }
    }

    /** Predicts and writes the CSV (shard,row,scan,z,y,x,label,predicted,p_CLASS...) atomically; returns the patch count. */
    public int predictToCsv(Path dataPath, Path csv, int batchSize, int threads, ProgressListener progress) throws IOException {
        Predictions pr = predict(dataPath, batchSize, threads, progress);
        int[] all = new int[pr.data().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        AtomicOutput.write(csv, SamplePredictions.csv(pr.data(), all, pr.probabilities(), net.config().classes(), null)
                .getBytes(StandardCharsets.UTF_8));
        return all.length;
    }

    @Override
    public void close() {
        net.close();
    }
}
