package org.calcify.nn.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.nn.model.Network;

/**
 * Early stopping on the validation loss that keeps the best model: after an epoch with a lower
 * validation loss than any before (or when {@code model/} holds no weights yet) the network's weights
 * and config are written to the fold's {@code model/}; after {@code patience} epochs in a row without
 * one, training stops. Built as DJL's listener is: {@code EarlyStopping.builder().optEpochPatience(n).build()}.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int badEpochs;

    private EarlyStopping(int patience) {
        this.patience = patience;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpoch(TrainingContext context, EpochResult epoch) throws IOException {
        Path model = context.dir().resolve("model");
        if (epoch.validationLoss() < bestLoss || !Files.isRegularFile(model.resolve(Network.WEIGHTS))) {
            bestLoss = epoch.validationLoss();
            badEpochs = 0;
            context.network().saveWeights(model.resolve(Network.WEIGHTS));
            context.config().save(model);
        } else {
            badEpochs++;
        }
        if (stopped()) {
            context.requestStop();
        }
    }

    /** Whether the patience ran out. */
    public boolean stopped() {
        return badEpochs >= patience;
    }

    /** The lowest validation loss so far (infinite before any epoch). */
    public double bestLoss() {
        return bestLoss;
    }

    /** Epochs since the validation loss last improved. */
    public int badEpochs() {
        return badEpochs;
    }

    /** Continues a run: its best loss and the epochs since it improved, from a checkpoint. */
    void restore(double best, int bad) {
        bestLoss = best;
        badEpochs = bad;
    }

    /** Builds {@link EarlyStopping}; the patience is 5 epochs unless set. */
    public static final class Builder {
        private int patience = 5;

        private Builder() {
        }

        public Builder optEpochPatience(int epochs) {
            patience = epochs;
            return this;
        }

        /** @throws IllegalArgumentException when the patience is below 1 */
        public EarlyStopping build() {
            if (patience < 1) {
                throw new IllegalArgumentException("epoch patience must be at least 1, got " + patience);
            }
            return new EarlyStopping(patience);
        }
    }
}
