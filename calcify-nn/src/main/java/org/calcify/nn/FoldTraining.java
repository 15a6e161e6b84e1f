package org.calcify.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;
import org.calcify.io.text.JsonFiles;
import org.calcify.io.text.NumberPolicy;
import org.calcify.seed.ProgressListener;

/**
 * One fold of {@link CrossValidation}: training with early stopping and a checkpoint per epoch, then
 * the test fold's predictions and metrics, all in the fold's folder.
 */
final class FoldTraining {
    private final TrainOptions options;
    private final ProgressListener progress;
    private final Consumer<String> log;
    private final PatchData data;
    private final int fold;
    private final int foldId;
    private final int[] cls;
    private final List<String> classes;
    private final Path dir;
    private final int[] train;
    private final int[] val;
    private final int[] test;
    private final ModelConfig config;
    private final float[] classWeights;

    FoldTraining(TrainOptions options, ProgressListener progress, Consumer<String> log, PatchData data, FoldPlan plan, int fold,
                 int[] cls, List<String> classes, boolean emr, Path dir) throws IOException {
        this.options = options;
        this.progress = progress;
        this.log = log;
        this.data = data;
        this.fold = fold;
        this.foldId = plan.foldId(fold);
        this.cls = cls;
        this.classes = classes;
        this.dir = dir;
        int[][] tv = plan.trainAndValidation(data, fold, options.validationFraction(), options.seed());
        train = tv[0];
        val = tv[1];
        test = plan.test(fold);
        if (train.length == 0 || test.length == 0) {
            throw new InvalidInputException(data.root(), "fold " + foldId + " has no training or no test patches");
        }
        int c = classes.size();
        long[] count = new long[c];
        for (int g : train) {
            count[cls[g]]++;
        }
        classWeights = new float[c];
        int present = 0;
        for (long n : count) {
            present += n > 0 ? 1 : 0;
        }
        if (present < 2) {
            throw new InvalidInputException(data.root(), "the training folds of fold " + foldId + " hold one class only");
        }
        for (int k = 0; k < c; k++) {
            classWeights[k] = count[k] == 0 ? 0f : (float) (train.length / ((double) present * count[k]));
        }
        double[] mean = new double[0];
        double[] sd = new double[0];
        if (emr) {
            int k = data.emrFeatures();
            mean = new double[k];
            sd = new double[k];
            for (int g : train) {
                double[] e = data.emr(g);
                for (int j = 0; j < k; j++) {
                    mean[j] += e[j] / train.length;
                }
            }
            for (int g : train) {
                double[] e = data.emr(g);
                for (int j = 0; j < k; j++) {
                    sd[j] += (e[j] - mean[j]) * (e[j] - mean[j]) / train.length;
                }
            }
            for (int j = 0; j < k; j++) {
                sd[j] = sd[j] > 1e-24 ? Math.sqrt(sd[j]) : 1;
            }
        }
        int base = options.baseFilters() > 0 ? options.baseFilters() : Networks.defaultBaseFilters(options.architecture());
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("data", data.root().toAbsolutePath().toString());
        prov.put("fold", Integer.toString(foldId));
        prov.put("seed", Long.toString(options.seed()));
        prov.put("train_patches", Integer.toString(train.length));
        prov.put("validation_patches", Integer.toString(val.length));
        prov.put("class_weights", java.util.Arrays.toString(classWeights));
        prov.put("imbalance", "class-weighted cross-entropy");
        config = new ModelConfig(options.architecture(), options.task(), options.otherClass(), classes, data.patchZyx(),
                options.window(), base, mean, sd, Network.WEIGHTS, prov, options.useContext() ? data.contextCube() : null);
    }

    private String signature() {
        return options.architecture().id() + "/" + options.task().id() + "/" + classes.size() + "/" + config.baseFilters() + "/"
                + config.emrFeatures() + "/" + options.seed() + "/" + options.epochs() + "/" + options.batchSize() + "/" + options.learningRate()
                + (config.context() == null ? "" : "/context " + config.context().text());
    }

