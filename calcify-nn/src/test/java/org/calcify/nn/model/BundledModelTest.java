package org.calcify.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.calcify.nn.SyntheticShards;
import org.calcify.nn.inference.NetworkClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelTest {
    @TempDir
    Path tmp;

    /** A model's files copied out of the jar load as the same network, and a second extraction reuses the copy. */
    @Test
    void extractedModelLoadsAndIsReused() throws Exception {
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        ModelConfig c = new ModelConfig(Architecture.CNN3D, Task.ARTERY, true, Task.ARTERY.classNames(true),
                new int[] {SyntheticShards.Z, SyntheticShards.Y, SyntheticShards.X}, "50,400", 4, new double[0], new double[0],
                Network.WEIGHTS, Map.of());
        try (Network net = Network.create(c, 7)) {
            net.saveWeights(model.resolve(Network.WEIGHTS));
        }
        c.save(model);
        Files.writeString(model.resolve("provenance.json"), "{\"seed\": 7}\n", StandardCharsets.UTF_8);
        BundledModel.Source source = name -> Files.isRegularFile(model.resolve(name)) ? Files.newInputStream(model.resolve(name)) : null;
        Optional<Path> out = BundledModel.extract(source, tmp.resolve("cache"));
        assertThat(out).isPresent();
        for (String f : BundledModel.FILES) {
            assertThat(out.get().resolve(f)).hasSameBinaryContentAs(model.resolve(f));
        }
        try (NetworkClassifier n = NetworkClassifier.load(out.get())) {
            assertThat(n.describe()).contains("cnn3d");
        }
        var before = Files.getLastModifiedTime(out.get().resolve(Network.WEIGHTS));
        assertThat(BundledModel.extract(source, tmp.resolve("cache"))).contains(out.get());
        assertThat(Files.getLastModifiedTime(out.get().resolve(Network.WEIGHTS))).isEqualTo(before);
        try (var left = Files.list(out.get())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    /**
     * An ensemble (fold_0/model, fold_1/model and provenance.json) is copied whole and loads as the two networks
     * averaged: its probabilities are the mean of each member's, loaded alone; a member without weights is no model.
     */
    @Test
    void ensembleIsCopiedWholeAndAveraged() throws Exception {
        Path model = tmp.resolve("ensemble");
        ModelConfig c = new ModelConfig(Architecture.CNN3D, Task.ARTERY, true, Task.ARTERY.classNames(true),
                new int[] {SyntheticShards.Z, SyntheticShards.Y, SyntheticShards.X}, "50,400", 4, new double[0], new double[0],
                Network.WEIGHTS, Map.of());
        for (int k = 0; k < 2; k++) {
            Path member = Files.createDirectories(model.resolve("fold_" + k).resolve("model"));
            try (Network net = Network.create(c, 11 + k)) {
                net.saveWeights(member.resolve(Network.WEIGHTS));
            }
            c.save(member);
        }
        Files.writeString(model.resolve("provenance.json"), "{\"members\": 2}\n", StandardCharsets.UTF_8);
        BundledModel.Source source = name -> Files.isRegularFile(model.resolve(name)) ? Files.newInputStream(model.resolve(name)) : null;
        Path out = BundledModel.extract(source, tmp.resolve("cache")).orElseThrow();
        for (String f : new String[] {"provenance.json", "fold_0/model/config.json", "fold_0/model/model.params",
            "fold_1/model/config.json", "fold_1/model/model.params"}) {
            assertThat(out.resolve(f)).hasSameBinaryContentAs(model.resolve(f));
        }
        assertThat(out.resolve(ModelConfig.FILE)).doesNotExist();
        short[] hu = new short[12 * 40 * 40];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (r.nextInt(600) - 100);
        }
        org.calcify.volume.Volume ct = org.calcify.volume.Volume.ofShorts(org.calcify.volume.Geometry.of(40, 40, 12), hu);
        int[][] voxels = {{6, 20, 20}, {5, 10, 30}, {7, 25, 12}};
        float[][] a;
        float[][] b;
        float[][] both;
        try (NetworkClassifier n0 = NetworkClassifier.load(out.resolve("fold_0/model"));
             NetworkClassifier n1 = NetworkClassifier.load(out.resolve("fold_1/model"));
             NetworkClassifier n = NetworkClassifier.load(out)) {
            assertThat(n.describe()).contains("2 fold networks averaged");
            a = n0.classify(ct, voxels, null);
            b = n1.classify(ct, voxels, null);
            both = n.classify(ct, voxels, null);
        }
        for (int v = 0; v < voxels.length; v++) {
            assertThat(a[v]).isNotEqualTo(b[v]);
            for (int k = 0; k < both[v].length; k++) {
                assertThat((double) both[v][k]).isCloseTo((a[v][k] + b[v][k]) / 2.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        Files.delete(model.resolve("fold_1/model/model.params"));
        assertThat(BundledModel.extract(source, tmp.resolve("cache2"))).as("a member without weights").isEmpty();
    }

    @Test
    void noModelGivesEmpty() throws Exception {
        BundledModel.Source none = name -> (InputStream) null;
        assertThat(BundledModel.extract(none, tmp.resolve("cache"))).isEmpty();
    }
}
