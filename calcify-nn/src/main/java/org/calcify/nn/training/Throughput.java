package org.calcify.nn.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.calcify.nn.data.BatchLoader;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.inference.NetworkClassifier;
import org.calcify.nn.model.AdamState;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Networks;
import org.calcify.nn.model.Task;

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
        try (Session s = Session.open(dataPath, a, Task.BINARY, false, baseFilters, batchSize, threads)) {
            s.train(warmup);
            double train = s.train(batches);
            s.infer(warmup);
            double infer = s.infer(batches);
            return new Result(train, infer, s.parameters());
        }
    }

    /**
     * Writes an untrained fold ensemble as {@code calcify train} leaves one ({@code fold_K/model} with
     * config.json and model.params, weights seeded by K): a cnn3d artery model with the "other" class on
     * {@code patchZyx} cubes and the given context cube (null for none), window 50,400. For benchmarks of
     * {@link NetworkClassifier}, whose cost does not depend on the weights.
     */
    public static void writeUntrainedEnsemble(Path dir, int folds, int[] patchZyx, org.calcify.patch.ContextCube context)
            throws IOException {
        for (int k = 0; k < folds; k++) {
            ModelConfig c = new ModelConfig(Architecture.CNN3D, Task.ARTERY, true, Task.ARTERY.classNames(true), patchZyx.clone(), "50,400",
                    Networks.defaultBaseFilters(Architecture.CNN3D), new double[0], new double[0], Network.WEIGHTS,
                    Map.of("note", "untrained, for benchmarks"), context);
            Path model = dir.resolve("fold_" + k).resolve("model");
            java.nio.file.Files.createDirectories(model);
            try (Network net = Network.create(c, k)) {
                net.saveWeights(model.resolve(Network.WEIGHTS));
            }
            c.save(model);
        }
    }

    /**
     * A network on shard data, trained and run chunk by chunk: batch b of training (and, separately, of
     * inference) holds samples {@code b * batch ..} in order, cycling over the data, whatever the chunks.
     * The context cube is used when the data has one.
     */
    public static final class Session implements AutoCloseable {
        private final PatchData data;
        private final ModelConfig config;
        private final int[] classes;
        private final int batchSize;
        private final int threads;
        private final float[] classWeights;
        private final Network net;
        private final AdamState adam;
        private long trainBatches;
        private long inferBatches;

        private Session(PatchData data, ModelConfig config, int[] classes, int batchSize, int threads) {
            this.data = data;
            this.config = config;
            this.classes = classes;
            this.batchSize = batchSize;
            this.threads = threads;
            this.classWeights = new float[config.classCount()];
            Arrays.fill(classWeights, 1f);
            this.net = Network.create(config, 0);
            this.adam = new AdamState(net);
        }

        /** Opens the data and creates the network (seed 0). */
        public static Session open(Path dataPath, Architecture a, Task task, boolean otherClass, int baseFilters, int batchSize,
                                   int threads) throws IOException {
            PatchData data = PatchData.open(dataPath);
            if (!data.supports(a)) {
                throw new IllegalArgumentException(a.id() + " does not fit the patches of " + dataPath);
            }
            ModelConfig c = new ModelConfig(a, task, otherClass, task.classNames(otherClass), data.patchZyx(), "", baseFilters,
                    new double[0], new double[0], Network.WEIGHTS, Map.of(), data.contextCube());
            int[] cls = new int[data.size()];
            for (int g = 0; g < cls.length; g++) {
                cls[g] = task.classOf(data.label(g), otherClass);
                if (cls[g] < 0) {
                    throw new IllegalArgumentException("sample " + g + " has label " + data.label(g) + ", outside 0..5");
                }
            }
            return new Session(data, c, cls, batchSize, threads);
        }

        public long parameters() {
            return net.parameterCount();
        }

        private int[] order(long firstBatch, int batches) {
            int[] order = new int[batches * batchSize];
            for (int i = 0; i < order.length; i++) {
                order[i] = (int) ((firstBatch * batchSize + i) % data.size());
            }
            return order;
        }

        /** Runs the next {@code batches} training steps (Adam, lr 1e-3, no augmentation); samples per second. */
        public double train(int batches) {
            int[] order = order(trainBatches, batches);
            trainBatches += batches;
            long t0 = System.nanoTime();
            try (BatchLoader loader = new BatchLoader(data, config, classes, order, batchSize, threads, null, 0)) {
                while (loader.hasNext()) {
                    net.trainStep(adam, loader.next(), 1e-3f, classWeights);
                }
            }
            return rate(batches, t0);
        }

        /** Runs the next {@code batches} inference batches (softmax, copied out); samples per second. */
        public double infer(int batches) {
            int[] order = order(inferBatches, batches);
            inferBatches += batches;
            long t0 = System.nanoTime();
            try (BatchLoader loader = new BatchLoader(data, config, null, order, batchSize, threads, null, 0)) {
                while (loader.hasNext()) {
                    net.probabilities(loader.next());
                }
            }
            return rate(batches, t0);
        }

        private double rate(int batches, long t0) {
            return (double) batches * batchSize / ((System.nanoTime() - t0) / 1e9);
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
