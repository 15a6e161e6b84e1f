package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.calcify.io.text.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code calcify train --init MODEL}: fine-tuning starts from the parent's weights, and the new model names its parent. */
class TrainInitCommandTest {
    @TempDir
    Path tmp;

    private Path shards() throws Exception {
        return ToyCubeShards.write(tmp.resolve("shards"));
    }

    private static double firstTrainLoss(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("epoch 1: train loss ([0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double testAuc(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("test: AUC ([0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void fineTuningStartsFromTheParentAndNamesIt() throws Exception {
        Path data = shards();
        Path parent = tmp.resolve("parent");
        CliRunner p = CliRunner.run("train", "--data", data.toString(), "--model", "cnn3d", "--out", parent.toString(), "--folds", "4",
                "--fold", "0", "--epochs", "2", "--batch-size", "4", "--filters", "2", "--quiet");
        assertThat(p.exitCode()).as(p.err()).isZero();
        // a learning rate too small to move the weights: the child must predict what its parent predicts
        Path child = tmp.resolve("child");
        CliRunner c = CliRunner.run("train", "--data", data.toString(), "--model", "cnn3d", "--out", child.toString(), "--folds", "4",
                "--fold", "0", "--epochs", "1", "--batch-size", "4", "--filters", "2", "--lr", "1e-12", "--init", parent.toString(), "--quiet");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("fine-tuned from");
        JsonNode prov = JsonFiles.readTree(child.resolve("fold_0/model/config.json")).path("provenance");
        assertThat(prov.path("parent").asString()).isEqualTo(parent.toAbsolutePath().toString());
        assertThat(prov.path("data").asString()).isEqualTo(data.toAbsolutePath().toString());
        // the same run from fresh weights: at a learning rate too small to learn anything, only the parent's weights can
        // make the child's first epoch good (batch norm's running statistics still move, so predictions are not identical)
        CliRunner fresh = CliRunner.run("train", "--data", data.toString(), "--model", "cnn3d", "--out", tmp.resolve("fresh").toString(),
                "--folds", "4", "--fold", "0", "--epochs", "1", "--batch-size", "4", "--filters", "2", "--lr", "1e-12", "--quiet");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(firstTrainLoss(c.out())).isLessThan(firstTrainLoss(p.out())).isLessThan(0.5 * firstTrainLoss(fresh.out()));
        assertThat(testAuc(c.out())).isGreaterThanOrEqualTo(0.9);

        CliRunner other = CliRunner.run("train", "--data", data.toString(), "--model", "cnn3d", "--out", tmp.resolve("other").toString(),
                "--folds", "4", "--fold", "0", "--epochs", "1", "--batch-size", "4", "--filters", "4", "--init", parent.toString(), "--quiet");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("its network differs").contains("filters");
        CliRunner missing = CliRunner.run("train", "--data", data.toString(), "--model", "cnn3d", "--out", tmp.resolve("m").toString(),
                "--init", tmp.resolve("nothing").toString(), "--quiet");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such model folder");
    }
}
