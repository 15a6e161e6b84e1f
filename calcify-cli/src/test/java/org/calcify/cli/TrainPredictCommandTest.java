package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.calcify.seed.ShardWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPredictCommandTest {
    @TempDir
    Path tmp;

    private Path shards() throws Exception {
        return ToyCubeShards.write(tmp.resolve("shards"));
    }

    @Test
    void trainThenPredict() throws Exception {
        Path data = shards();
        Path out = tmp.resolve("run");
        CliRunner t = CliRunner.run("train", "--data", data.toString(), "--model", "cnn3d", "--out", out.toString(), "--folds", "4",
                "--fold", "0", "--epochs", "2", "--batch-size", "4", "--filters", "2", "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("fold 0 epoch 2").contains("fold 0 test").contains("cross-validation");
        assertThat(out.resolve("fold_0/metrics.csv")).exists();
        assertThat(out.resolve("summary.csv")).exists();
        for (String png : new String[] {"loss.png", "auc.png", "roc.png", "confusion.png"}) {
            assertThat(javax.imageio.ImageIO.read(out.resolve("fold_0").resolve(png).toFile())).as(png).isNotNull();
        }
        Path csv = tmp.resolve("preds.csv");
        CliRunner p = CliRunner.run("predict", "--model", out.resolve("fold_0/model").toString(), "--data", data.toString(),
                "--out", csv.toString(), "--quiet");
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(33);
        assertThat(lines.get(0)).isEqualTo("shard,row,scan,z,y,x,label,predicted,p_none,p_calcium");
    }

    @Test
    void trainsTriplanarWithEmrOnSeedExtractShards() throws Exception {
        Path cohort = tmp.resolve("cohort");
        SeedCohorts.write(cohort, "[[(9, 40, 40), (9, 40, 40)], [(9, 40, 40), (9, 40, 40)], [(9, 40, 40), (9, 40, 40)]]", "0");
        Path shards = tmp.resolve("seed");
        CliRunner x = CliRunner.run("seed-extract", "--input", cohort.toString(), "--output", shards.toString(), "--format", "shards",
                "--size", "9,17,17", "--quiet");
        assertThat(x.exitCode()).as(x.err()).isZero();
        Path out = tmp.resolve("run");
        CliRunner t = CliRunner.run("train", "--data", shards.toString(), "--model", "triplanar", "--out", out.toString(), "--fold", "2",
                "--epochs", "1", "--batch-size", "4", "--filters", "2", "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(Files.readString(out.resolve("fold_2/model/config.json"))).contains("\"emr_mean\": [").contains("\"architecture\": \"triplanar\"");
        assertThat(Files.readAllLines(out.resolve("fold_2/predictions.csv")).get(1)).startsWith("fold_2,0,fold_2/0,");
        CliRunner again = CliRunner.run("train", "--data", shards.toString(), "--model", "triplanar", "--out", out.toString(), "--fold", "2",
                "--epochs", "1", "--batch-size", "4", "--filters", "2", "--quiet");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("--resume");
        CliRunner noEmr = CliRunner.run("train", "--data", shards.toString(), "--model", "triplanar", "--out", out.toString(), "--fold", "2",
                "--epochs", "1", "--batch-size", "4", "--filters", "2", "--quiet", "--resume", "--no-emr");
        assertThat(noEmr.exitCode()).isEqualTo(2);
        assertThat(noEmr.err()).contains("another run");
    }

    @Test
    void trainsFromACohortList() throws Exception {
        Path cohort = tmp.resolve("cohort");
        Files.createDirectories(cohort);
        StringBuilder csv = new StringBuilder("scan,labels\n");
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 6; i++) {
            org.calcify.volume.Geometry g = org.calcify.volume.Geometry.of(32, 32, 9);
            short[] hu = new short[g.voxelCount()];
            byte[] lab = new byte[g.voxelCount()];
            for (int k = 0; k < hu.length; k++) {
                hu[k] = (short) (-100 + r.nextInt(100));
            }
            // a small LAD plaque (label 2) and a larger bone-like block (label 5)
            for (int z = 3; z < 6; z++) {
                for (int y = 8; y < 11; y++) {
                    for (int x = 8; x < 11; x++) {
                        hu[g.index(z, y, x)] = 400;
                        lab[g.index(z, y, x)] = 2;
                    }
                }
                for (int y = 18; y < 26; y++) {
                    for (int x = 18; x < 26; x++) {
                        hu[g.index(z, y, x)] = 900;
                        lab[g.index(z, y, x)] = 5;
                    }
                }
            }
            org.calcify.io.VolumeIO.write(org.calcify.volume.Volume.ofShorts(g, hu), cohort.resolve("ct" + i + ".nii"));
            org.calcify.io.VolumeIO.write(org.calcify.volume.Volume.ofBytes(g, lab), cohort.resolve("ct" + i + "_labels.nii"));
            csv.append("ct").append(i).append(".nii,ct").append(i).append("_labels.nii\n");
        }
        Files.writeString(cohort.resolve("cohort.csv"), csv);
        Path out = tmp.resolve("run");
        CliRunner t = CliRunner.run("train", "--data", cohort.resolve("cohort.csv").toString(), "--model", "cnn3d", "--task", "artery",
                "--out", out.toString(), "--size", "5,9,9", "--per-class", "20", "--folds", "3", "--fold", "1", "--epochs", "1",
                "--batch-size", "8", "--filters", "2", "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(out.resolve("patches-cnn3d/cube.npy")).exists();
        assertThat(Files.readAllLines(out.resolve("patches-cnn3d/index.csv"))).hasSize(41);
        assertThat(out.resolve("fold_1/predictions.csv")).exists();
        // detect with that model on a chest of 3 slices: thinner than its 5-slice patches, one line, exit 2
        Path thin = tmp.resolve("thin.nii.gz");
        org.calcify.io.VolumeIO.write(DetectCommandTest.chest(3, true), thin);
        CliRunner d = CliRunner.run("detect", "--model", out.resolve("fold_1/model").toString(), "--input", thin.toString(),
                "--out", tmp.resolve("det").toString(), "--quiet");
        assertThat(d.exitCode()).as(d.out() + d.err()).isEqualTo(2);
        assertThat(d.err().lines().toList()).singleElement().asString().contains("thin.nii.gz")
                .contains("5x9x9 (z,y,x) patches need a scan of at least 5 slices", "this one has 3 slices");
    }

    @Test
    void badInputIsExitTwo() throws Exception {
        Path data = shards();
        Path planes = tmp.resolve("planes");
        try (ShardWriter w = new ShardWriter(planes, 4, List.of(new ShardWriter.Plane("axial.npy", 9, 9), new ShardWriter.Plane("sagittal.npy", 5, 9),
                new ShardWriter.Plane("coronal.npy", 5, 9)), 0, List.of("scan", "z", "y", "x", "label"))) {
            for (int i = 0; i < 4; i++) {
                w.append(new byte[][] {new byte[81], new byte[45], new byte[45]}, new int[3], null, i % 2, List.of("s" + i, 2, 4, 4, i % 2));
            }
            w.commit();
        }
        CliRunner t = CliRunner.run("train", "--data", planes.toString(), "--model", "cnn3d", "--out", tmp.resolve("o").toString(), "--quiet");
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err().strip()).startsWith("calcify: error:").contains("cnn3d needs cube patches").doesNotContain("\n");
        CliRunner p = CliRunner.run("predict", "--model", tmp.toString(), "--data", data.toString(), "--out", tmp.resolve("x.csv").toString());
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err()).contains("not a model folder");
        CliRunner m = CliRunner.run("train", "--data", data.toString(), "--model", "resnet", "--out", tmp.resolve("o").toString());
        assertThat(m.exitCode()).isEqualTo(2);
    }
}
