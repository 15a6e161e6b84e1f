package org.calcify.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Measures training and inference throughput (samples per second) of a network on shard data, the
 * whole pipeline included: memory-mapped shards, background batch building, engine steps. For the
 * side-by-side benchmark against a PyTorch loop (bench/nn-bench.sh).
 */
public final class Throughput {
    private Throughput() {
    }

    /** Samples per second of training and of inference. */
    public record Result(double trainSamplesPerSecond, double inferSamplesPerSecond, long parameters) {
    }

    /**
     * Runs {@code warmup} then {@code batches} training steps (Adam, no augmentation) over the data in
     * order, then the same number of inference batches.
     */
    public static Result measure(Path dataPath, Architecture a, int baseFilters, int batchSize, int threads, int warmup, int batches)
            throws IOException {
        PatchData data = PatchData.open(dataPath);
        if (!data.supports(a)) {
            throw new IllegalArgumentException(a.id() + " does not fit the patches of " + dataPath);
        }
        ModelConfig c = new ModelConfig(a, Task.BINARY, false, Task.BINARY.classNames(false), data.patchZyx(), "", baseFilters,
                new double[0], new double[0], Network.WEIGHTS, Map.of());
        int[] cls = new int[data.size()];
        for (int g = 0; g < cls.length; g++) {
            cls[g] = Task.BINARY.classOf(data.label(g), false);
        }
        int total = (warmup + batches) * batchSize;
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i % data.size();
        }
        float[] w = new float[2];
        Arrays.fill(w, 1f);
        try (Network net = Network.create(c, 0)) {
            AdamState adam = new AdamState(net);
            double train;
            try (BatchLoader loader = new BatchLoader(data, c, cls, order, batchSize, threads, null, 0)) {
                for (int i = 0; i < warmup; i++) {
                    net.trainStep(adam, loader.next(), 1e-3f, w);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < batches; i++) {
                    net.trainStep(adam, loader.next(), 1e-3f, w);
                }
                train = (double) batches * batchSize / ((System.nanoTime() - t0) / 1e9);
            }
            double infer;
            try (BatchLoader loader = new BatchLoader(data, c, null, order, batchSize, threads, null, 0)) {
                for (int i = 0; i < warmup; i++) {
                    net.probabilities(loader.next());
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < batches; i++) {
                    net.probabilities(loader.next());
                }
                infer = (double) batches * batchSize / ((System.nanoTime() - t0) / 1e9);
            }
            return new Result(train, infer, net.parameterCount());
        }
    }
}
