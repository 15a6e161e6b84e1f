package org.calcify.nn.training;

import java.io.IOException;

/**
 * Told of training events by the epoch loop of one fold, as DJL's {@code TrainingListener}: the loop
 * trains and validates, and listeners decide the rest (keeping the best model, stopping early, writing
 * checkpoints). Listeners are called in the order they were given.
 */
public interface TrainingListener {
    /**
     * Before the first epoch of this run, with the network freshly initialised; a listener may restore
     * an earlier run's state into the context (then {@link TrainingContext#epoch()} is the epochs already done).
     */
    default void onTrainingBegin(TrainingContext context) throws IOException {
    }

    /** After each epoch, once the epoch's row is in {@code metrics.csv}. */
    default void onEpoch(TrainingContext context, EpochResult epoch) throws IOException {
    }
}
