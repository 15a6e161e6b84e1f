package org.calcify.nn.training;

import java.util.List;
import java.util.Objects;
import org.calcify.nn.data.Augmentation;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Task;

/**
 * Settings of {@code calcify train}, built with {@link #builder(Architecture, Task)} and {@code opt*} methods
 * (unset settings keep the defaults below); {@link Builder#build()} checks them.
 *
 * <ul>
 *   <li>{@code otherClass}: artery task: non-coronary calcium (label 5) as its own class (default off)</li>
 *   <li>{@code folds}: k of k-fold cross-validation when the data has no fold folders (5)</li>
 *   <li>{@code onlyFolds}: fold ids to run (empty: all)</li>
 *   <li>{@code epochs}: most epochs per fold (30); {@code batchSize}: samples per batch (32);
 *       {@code loaderThreads}: background threads building batches (2)</li>
 *   <li>{@code learningRate}: initial Adam learning rate, cosine decay to 1 % over {@code epochs} (1e-3)</li>
 *   <li>{@code patience}: early stopping, epochs without a better selection criterion before stopping (5)</li>
 *   <li>{@code selection}: the epoch kept: lowest validation loss ({@link ModelSelection#LOSS}) or highest
 *       validation macro-F1</li>
 *   <li>{@code seed}: seed of folds, shuffling, augmentation and initial weights (0)</li>
 *   <li>{@code useEmr}: null: use EMR when the data has it; true: require it; false: ignore it (null)</li>
 *   <li>{@code baseFilters}: filters of the first convolution; 0: the architecture's default (0)</li>
 *   <li>{@code validationFraction}: share of the training scans held out for validation (0.15)</li>
 *   <li>{@code augment}: apply {@link Augmentation#standard} (on)</li>
 *   <li>{@code window}: the window the shards were cut with, recorded in the model config ("50,400")</li>
 *   <li>{@code resume}: continue the checkpoints in the output folder (off)</li>
 *   <li>{@code stopAfterEpochs}: stop (as if killed) after this many epochs in this run; 0: never. For tests (0)</li>
 *   <li>{@code useContext}: give the network the data's context cubes ({@code context.npy}) when it has them (on)</li>
 * </ul>
 */
public final class TrainOptions {
    private final Architecture architecture;
    private final Task task;
    private final boolean otherClass;
    private final int folds;
    private final List<Integer> onlyFolds;
    private final int epochs;
    private final int batchSize;
    private final int loaderThreads;
    private final double learningRate;
    private final int patience;
    private final ModelSelection selection;
    private final long seed;
    private final Boolean useEmr;
    private final int baseFilters;
    private final double validationFraction;
    private final boolean augment;
    private final String window;
    private final boolean resume;
    private final int stopAfterEpochs;
    private final boolean useContext;
    private final java.nio.file.Path initModel;

    private TrainOptions(Builder b) {
        architecture = b.architecture;
        task = b.task;
        otherClass = b.otherClass;
        folds = b.folds;
        onlyFolds = List.copyOf(b.onlyFolds);
        epochs = b.epochs;
        batchSize = b.batchSize;
        loaderThreads = b.loaderThreads;
        learningRate = b.learningRate;
        patience = b.patience;
        selection = b.selection;
        seed = b.seed;
        useEmr = b.useEmr;
        baseFilters = b.baseFilters;
        validationFraction = b.validationFraction;
        augment = b.augment;
        window = b.window;
        resume = b.resume;
        stopAfterEpochs = b.stopAfterEpochs;
        useContext = b.useContext;
        initModel = b.initModel;
    }

    /** A builder with the defaults for an architecture and task. */
    public static Builder builder(Architecture architecture, Task task) {
        return new Builder(architecture, task);
    }

    /** Defaults for an architecture and task: 5 folds, 30 epochs, batch 32, 2 threads, lr 1e-3, patience 5, seed 0. */
    public static TrainOptions defaults(Architecture a, Task t) {
        return builder(a, t).build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder(architecture, task).optOtherClass(otherClass).optFolds(folds).optOnlyFolds(onlyFolds).optEpochs(epochs)
                .optBatchSize(batchSize).optLoaderThreads(loaderThreads).optLearningRate(learningRate).optPatience(patience).optSeed(seed)
                .optUseEmr(useEmr).optBaseFilters(baseFilters).optValidationFraction(validationFraction).optAugment(augment)
                .optWindow(window).optResume(resume).optStopAfterEpochs(stopAfterEpochs).optUseContext(useContext).optInitModel(initModel)
                .optSelection(selection);
    }

    public Architecture architecture() {
        return architecture;
    }

    public Task task() {
        return task;
    }

    public boolean otherClass() {
        return otherClass;
    }

