package org.calcify.nn.training;

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
import org.calcify.io.text.NumberPolicy;
import org.calcify.nn.data.Augmentation;
import org.calcify.nn.data.BatchLoader;
import org.calcify.nn.data.FoldPlan;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.inference.SamplePredictions;
import org.calcify.nn.model.AdamState;
import org.calcify.nn.model.Batch;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Networks;
import org.calcify.nn.model.Task;
import org.calcify.seed.ProgressListener;

/**
 * One fold of {@link CrossValidation}: the fold's class weights and model config, the epoch loop with its
 * listeners ({@link EarlyStopping} keeping the best model, {@link Checkpointing}), then the test fold's
 * predictions and metrics, all in the fold's folder.
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
        if (options.initModel() != null) {
            prov.put("parent", options.initModel().toAbsolutePath().toString());
            prov.put("init", "fine-tuned from the parent's weights");
        }
        config = new ModelConfig(options.architecture(), options.task(), options.otherClass(), classes, data.patchZyx(),
                options.window(), base, mean, sd, Network.WEIGHTS, prov, options.useContext() ? data.contextCube() : null);
    }

    private String signature() {
        return options.architecture().id() + "/" + options.task().id() + "/" + classes.size() + "/" + config.baseFilters() + "/"
                + config.emrFeatures() + "/" + options.seed() + "/" + options.epochs() + "/" + options.batchSize() + "/" + options.learningRate()
                + (config.context() == null ? "" : "/context " + config.context().text())
                + (options.initModel() == null ? "" : "/init " + options.initModel().toAbsolutePath())
                + (options.selection() == ModelSelection.LOSS ? "" : "/select " + options.selection().id());
    }

    /** Trains and tests; null when stopped early by {@link TrainOptions#stopAfterEpochs}. */
    Metrics run() throws IOException {
        Files.createDirectories(dir.resolve("checkpoint"));
        Files.createDirectories(dir.resolve("model"));
        for (Path d : List.of(dir, dir.resolve("checkpoint"), dir.resolve("model"))) {
            AtomicOutput.removeLeftovers(d); // temporary files of a killed run
        }
        EarlyStopping earlyStopping = EarlyStopping.builder().optEpochPatience(options.patience()).optSelection(options.selection()).build();
        List<TrainingListener> listeners = List.of(earlyStopping, new Checkpointing(dir, signature(), options.resume(), earlyStopping));
        try (Network net = Network.create(config, (int) (options.seed() * 1_000_003L + foldId))) {
            TrainingContext context = new TrainingContext(foldId, dir, net, new AdamState(net), options.epochs());
            for (TrainingListener l : listeners) {
                l.onTrainingBegin(context);
            }
            if (context.epoch() > 0) {
                log.accept("fold " + foldId + ": resuming after epoch " + context.epoch());
            } else if (options.initModel() != null) {
                Path parent = ParentModel.weightsFor(options.initModel(), foldId, config);
                net.loadWeights(parent);
                log.accept(String.format(Locale.ROOT, "fold %d: %d training, %d validation, %d test patches; %s fine-tuned from %s",
                        foldId, train.length, val.length, test.length, options.architecture().id(), parent));
            } else {
                log.accept(String.format(Locale.ROOT, "fold %d: %d training, %d validation, %d test patches; %s with %,d parameters",
                        foldId, train.length, val.length, test.length, options.architecture().id(), net.parameterCount()));
            }
            if (!fit(context, listeners, earlyStopping)) {
                return null;
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

    /**
     * The epoch loop: train, validate, add the epoch's row to {@code metrics.csv}, then tell the listeners,
     * until one asks to stop or the last epoch is done.
     *
     * @return false when stopped as if killed by {@link TrainOptions#stopAfterEpochs}
     */
    private boolean fit(TrainingContext context, List<TrainingListener> listeners, EarlyStopping earlyStopping) throws IOException {
        Network net = context.network();
        int ranThisRun = 0;
        while (!context.finished()) {
            int epoch = context.epoch() + 1;
            long t0 = System.nanoTime();
            float lr = (float) options.learningRateAt(epoch);
            double trainLoss = trainEpoch(net, context.adam(), epoch, lr);
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
            context.history().add(row);
            writeMetrics(context.history());
            context.completed(epoch);
            EpochResult result = new EpochResult(epoch, trainLoss, valLoss, m, lr, seconds);
            for (TrainingListener l : listeners) {
                l.onEpoch(context, result);
            }
            log.accept(String.format(Locale.ROOT, "fold %d epoch %d: train loss %.4f, validation loss %.4f, AUC %.4f, accuracy %.4f, lr %.2e, %.1f s%s",
                    foldId, epoch, trainLoss, valLoss, m.auc(), m.accuracy(), lr, seconds, earlyStopping.stopped() ? " (early stop)" : ""));
            ranThisRun++;
            if (!context.finished() && options.stopAfterEpochs() > 0 && ranThisRun >= options.stopAfterEpochs()) {
                return false;
            }
        }
        return true;
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
        return SamplePredictions.probabilities(net, data, samples, options.batchSize(), options.loaderThreads(), progress, "fold " + foldId + " evaluating");
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
        AtomicOutput.write(dir.resolve("predictions.csv"), SamplePredictions.csv(data, test, p, classes, cls).getBytes(StandardCharsets.UTF_8));
    }
}
