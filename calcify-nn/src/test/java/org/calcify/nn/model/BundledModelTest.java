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

    @Test
    void noModelGivesEmpty() throws Exception {
        BundledModel.Source none = name -> (InputStream) null;
        assertThat(BundledModel.extract(none, tmp.resolve("cache"))).isEmpty();
    }
}
