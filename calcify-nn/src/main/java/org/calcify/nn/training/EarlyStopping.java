package org.calcify.nn.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.nn.model.Network;

/**
 * Early stopping that keeps the best model: after an epoch better than any before by the {@link ModelSelection}
 * (a lower validation loss by default, or a higher validation macro-F1), or when {@code model/} holds no weights
 * yet, the network's weights and config are written to the fold's {@code model/}; after {@code patience} epochs in
 * a row without one, training stops. Built as DJL's listener is:
 * {@code EarlyStopping.builder().optEpochPatience(n).optSelection(s).build()}.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final ModelSelection selection;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int badEpochs;

    private EarlyStopping(int patience, ModelSelection selection) {
        this.patience = patience;
        this.selection = selection;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpoch(TrainingContext context, EpochResult epoch) throws IOException {
        Path model = context.dir().resolve("model");
        double criterion = selection.criterion(epoch);
        if (criterion < bestLoss || !Files.isRegularFile(model.resolve(Network.WEIGHTS))) {
            bestLoss = criterion;
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

    /** The lowest selection criterion so far (validation loss, or minus macro-F1; infinite before any epoch). */
    public double bestLoss() {
        return bestLoss;
    }

    /** Epochs since the selection criterion last improved. */
    public int badEpochs() {
        return badEpochs;
    }

    /** Continues a run: its best criterion and the epochs since it improved, from a checkpoint. */
    void restore(double best, int bad) {
        bestLoss = best;
        badEpochs = bad;
    }

    /** Builds {@link EarlyStopping}; the patience is 5 epochs and the selection the validation loss unless set. */
    public static final class Builder {
        private int patience = 5;
        private ModelSelection selection = ModelSelection.LOSS;

        private Builder() {
        }

        public Builder optSelection(ModelSelection s) {
            selection = s;
            return this;
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
            return new EarlyStopping(patience, selection);
        }
    }
}