    /** Trains and tests; null when stopped early by {@link TrainOptions#stopAfterEpochs}. */
    Metrics run() throws IOException {
        Path ckpt = dir.resolve("checkpoint");
        Path stateFile = ckpt.resolve("state.json");
        Files.createDirectories(ckpt);
        Files.createDirectories(dir.resolve("model"));
        for (Path d : List.of(dir, ckpt, dir.resolve("model"))) {
            AtomicOutput.removeLeftovers(d); // temporary files of a killed run
        }
        List<List<?>> rows = new ArrayList<>();
        int epoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bad = 0;
        boolean finished = false;
        try (Network net = Network.create(config, (int) (options.seed() * 1_000_003L + foldId))) {
            AdamState adam = new AdamState(net);
            if (Files.isRegularFile(stateFile)) {
                if (!options.resume()) {
                    throw new InvalidInputException(dir, "holds a checkpoint: add --resume to continue it, or choose another --out");
                }
                CheckpointState st = JsonFiles.read(stateFile, CheckpointState.class);
                if (!signature().equals(st.signature())) {
                    throw new InvalidInputException(stateFile, "checkpoint is of another run (" + st.signature() + "), not " + signature());
                }
                if (st.epoch() < 1 || st.badEpochs() < 0) {
                    throw new InvalidInputException(stateFile, "corrupt checkpoint state (epoch " + st.epoch() + ", bad epochs " + st.badEpochs() + ")");
                }
                epoch = st.epoch();
                bestLoss = Double.isNaN(st.bestLoss()) ? Double.POSITIVE_INFINITY : st.bestLoss();
                bad = st.badEpochs();
                finished = st.finished();
                net.loadWeights(ckpt.resolve(weightsFile(epoch)));
                adam.load(ckpt.resolve(adamFile(epoch)));
                removeOtherEpochs(ckpt, epoch);
                Path m = dir.resolve("metrics.csv");
                if (Files.isRegularFile(m)) {
                    List<List<String>> done = CsvTable.read(m).rows();
                    rows.addAll(done.subList(0, Math.min(done.size(), epoch)));
                }
                log.accept("fold " + foldId + ": resuming after epoch " + epoch);
            } else {
                log.accept(String.format(Locale.ROOT, "fold %d: %d training, %d validation, %d test patches; %s with %,d parameters",
                        foldId, train.length, val.length, test.length, options.architecture().id(), net.parameterCount()));
            }
            int ranThisRun = 0;
            while (!finished && epoch < options.epochs()) {
                epoch++;
                long t0 = System.nanoTime();
                float lr = (float) options.learningRateAt(epoch);
                double trainLoss = trainEpoch(net, adam, epoch, lr);
                float[] p = predict(net, val);
                int[] truth = classesOf(val);
                double valLoss = loss(p, truth);
                Metrics m = Metrics.of(p, truth, classes.size());
                double seconds = (System.nanoTime() - t0) / 1e9;
                List<Object> row = new ArrayList<>(List.of(epoch));
                row.add(CrossValidation.num(trainLoss));
                row.add(CrossValidation.num(valLoss));
                for (double v : m.named(classes).values()) {
                    row.add(CrossValidation.num(v));
                }
                row.add(CrossValidation.num(lr));
                row.add(NumberPolicy.fixed(seconds, 2));
                rows.add(row);
                if (valLoss < bestLoss || !Files.isRegularFile(dir.resolve("model").resolve(Network.WEIGHTS))) {
                    bestLoss = valLoss;
                    bad = 0;
                    net.saveWeights(dir.resolve("model").resolve(Network.WEIGHTS));
                    config.save(dir.resolve("model"));
                } else {
                    bad++;
                }
                finished = bad >= options.patience() || epoch >= options.epochs();
                // files named by epoch, state.json (written last) says which epoch is complete: a kill at any
                // point leaves a consistent checkpoint
                net.saveWeights(ckpt.resolve(weightsFile(epoch)));
                adam.save(ckpt.resolve(adamFile(epoch)));
                writeMetrics(rows);
                writeState(stateFile, epoch, bestLoss, bad, finished);
                if (epoch > 1) {
                    Files.deleteIfExists(ckpt.resolve(weightsFile(epoch - 1)));
                    Files.deleteIfExists(ckpt.resolve(adamFile(epoch - 1)));
                }
                log.accept(String.format(Locale.ROOT, "fold %d epoch %d: train loss %.4f, validation loss %.4f, AUC %.4f, accuracy %.4f, lr %.2e, %.1f s%s",
                        foldId, epoch, trainLoss, valLoss, m.auc(), m.accuracy(), lr, seconds, finished && bad >= options.patience() ? " (early stop)" : ""));
                ranThisRun++;
                if (!finished && options.stopAfterEpochs() > 0 && ranThisRun >= options.stopAfterEpochs()) {
                    return null;
                }
            }
            net.loadWeights(dir.resolve("model").resolve(Network.WEIGHTS));
            float[] p = predict(net, test);
            int[] truth = classesOf(test);
            Metrics m = Metrics.of(p, truth, classes.size());
            writePredictions(p);
            AtomicOutput.write(dir.resolve("confusion.csv"), Metrics.confusionCsv(p, truth, classes).getBytes(StandardCharsets.UTF_8));
            AtomicOutput.write(dir.resolve("roc.csv"), Metrics.rocCsv(p, truth, classes.size()).getBytes(StandardCharsets.UTF_8));
            List<List<Object>> tm = new ArrayList<>();
            m.named(classes).forEach((k, v) -> tm.add(java.util.Arrays.asList(k, CrossValidation.num(v))));
            CsvTable.write(dir.resolve("test_metrics.csv"), List.of("metric", "value"), tm);
            log.accept(String.format(Locale.ROOT, "fold %d test: AUC %.4f, accuracy %.4f, macro F1 %.4f", foldId, m.auc(), m.accuracy(), m.macroF1()));
            return m;
        }
    }

