package org.calcify.nn.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;
import org.calcify.io.text.NumberPolicy;
import org.calcify.nn.data.FoldPlan;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.model.Architecture;
import org.calcify.seed.ProgressListener;

/**
 * Patient-wise k-fold cross-validation of one architecture on shard data. Per fold (folder
 * {@code fold_K}): Adam with a cosine learning-rate schedule, class imbalance handled by a
 * class-weighted cross-entropy (weights n / (classes x n_c) from the training samples), early stopping
 * on the validation loss, a checkpoint after every epoch ({@code checkpoint/}: weights-E.params,
 * adam-E.bin with the optimizer moments, and state.json, written last, naming the complete epoch E) from which {@code resume} continues exactly, {@code metrics.csv}, the best model in
 * {@code model/} (config.json + model.params), {@code predictions.csv}, {@code test_metrics.csv}, {@code confusion.csv} and {@code roc.csv}
 * on the test fold. At the end {@code summary.csv}: mean and sd of each test metric over the folds.
 */
public final class CrossValidation {
    private final TrainOptions options;
    private final ProgressListener progress;
    private final Consumer<String> log;

    public CrossValidation(TrainOptions options, ProgressListener progress, Consumer<String> log) {
        this.options = options;
        this.progress = progress;
        this.log = log;
    }

    /** The test metrics of each fold run, by fold id. */
    public record Result(Map<Integer, Metrics> folds, List<String> classes) {
    }

    public Result run(Path dataPath, Path out) throws IOException {
        PatchData data = PatchData.open(dataPath);
        if (!data.supports(options.architecture())) {
            throw new InvalidInputException(dataPath, options.architecture() == Architecture.CNN3D
                    ? "cnn3d needs cube patches (cube.npy: calcify extract --mode cube); this data has tri-planar patches"
                    : "triplanar needs axial/sagittal/coronal.npy; this data has cube patches");
        }
        if (data.size() == 0) {
            throw new InvalidInputException(dataPath, "no patches");
        }
        boolean emr = options.useEmr() == null ? data.emrFeatures() > 0 : options.useEmr();
        if (emr && data.emrFeatures() == 0) {
            throw new InvalidInputException(dataPath, "--emr asked for but the data has no emr.npy");
        }
        List<String> classes = options.task().classNames(options.otherClass());
        int[] cls = new int[data.size()];
        for (int g = 0; g < cls.length; g++) {
            cls[g] = options.task().classOf(data.label(g), options.otherClass());
            if (cls[g] < 0) {
                throw new InvalidInputException(dataPath, "label " + data.label(g) + " of " + data.scan(g) + " (" + data.centre(g)
                        + ") is not 0..5 (none, LM, LAD, LCX, RCA, other)");
            }
        }
        long distinct = java.util.Arrays.stream(cls).distinct().count();
        if (distinct < 2) {
            throw new InvalidInputException(dataPath, "all " + cls.length + " patches are of one class ('" + classes.get(cls[0])
                    + "'): nothing to learn");
        }
        FoldPlan plan = FoldPlan.of(data, options.folds(), options.seed());
        List<Integer> run = new ArrayList<>();
        for (int f = 0; f < plan.folds(); f++) {
            if (options.onlyFolds().isEmpty() || options.onlyFolds().contains(plan.foldId(f))) {
                run.add(f);
            }
        }
        for (int id : options.onlyFolds()) {
            plan.foldOfId(id);
        }
        Files.createDirectories(out);
        AtomicOutput.removeLeftovers(out); // temporary files of a killed run
        Map<Integer, Metrics> results = new LinkedHashMap<>();
        for (int f : run) {
            results.put(plan.foldId(f), new FoldTraining(options, progress, log, data, plan, f, cls, classes, emr, out.resolve("fold_" + plan.foldId(f))).run());
            if (options.stopAfterEpochs() > 0 && results.get(plan.foldId(f)) == null) {
                return new Result(results, classes);
            }
        }
        writeSummary(out, results, classes);
        return new Result(results, classes);
    }

    private void writeSummary(Path out, Map<Integer, Metrics> results, List<String> classes) throws IOException {
        List<String> names = Metrics.names(classes);
        List<List<Object>> per = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Map.Entry<Integer, Metrics> e : results.entrySet()) {
            List<Object> row = new ArrayList<>(List.of(e.getKey()));
            for (Map.Entry<String, Double> m : e.getValue().named(classes).entrySet()) {
                row.add(num(m.getValue()));
                values.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue());
            }
            per.add(row);
        }
        List<List<Object>> sum = new ArrayList<>();
        StringBuilder text = new StringBuilder("cross-validation (" + results.size() + " folds, test folds):");
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            double[] ms = meanSd(e.getValue());
            sum.add(java.util.Arrays.asList(e.getKey(), num(ms[0]), num(ms[1]), (int) ms[2]));
            text.append(String.format(Locale.ROOT, "%n  %-16s %.4f ± %.4f", e.getKey(), ms[0], ms[1]));
        }
        List<String> perHeader = new ArrayList<>(List.of("fold"));
        perHeader.addAll(names);
        CsvTable.write(out.resolve("cv_metrics.csv"), perHeader, per);
        CsvTable.write(out.resolve("summary.csv"), List.of("metric", "mean", "sd", "folds"), sum);
        log.accept(text.toString());
    }

    /** Mean, sample sd and count of the finite values. */
    static double[] meanSd(List<Double> v) {
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                s += d;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : s / n;
        double ss = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                ss += (d - mean) * (d - mean);
            }
        }
        return new double[] {mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n};
    }

    /** A metric as the CSVs hold it: 6 significant digits; null (an empty field) when not finite. */
    static java.math.BigDecimal num(double d) {
        return NumberPolicy.significant(d, 6);
    }
}
