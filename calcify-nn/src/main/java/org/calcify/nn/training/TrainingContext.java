package org.calcify.nn.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.nn.model.AdamState;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;

/**
 * The state of one fold's training that listeners see and change: the network and its optimizer state,
 * the fold's folder, the epochs done, the rows of {@code metrics.csv} so far, and whether to stop.
 */
public final class TrainingContext {
    private final int foldId;
    private final Path dir;
    private final Network network;
    private final AdamState adam;
    private final int maxEpochs;
    private final List<List<?>> history = new ArrayList<>();
    private int epoch;
    private boolean stopRequested;

    TrainingContext(int foldId, Path dir, Network network, AdamState adam, int maxEpochs) {
        this.foldId = foldId;
        this.dir = dir;
        this.network = network;
        this.adam = adam;
        this.maxEpochs = maxEpochs;
    }

    public int foldId() {
        return foldId;
    }

    /** The fold's folder ({@code fold_K}). */
    public Path dir() {
        return dir;
    }

    public Network network() {
        return network;
    }

    public ModelConfig config() {
        return network.config();
    }

    public AdamState adam() {
        return adam;
    }

    /** The epochs complete (0 before the first). */
    public int epoch() {
        return epoch;
    }

    public int maxEpochs() {
        return maxEpochs;
    }

    /** The rows of {@code metrics.csv}, one an epoch; a listener restoring a run puts the earlier rows here. */
    public List<List<?>> history() {
        return history;
    }

    /** Ends training after this epoch (the test fold is still evaluated). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether training is over: a stop was requested or the last epoch is done. */
    public boolean finished() {
        return stopRequested || epoch >= maxEpochs;
    }

    /** Marks epoch {@code e} as complete (the loop, or a listener restoring a run). */
    void completed(int e) {
        epoch = e;
    }
}