    private int[] classesOf(int[] samples) {
        int[] t = new int[samples.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = cls[samples[i]];
        }
        return t;
    }

    /** Class-weighted mean cross-entropy of probabilities. */
    private double loss(float[] p, int[] truth) {
        int c = classes.size();
        double s = 0;
        double w = 0;
        for (int i = 0; i < truth.length; i++) {
            double cw = classWeights[truth[i]];
            s -= cw * Math.log(Math.max(p[i * c + truth[i]], 1e-12));
            w += cw;
        }
        return w == 0 ? Double.NaN : s / w;
    }

    private double trainEpoch(Network net, AdamState adam, int epoch, float lr) throws IOException {
        int[] order = train.clone();
        Random r = new Random(options.seed() * 1_000_003L + foldId * 7919L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Augmentation aug = options.augment() ? Augmentation.standard(options.task() == Task.BINARY) : null;
        double sum = 0;
        long n = 0;
        try (BatchLoader loader = new BatchLoader(data, config, cls, order, options.batchSize(), options.loaderThreads(), aug,
                options.seed() * 31 + foldId * 1009L + epoch)) {
            progress.start(String.format(Locale.ROOT, "fold %d epoch %d/%d", foldId, epoch, options.epochs()), order.length);
            int b = 0;
            while (loader.hasNext()) {
                Batch batch = loader.next();
                b++;
                if (batch.size() < 2 && order.length > 1) {
                    progress.advance(batch.size());
                    continue; // BatchNorm needs 2 samples; a last batch of one is skipped
                }
                double l = net.trainStep(adam, batch, lr, classWeights);
                if (!Double.isFinite(l)) {
                    throw new TrainingStoppedException(String.format(Locale.ROOT,
                            "training loss became %s at fold %d epoch %d batch %d; stopped. The last good checkpoint (epoch %d) is kept in %s",
                            l, foldId, epoch, b, epoch - 1, dir.resolve("checkpoint")));
                }
                sum += l * batch.size();
                n += batch.size();
                progress.advance(batch.size());
            }
        } finally {
            progress.finish();
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private float[] predict(Network net, int[] samples) {
        return CrossValidation.predict(net, data, samples, options.batchSize(), options.loaderThreads(), progress, "fold " + foldId + " evaluating");
    }

    private void writeMetrics(List<List<?>> rows) throws IOException {
        List<String> header = new ArrayList<>(List.of("epoch", "train_loss", "val_loss"));
        for (String n : Metrics.names(classes)) {
            header.add("val_" + n);
        }
        header.add("learning_rate");
        header.add("seconds");
        CsvTable.write(dir.resolve("metrics.csv"), header, rows);
    }

    private void writePredictions(float[] p) throws IOException {
        AtomicOutput.write(dir.resolve("predictions.csv"), CrossValidation.predictionsCsv(data, test, p, classes, cls).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes the checkpoint files of epochs other than {@code epoch}: a run killed after state.json named a new
     * epoch but before it removed the previous epoch's files leaves them, and nothing else would.
     */
    private static void removeOtherEpochs(Path ckpt, int epoch) throws IOException {
        List<Path> stale;
        try (var files = Files.list(ckpt)) {
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

    /**
     * {@code checkpoint/state.json}, written after the epoch's files: the run it belongs to, the complete epoch,
     * the best validation loss so far (null before any), the epochs since it improved, and whether training ended.
     */
    record CheckpointState(String signature, int epoch, double bestLoss, int badEpochs, boolean finished) {
    }

    private void writeState(Path file, int epoch, double bestLoss, int bad, boolean finished) throws IOException {
        JsonFiles.write(file, new CheckpointState(signature(), epoch, bestLoss, bad, finished));
    }
}
