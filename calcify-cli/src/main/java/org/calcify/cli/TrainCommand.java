package org.calcify.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.calcify.app.failure.UsageException;
import org.calcify.nn.data.CohortShards;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Networks;
import org.calcify.nn.model.Task;
import org.calcify.nn.training.CrossValidation;
import org.calcify.nn.training.ModelSelection;
import org.calcify.nn.training.TrainOptions;
import org.calcify.patch.PatchShape;
import org.calcify.seed.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calcify train}: patient-wise cross-validated training of cnn3d or triplanar on patch shards. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a 3D CNN (cnn3d, on cube patches) or the 2.5D triplanar network (axial/sagittal/coronal patches)",
                "on shards from 'calcify extract' or 'calcify seed-extract --format shards', with patient-wise k-fold",
                "cross-validation (folds from fold_K folders, else assigned by scan).",
                "Class imbalance: class-weighted cross-entropy. Augmentation: shifts, in-plane rotations (cube), intensity",
                "jitter and noise, left-right flips (binary task only). Adam with cosine learning-rate decay, early stopping on",
                "the validation loss, a checkpoint every epoch (--resume continues exactly).",
                "Writes per fold OUT/fold_K/{metrics.csv, predictions.csv, test_metrics.csv, model/}, and OUT/summary.csv."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR|CSV",
            description = {"Shard folder, or a folder of fold_K shard folders; or a cohort list (.csv of scan,labels paths): its",
                    "candidates (>= --threshold HU) are cut into OUT/patches-MODEL first (reused on --resume)."})
    Path data;

    @Option(names = "--size", defaultValue = "21,65,65", paramLabel = "Z,Y,X", converter = OptionTypes.PatchShapeConverter.class,
            description = "Cohort list: odd patch extents in voxels, Z,Y,X (default: ${DEFAULT-VALUE}).")
    PatchShape size;

    @Option(names = "--threshold", defaultValue = "130", paramLabel = "HU", description = "Cohort list: candidate threshold (default: ${DEFAULT-VALUE}).")
    double thresholdHu;

    @Option(names = "--per-class", defaultValue = "2000", paramLabel = "N",
            description = "Cohort list: at most N candidate voxels per label, class-balanced (0: all; default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--model", required = true, paramLabel = "cnn3d|triplanar", converter = OptionTypes.ArchitectureConverter.class,
            description = "Architecture.")
    Architecture model;

    @Option(names = "--task", defaultValue = "binary", paramLabel = "binary|artery", converter = OptionTypes.TaskConverter.class,
            description = "binary: coronary calcium or not; artery: none, LM, LAD, LCX, RCA (default: binary).")
    Task task;

    @Option(names = "--other-class", description = "Artery task: non-coronary calcium (label 5) as its own class (default: counted as none).")
    boolean otherClass;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Folds when the data has no fold_K folders (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--fold", paramLabel = "K", split = ",", description = "Run only these folds (default: all).")
    List<Integer> onlyFolds = new ArrayList<>();

    @Option(names = "--epochs", defaultValue = "30", description = "Most epochs per fold (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "2", description = "Background threads loading batches (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--engine-threads", paramLabel = "N", description = "PyTorch intra-op threads (default: the engine's choice).")
    Integer engineThreads;

    @Option(names = "--lr", defaultValue = "0.001", description = "Initial learning rate, cosine decay to 1 %% (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--patience", defaultValue = "5", description = "Early stopping: epochs without a better --select figure (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--select", paramLabel = "loss|macro-f1", defaultValue = "loss", converter = SelectionConverter.class,
            description = "Which epoch's weights are kept: the lowest validation loss or the highest validation macro-F1 (default: ${DEFAULT-VALUE}).")
    ModelSelection selection;

    /** Parses --select. */
    static final class SelectionConverter implements picocli.CommandLine.ITypeConverter<ModelSelection> {
        @Override
        public ModelSelection convert(String value) {
            try {
                return ModelSelection.of(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--seed", defaultValue = "0", description = "Seed of folds, order, augmentation and weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--emr", negatable = true, description = "Fuse the EMR features (default: on when the data has emr.npy; --no-emr for the ablation).")
    Boolean emr;

    @Option(names = "--context", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Give the network the data's coarse context cubes (context.npy from extract --context) as a second image input"
                    + " (default: on when the data has them; --no-context for the ablation).")
    boolean context;

    @Option(names = "--filters", paramLabel = "N", description = "Filters of the first convolution (default: 8 for cnn3d, 16 for triplanar).")
    Integer filters;

    @Option(names = "--validation-fraction", defaultValue = "0.15", description = "Share of training scans for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--no-augment", description = "Train without augmentation.")
    boolean noAugment;

    @Option(names = "--window", defaultValue = "50,400", description = "Window the shards were cut with, recorded in the model (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--resume", description = "Continue the checkpoints in --out where they stopped.")
    boolean resume;

    @Option(names = "--init", paramLabel = "MODEL|default",
            description = "Fine-tune: start every fold from this model's weights instead of fresh ones: a model folder, a 'calcify train'"
                    + " output (its fold of the same number, else its first), or 'default' (the model that ships with Calcify). Its"
                    + " network must match (--model, --task, --size, --filters, EMR, context). The new model's provenance names it"
                    + " (parent) beside the data.")
    String init;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** The --init model's folder: 'default' is the bundled model. */
    private Path initModel() throws java.io.IOException {
        if (init == null) {
            return null;
        }
        if (org.calcify.nn.inference.Classifiers.DEFAULT.equalsIgnoreCase(init)) {
            return org.calcify.nn.model.BundledModel.defaultModel().orElseThrow(() -> new org.calcify.io.InvalidInputException(
                    Path.of(org.calcify.nn.inference.Classifiers.DEFAULT), "this build carries no default model to start from"));
        }
        Path dir = Path.of(init);
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new org.calcify.io.InvalidInputException(dir, "no such model folder (--init takes a model folder, a calcify train output or 'default')");
        }
        return dir;
    }

    @Override
    public Integer call() throws Exception {
        Architecture a = model;
        Task t = task;
        if (otherClass && t != Task.ARTERY) {
            throw new UsageException("--other-class needs --task artery");
        }
        if (engineThreads != null) {
            if (engineThreads < 1) {
                throw new UsageException("--engine-threads must be at least 1");
            }
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(engineThreads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Path initDir = initModel();
        TrainOptions o = UsageException.fromOptions(() -> TrainOptions.builder(a, t).optOtherClass(otherClass).optFolds(folds).optOnlyFolds(onlyFolds).optEpochs(epochs)
                .optBatchSize(batchSize).optLoaderThreads(threads).optLearningRate(learningRate).optPatience(patience).optSelection(selection).optSeed(seed)
                .optUseEmr(emr).optBaseFilters(filters == null ? Networks.defaultBaseFilters(a) : filters)
                .optValidationFraction(validationFraction).optAugment(!noAugment).optWindow(window).optResume(resume).optUseContext(context)
                .optInitModel(initDir).build());
        var out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        ProgressListener progress = ConsoleProgress.forStderr(quiet);
        Path shards = data;
        if (CohortShards.isCohortList(data)) {
            shards = CohortShards.prepare(data, a, size, window, thresholdHu, perClass, seed,
                    this.out.resolve("patches-" + a.id()), progress);
        }
        CrossValidation.Result r = new CrossValidation(o, progress, line -> {
            out.println(line);
            out.flush();
        }).run(shards, this.out);
        int plots = 0;
        try (var folds = java.nio.file.Files.list(this.out)) {
            for (Path f : folds.filter(p -> p.getFileName().toString().startsWith("fold_") && java.nio.file.Files.isDirectory(p)).toList()) {
                plots += org.calcify.eval.plot.TrainingPlots.write(f).size();
            }
        }
        out.printf(Locale.ROOT, "trained %d fold(s) in %.1f s -> %s (%d plots)%n", r.folds().size(), (System.nanoTime() - t0) / 1e9, this.out, plots);
        out.flush();
        return 0;
    }
}
