package org.calcify.nn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.nn.SyntheticShards;
import org.calcify.nn.inference.PatchPredictor;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Task;
import org.calcify.seed.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossValidationTest {
    @TempDir
    Path tmp;

    private static TrainOptions with(TrainOptions o, int stopAfter, boolean resume) {
        return o.toBuilder().optResume(resume).optStopAfterEpochs(stopAfter).build();
    }

    @Test
    void cnn3dLearnsSeparableBinaryTask() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, true, 9, 8, new int[] {0, 1, 0, 2, 0, 3, 0, 4}, 0, 1);
        List<String> log = new ArrayList<>();
        var result = new CrossValidation(SyntheticShards.options(Architecture.CNN3D, Task.BINARY, 6), ProgressListener.NONE, log::add)
                .run(data, tmp.resolve("out"));
        Metrics m = result.folds().get(0);
        // blob vs no blob is trivially separable: demand near-perfect ranking on the 24 held-out patches
        assertThat(m.auc()).as(String.join("\n", log)).isGreaterThanOrEqualTo(0.95);
        assertThat(m.accuracy()).isGreaterThanOrEqualTo(0.85);
        Path fold = tmp.resolve("out/fold_0");
        assertThat(Files.readAllLines(fold.resolve("metrics.csv"))).hasSizeGreaterThan(1);
        assertThat(Files.readAllLines(fold.resolve("metrics.csv")).get(0)).startsWith("epoch,train_loss,val_loss,val_auc");
        assertThat(Files.readAllLines(fold.resolve("predictions.csv"))).hasSize(1 + 3 * 8);
        assertThat(fold.resolve("model/config.json")).exists();
        assertThat(tmp.resolve("out/summary.csv")).exists();
    }

    @Test
    void triplanarWithEmrLearnsArteries() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, false, 9, 10, new int[] {0, 1, 2, 3, 4}, 7, 2);
        TrainOptions o = SyntheticShards.options(Architecture.TRIPLANAR, Task.ARTERY, 8);
        var result = new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("out"));
        Metrics m = result.folds().get(0);
        // four quadrants + none: macro-F1 well above chance (0.2)
        assertThat(m.macroF1()).isGreaterThanOrEqualTo(0.8);
        ModelConfig c = ModelConfig.load(tmp.resolve("out/fold_0/model"));
        assertThat(c.emrFeatures()).isEqualTo(7);
        assertThat(c.classes()).containsExactly("none", "LM", "LAD", "LCX", "RCA");
    }

    /**
     * Labels that only the context cube tells apart: with the context the network learns them; told not to
     * use it (--no-context), the same network on the same shards cannot, so the context input is wired through.
     */
    @Test
    void theContextCubeCarriesWhatThePatchCannot() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.writeContextOnly(data, 9, 10, new int[] {0, 1, 2, 3, 4}, 4);
        TrainOptions o = SyntheticShards.options(Architecture.CNN3D, Task.ARTERY, 8);
        Metrics with = new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("with")).folds().get(0);
        TrainOptions without = o.toBuilder().optResume(false).optStopAfterEpochs(0).optUseContext(false).build();
        Metrics blind = new CrossValidation(without, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("without")).folds().get(0);
        assertThat(with.macroF1()).isGreaterThanOrEqualTo(0.8);
        assertThat(blind.macroF1()).isLessThan(0.5);
        ModelConfig c = ModelConfig.load(tmp.resolve("with/fold_0/model"));
        assertThat(c.context()).isEqualTo(SyntheticShards.CONTEXT);
        assertThat(ModelConfig.load(tmp.resolve("without/fold_0/model")).context()).isNull();
        // predict cuts nothing: it must feed the shards' context.npy to the saved model to get the labels right
        try (PatchPredictor predictor = PatchPredictor.load(tmp.resolve("with/fold_0/model"))) {
            float[] p = predictor.predict(data, 16, 1, ProgressListener.NONE).probabilities();
            assertThat(p).hasSize(90 * 5);
            int[] labels = {0, 1, 2, 3, 4};
            int right = 0;
            for (int i = 0; i < 90; i++) {
                int best = 0;
                for (int k = 1; k < 5; k++) {
                    best = p[i * 5 + k] > p[i * 5 + best] ? k : best;
                }
                right += best == labels[i % 5] ? 1 : 0;
            }
            assertThat(right).isGreaterThanOrEqualTo(72);
        }
    }

    @Test
    void resumeEqualsUninterruptedTraining() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, true, 6, 6, new int[] {0, 1, 0, 4}, 3, 3);
        TrainOptions o = SyntheticShards.options(Architecture.CNN3D, Task.BINARY, 3);
        new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("a"));
        var stopped = new CrossValidation(with(o, 1, false), ProgressListener.NONE, s -> { }).run(data, tmp.resolve("b"));
        assertThat(stopped.folds().get(0)).isNull();
        assertThat(Files.readAllLines(tmp.resolve("b/fold_0/metrics.csv"))).hasSize(2);
        new CrossValidation(with(o, 1, true), ProgressListener.NONE, s -> { }).run(data, tmp.resolve("b"));
        // what a run killed at the worst moments leaves: the previous epoch's files (killed after state.json named
        // epoch 2, before it removed epoch 1's) and temporary files of a dead process in every folder it writes
        Path ckpt = tmp.resolve("b/fold_0/checkpoint");
        Files.copy(ckpt.resolve("weights-2.params"), ckpt.resolve("weights-1.params"));
        Files.copy(ckpt.resolve("adam-2.bin"), ckpt.resolve("adam-1.bin"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        for (String part : new String[] {"b/.summary.csv", "b/fold_0/.metrics.csv", "b/fold_0/checkpoint/.weights-3.params",
                "b/fold_0/model/.model.params"}) {
            Files.write(tmp.resolve(part + "." + gone.pid() + "-12345.part"), new byte[] {1, 2, 3});
        }
        new CrossValidation(with(o, 0, true), ProgressListener.NONE, s -> { }).run(data, tmp.resolve("b"));
        assertThat(fileNames(tmp.resolve("b"))).isEqualTo(fileNames(tmp.resolve("a")));
        assertThat(Files.readAllBytes(tmp.resolve("b/fold_0/checkpoint/weights-3.params")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/fold_0/checkpoint/weights-3.params")));
        assertThat(Files.readAllBytes(tmp.resolve("b/fold_0/checkpoint/adam-3.bin")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/fold_0/checkpoint/adam-3.bin")));
        assertThat(withoutSeconds(tmp.resolve("b/fold_0/metrics.csv"))).isEqualTo(withoutSeconds(tmp.resolve("a/fold_0/metrics.csv")));
        assertThat(Files.readString(tmp.resolve("b/fold_0/predictions.csv"))).isEqualTo(Files.readString(tmp.resolve("a/fold_0/predictions.csv")));
    }

    /**
     * With {@code --select macro-f1} the kept model is the epoch of highest validation macro-F1 (the first such),
     * whatever its validation loss: its weights equal those the same run has after exactly that many epochs
     * (training is bit-identical for the same seed), and the loss-selected run keeps its own epoch likewise.
     */
    @Test
    void theKeptModelIsTheEpochTheSelectionNames() throws Exception {
        Path data = tmp.resolve("data");
        // data on which the two disagree: validation macro-F1 peaks (1.0) at epoch 2, the loss is lowest at epoch 3
        SyntheticShards.write(data, true, 6, 8, new int[] {0, 1, 0, 2, 0, 3, 0, 4}, 0, 1);
        java.util.Map<ModelSelection, Integer> kept = new java.util.EnumMap<>(ModelSelection.class);
        for (ModelSelection selection : ModelSelection.values()) {
            TrainOptions o = SyntheticShards.options(Architecture.CNN3D, Task.BINARY, 6).toBuilder().optSelection(selection).build();
            Path full = tmp.resolve("full-" + selection.id());
            new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, full);
            List<String> rows = Files.readAllLines(full.resolve("fold_0/metrics.csv"));
            List<String> header = List.of(rows.get(0).split(","));
            int f1 = header.indexOf("val_macro_f1");
            int loss = header.indexOf("val_loss");
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int e = 1; e < rows.size(); e++) {
                String[] f = rows.get(e).split(",");
                double v = selection == ModelSelection.MACRO_F1 ? Double.parseDouble(f[f1]) : -Double.parseDouble(f[loss]);
                if (v > bestValue) {
                    bestValue = v;
                    best = e;
                }
            }
            kept.put(selection, best);
            assertThat(rows).as("epochs run").hasSize(7);
            Path upTo = tmp.resolve("upto-" + selection.id());
            new CrossValidation(with(o, best, false), ProgressListener.NONE, s -> { }).run(data, upTo);
            assertThat(Files.readAllBytes(full.resolve("fold_0/model/model.params"))).as("%s keeps epoch %d", selection, best)
                    .isEqualTo(Files.readAllBytes(upTo.resolve("fold_0/checkpoint/weights-" + best + ".params")));
        }
        assertThat(kept.get(ModelSelection.MACRO_F1)).as("the two selections keep different epochs here").isNotEqualTo(kept.get(ModelSelection.LOSS));
        assertThat(ModelSelection.of("macro-f1")).isEqualTo(ModelSelection.MACRO_F1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelSelection.of("auc")).hasMessageContaining("loss, macro-f1");
    }

    /**
     * The same data, options and seed give bit-identical weights and optimizer state, whatever the number of
     * threads building the batches (augmentation included, context branch included).
     */
    @Test
    void sameSeedGivesBitIdenticalWeights() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.writeContextOnly(data, 6, 6, new int[] {0, 1, 2, 3, 4}, 5);
        TrainOptions o = SyntheticShards.options(Architecture.CNN3D, Task.ARTERY, 2);
        TrainOptions oneLoader = o.toBuilder().optLoaderThreads(1).optResume(false).optStopAfterEpochs(0).build();
        assertThat(o.loaderThreads()).isEqualTo(2);
        assertThat(o.augment()).isTrue();
        new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("a"));
        new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("b"));
        new CrossValidation(oneLoader, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("c"));
        byte[] weights = Files.readAllBytes(tmp.resolve("a/fold_0/checkpoint/weights-2.params"));
        byte[] adam = Files.readAllBytes(tmp.resolve("a/fold_0/checkpoint/adam-2.bin"));
        for (String run : new String[] {"b", "c"}) {
            assertThat(Files.readAllBytes(tmp.resolve(run + "/fold_0/checkpoint/weights-2.params"))).as(run).isEqualTo(weights);
            assertThat(Files.readAllBytes(tmp.resolve(run + "/fold_0/checkpoint/adam-2.bin"))).as(run).isEqualTo(adam);
            assertThat(Files.readString(tmp.resolve(run + "/fold_0/predictions.csv")))
                    .isEqualTo(Files.readString(tmp.resolve("a/fold_0/predictions.csv")));
        }
        // and training moved the weights: the comparison is not between two untouched initialisations
        try (Network fresh = Network.create(ModelConfig.load(tmp.resolve("a/fold_0/model")), 0)) {
            Path untrained = tmp.resolve("untrained.params");
            fresh.saveWeights(untrained);
            assertThat(Files.readAllBytes(untrained)).isNotEqualTo(weights);
        }
    }

    private static List<String> fileNames(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> withoutSeconds(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) {
            out.add(l.substring(0, l.lastIndexOf(',')));
        }
        return out;
    }

    @Test
    void existingCheckpointWithoutResumeIsAnError() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, true, 6, 4, new int[] {0, 1}, 0, 4);
        TrainOptions o = SyntheticShards.options(Architecture.CNN3D, Task.BINARY, 2);
        new CrossValidation(with(o, 1, false), ProgressListener.NONE, s -> { }).run(data, tmp.resolve("out"));
        assertThatThrownBy(() -> new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("out")))
                .isInstanceOf(org.calcify.io.InvalidInputException.class).hasMessageContaining("--resume");
    }

    @Test
    void nanLossStopsWithClearMessage() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticShards.write(data, true, 6, 8, new int[] {0, 1}, 0, 5);
        TrainOptions base = SyntheticShards.options(Architecture.CNN3D, Task.BINARY, 3);
        TrainOptions o = TrainOptions.builder(base.architecture(), base.task()).optFolds(3).optOnlyFolds(List.of(0)).optEpochs(3)
                .optBatchSize(4).optLoaderThreads(1).optLearningRate(1e35).optPatience(10).optSeed(1).optBaseFilters(4)
                .optValidationFraction(0.2).optAugment(false).build();
        assertThatThrownBy(() -> new CrossValidation(o, ProgressListener.NONE, s -> { }).run(data, tmp.resolve("out")))
                .isInstanceOf(TrainingStoppedException.class)
                .hasMessageContaining("training loss became")
                .hasMessageContaining("checkpoint");
    }
}
