package org.calcify.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.calcify.nn.inference.PatchPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calcify predict}: class probabilities per patch from a saved model (Calcify's or a TorchScript import). */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Class probabilities for every patch of DATA, with batched CPU inference.",
                "--model is a folder with config.json and the weights it names: model.params (from 'calcify train',",
                "e.g. OUT/fold_K/model) or a TorchScript .pt traced in PyTorch with the same input contract",
                "(see docs/models.md). The CSV has shard,row,scan,z,y,x,label,predicted,p_CLASS..."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (config.json + weights).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Shard folder, or a folder of fold_K shard folders.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV.")
    Path out;

    @Option(names = "--batch-size", defaultValue = "64", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "2", description = "Background threads loading batches (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        int n;
        try (PatchPredictor p = PatchPredictor.load(model)) {
            n = p.predictToCsv(data, out, batchSize, threads, ConsoleProgress.forStderr(quiet));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT, "%d patches in %.2f s (%.0f/s) -> %s%n", n, s, n / Math.max(s, 1e-9), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
