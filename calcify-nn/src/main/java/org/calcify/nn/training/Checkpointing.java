package org.calcify.nn.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;
import org.calcify.io.text.JsonFiles;

/**
 * A checkpoint after every epoch in the fold's {@code checkpoint/}, and resuming from it. Files are named
 * by epoch ({@code weights-E.params}, {@code adam-E.bin} with the optimizer moments) and {@code state.json},
 * written last, names the complete epoch, so a kill at any point leaves a consistent checkpoint; the
 * previous epoch's files are deleted after. At the start of a run a checkpoint found is continued when
 * resuming is asked for and belongs to the same run (its signature), and refused otherwise. The state
 * includes the {@link EarlyStopping} listener's, which must come before this one.
 */
public final class Checkpointing implements TrainingListener {
    private final Path dir;
    private final String signature;
    private final boolean resume;
    private final EarlyStopping earlyStopping;

    /**
     * @param signature what identifies the run (architecture, task, classes, seed, epochs...): a checkpoint
     *                  of another signature is refused
     * @param resume    whether a checkpoint found may be continued
     */
    public Checkpointing(Path foldDir, String signature, boolean resume, EarlyStopping earlyStopping) {
        this.dir = foldDir.resolve("checkpoint");
        this.signature = signature;
        this.resume = resume;
        this.earlyStopping = earlyStopping;
    }

    /**
     * {@code checkpoint/state.json}, written after the epoch's files: the run it belongs to, the complete epoch,
     * the best validation loss so far (null before any), the epochs since it improved, and whether training ended.
     */
    record CheckpointState(String signature, int epoch, double bestLoss, int badEpochs, boolean finished) {
    }

    @Override
    public void onTrainingBegin(TrainingContext context) throws IOException {
        Path stateFile = dir.resolve("state.json");
        if (!Files.isRegularFile(stateFile)) {
            return;
        }
        if (!resume) {
            throw new InvalidInputException(context.dir(), "holds a checkpoint: add --resume to continue it, or choose another --out");
        }
        CheckpointState st = JsonFiles.read(stateFile, CheckpointState.class);
        if (!signature.equals(st.signature())) {
            throw new InvalidInputException(stateFile, "checkpoint is of another run (" + st.signature() + "), not " + signature);
        }
        if (st.epoch() < 1 || st.badEpochs() < 0) {
            throw new InvalidInputException(stateFile, "corrupt checkpoint state (epoch " + st.epoch() + ", bad epochs " + st.badEpochs() + ")");
        }
        int epoch = st.epoch();
        earlyStopping.restore(Double.isNaN(st.bestLoss()) ? Double.POSITIVE_INFINITY : st.bestLoss(), st.badEpochs());
        context.completed(epoch);
        if (st.finished()) {
            context.requestStop();
        }
        context.network().loadWeights(dir.resolve(weightsFile(epoch)));
        context.adam().load(dir.resolve(adamFile(epoch)));
        removeOtherEpochs(epoch);
        Path m = context.dir().resolve("metrics.csv");
        if (Files.isRegularFile(m)) {
            List<List<String>> done = CsvTable.read(m).rows();
            context.history().addAll(done.subList(0, Math.min(done.size(), epoch)));
        }
    }

    @Override
    public void onEpoch(TrainingContext context, EpochResult epoch) throws IOException {
        int e = epoch.epoch();
        context.network().saveWeights(dir.resolve(weightsFile(e)));
        context.adam().save(dir.resolve(adamFile(e)));
        JsonFiles.write(dir.resolve("state.json"),
                new CheckpointState(signature, e, earlyStopping.bestLoss(), earlyStopping.badEpochs(), context.finished()));
        if (e > 1) {
            Files.deleteIfExists(dir.resolve(weightsFile(e - 1)));
            Files.deleteIfExists(dir.resolve(adamFile(e - 1)));
        }
    }

    /**
     * Removes the checkpoint files of epochs other than {@code epoch}: a run killed after state.json named a new
     * epoch but before it removed the previous epoch's files leaves them, and nothing else would.
     */
    private void removeOtherEpochs(int epoch) throws IOException {
        List<Path> stale;
        try (var files = Files.list(dir)) {
            stale = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.matches("(weights-\\d+\\.params|adam-\\d+\\.bin)") && !n.equals(weightsFile(epoch)) && !n.equals(adamFile(epoch));
            }).toList();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
    }

    private static String weightsFile(int epoch) {
        return "weights-" + epoch + ".params";
    }

    private static String adamFile(int epoch) {
        return "adam-" + epoch + ".bin";
    }
}
