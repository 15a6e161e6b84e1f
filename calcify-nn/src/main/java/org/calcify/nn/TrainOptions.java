package org.calcify.nn;

import java.util.List;

/**
 * Settings of {@code calcify train}.
 *
 * @param architecture       network family
 * @param task               binary or artery
 * @param otherClass         artery task: non-coronary calcium (label 5) as its own class
 * @param folds              k of k-fold cross-validation when the data has no fold folders
 * @param onlyFolds          fold ids to run (empty: all)
 * @param epochs             most epochs per fold
 * @param batchSize          samples per batch
 * @param loaderThreads      background threads building batches
 * @param learningRate       initial Adam learning rate (cosine decay to 1 % over {@code epochs})
 * @param patience           early stopping: epochs without a lower validation loss before stopping
 * @param seed               seed of folds, shuffling, augmentation and initial weights
 * @param useEmr             null: use EMR when the data has it; true: require it; false: ignore it
 * @param baseFilters        filters of the first convolution; 0: the architecture's default
 * @param validationFraction share of the training scans held out for validation
 * @param augment            apply {@link Augmentation#standard}
 * @param window             the window the shards were cut with, recorded in the model config
 * @param resume             continue the checkpoints in the output folder
 * @param stopAfterEpochs    stop (as if killed) after this many epochs in this run; 0: never. For tests.
 * @param useContext         give the network the data's context cubes ({@code context.npy}) when it has them
 */
public record TrainOptions(Architecture architecture, Task task, boolean otherClass, int folds, List<Integer> onlyFolds, int epochs,
                           int batchSize, int loaderThreads, double learningRate, int patience, long seed, Boolean useEmr,
                           int baseFilters, double validationFraction, boolean augment, String window, boolean resume,
                           int stopAfterEpochs, boolean useContext) {

    /** With the context cube used whenever the data has one. */
    public TrainOptions(Architecture architecture, Task task, boolean otherClass, int folds, List<Integer> onlyFolds, int epochs,
                        int batchSize, int loaderThreads, double learningRate, int patience, long seed, Boolean useEmr,
                        int baseFilters, double validationFraction, boolean augment, String window, boolean resume,
                        int stopAfterEpochs) {
        this(architecture, task, otherClass, folds, onlyFolds, epochs, batchSize, loaderThreads, learningRate, patience, seed, useEmr,
                baseFilters, validationFraction, augment, window, resume, stopAfterEpochs, true);
    }

    public TrainOptions {
        onlyFolds = List.copyOf(onlyFolds);
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
    }

    /** Defaults for an architecture and task: 5 folds, 30 epochs, batch 32, 2 threads, lr 1e-3, patience 5, seed 0. */
    public static TrainOptions defaults(Architecture a, Task t) {
        return new TrainOptions(a, t, false, 5, List.of(), 30, 32, 2, 1e-3, 5, 0, null, 0, 0.15, true, "50,400", false, 0);
    }

    /** The learning rate of epoch {@code e} (1-based): cosine from {@link #learningRate} to 1 % of it. */
    public double learningRateAt(int e) {
        double t = epochs == 1 ? 0 : (e - 1) / (double) (epochs - 1);
        return learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * t)));
    }
}