    public int folds() {
        return folds;
    }

    public List<Integer> onlyFolds() {
        return onlyFolds;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public int loaderThreads() {
        return loaderThreads;
    }

    public double learningRate() {
        return learningRate;
    }

    public int patience() {
        return patience;
    }

    /** Which epoch's weights are kept and what early stopping waits for (validation loss unless set). */
    public ModelSelection selection() {
        return selection;
    }

    public long seed() {
        return seed;
    }

    /** Null: use EMR when the data has it. */
    public Boolean useEmr() {
        return useEmr;
    }

    public int baseFilters() {
        return baseFilters;
    }

    public double validationFraction() {
        return validationFraction;
    }

    public boolean augment() {
        return augment;
    }

    public String window() {
        return window;
    }

    public boolean resume() {
        return resume;
    }

    public int stopAfterEpochs() {
        return stopAfterEpochs;
    }

    public boolean useContext() {
        return useContext;
    }

    /**
     * The model training starts from (fine-tuning), or null: fresh weights. A model folder (config.json, model.params) or a
     * {@code calcify train} output, whose fold of the same number (else its first) gives each fold its start.
     */
    public java.nio.file.Path initModel() {
        return initModel;
    }

    /** The learning rate of epoch {@code e} (1-based): cosine from {@link #learningRate} to 1 % of it. */
    public double learningRateAt(int e) {
        double t = epochs == 1 ? 0 : (e - 1) / (double) (epochs - 1);
        return learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * t)));
    }

    /** Builds {@link TrainOptions}; settings not given keep their defaults. */
    public static final class Builder {
        private final Architecture architecture;
        private final Task task;
        private boolean otherClass;
        private int folds = 5;
        private List<Integer> onlyFolds = List.of();
        private int epochs = 30;
        private int batchSize = 32;
        private int loaderThreads = 2;
        private double learningRate = 1e-3;
        private int patience = 5;
        private ModelSelection selection = ModelSelection.LOSS;
        private long seed;
        private Boolean useEmr;
        private int baseFilters;
        private double validationFraction = 0.15;
        private boolean augment = true;
        private String window = "50,400";
        private boolean resume;
        private int stopAfterEpochs;
        private boolean useContext = true;
        private java.nio.file.Path initModel;

        private Builder(Architecture architecture, Task task) {
            this.architecture = architecture;
            this.task = task;
        }

        public Builder optOtherClass(boolean v) {
            otherClass = v;
            return this;
        }

        public Builder optFolds(int v) {
            folds = v;
            return this;
        }

        public Builder optOnlyFolds(List<Integer> v) {
            onlyFolds = List.copyOf(v);
            return this;
        }

        public Builder optEpochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder optLoaderThreads(int v) {
            loaderThreads = v;
            return this;
        }

        public Builder optLearningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder optPatience(int v) {
            patience = v;
            return this;
        }

        public Builder optSelection(ModelSelection v) {
            selection = java.util.Objects.requireNonNull(v);
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        /** Null: use EMR when the data has it; true: require it; false: ignore it. */
        public Builder optUseEmr(Boolean v) {
            useEmr = v;
            return this;
        }

        /** 0: the architecture's default. */
        public Builder optBaseFilters(int v) {
            baseFilters = v;
            return this;
        }

        public Builder optValidationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder optAugment(boolean v) {
            augment = v;
            return this;
        }

        public Builder optWindow(String v) {
            window = v;
            return this;
        }

        public Builder optResume(boolean v) {
            resume = v;
            return this;
        }

        /** For tests: stop as if killed after this many epochs in this run (0: never). */
        public Builder optStopAfterEpochs(int v) {
            stopAfterEpochs = v;
            return this;
        }

        public Builder optUseContext(boolean v) {
            useContext = v;
            return this;
        }

        /** Start from this model's weights (fine-tuning) instead of fresh ones; null: fresh. */
        public Builder optInitModel(java.nio.file.Path v) {
            initModel = v;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the setting that is missing or out of range
         */
        public TrainOptions build() {
            if (architecture == null || task == null) {
                throw new IllegalArgumentException("architecture and task are required");
            }
            if (epochs < 1 || batchSize < 1 || loaderThreads < 1 || patience < 1) {
                throw new IllegalArgumentException("epochs, batch size, threads and patience must be at least 1");
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
            }
            if (baseFilters < 0 || baseFilters > 256) {
                throw new IllegalArgumentException("base filters must be in 1..256");
            }
            if (stopAfterEpochs < 0) {
                throw new IllegalArgumentException("stop after epochs must be >= 0, got " + stopAfterEpochs);
            }
            Objects.requireNonNull(window, "window");
            return new TrainOptions(this);
        }
    }
}
