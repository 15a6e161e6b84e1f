package org.calcify.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md for calcify-nn, checked on its sources as text (as calcify-core's
 * DependencyRulesTest does): the packages are layered model → data → inference → training, each imports
 * only lower ones; the engine's arrays appear only in model; nothing above calcify-nn is used.
 */
class DependencyRulesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    /** The layers of docs/architecture.md: a package imports only packages of lower layers. */
    private static final Map<String, Integer> LAYERS = Map.of("model", 0, "data", 1, "inference", 2, "training", 3);
    private static final Pattern NN = Pattern.compile("\\borg\\.calcify\\.nn\\.([a-z]+)\\.[A-Z]");

    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(SOURCES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(SOURCES.relativize(p), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        assertThat(out).as("calcify-nn sources under " + SOURCES.toAbsolutePath()).hasSizeGreaterThan(20);
        return out;
    }

    /** The package under org.calcify.nn of a source path (model, data, ...). */
    private static String packageOf(Path source) {
        assertThat(source.getNameCount()).as(source + " is in a package under org.calcify.nn").isGreaterThan(4);
        return source.getName(3).toString();
    }

    @Test
    void everySourceIsInALayeredPackage() throws IOException {
        for (Path p : sources().keySet()) {
            assertThat(LAYERS).as(p.toString()).containsKey(packageOf(p));
        }
    }

    @Test
    void packagesImportOnlyLowerLayers() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Map.Entry<Path, String> e : sources().entrySet()) {
            String from = packageOf(e.getKey());
            Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = NN.matcher(e.getValue());
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    to.add(m.group(1));
                }
            }
        }
        assertThat(uses.get("training")).as("the scan sees training's imports").contains("model", "data", "inference");
        List<String> upwards = new ArrayList<>();
        uses.forEach((from, to) -> to.stream().filter(t -> LAYERS.getOrDefault(t, 99) >= LAYERS.get(from))
                .forEach(t -> upwards.add(from + " imports " + t)));
        assertThat(upwards).isEmpty();
    }

    @Test
    void engineArraysStayInModelAndNothingAboveNnIsUsed() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Map.Entry<Path, String> e : sources().entrySet()) {
            List<String> forbidden = new ArrayList<>(List.of("org.calcify.app.", "org.calcify.cli.", "org.calcify.bench.", "org.calcify.serve.", "io.javalin", "picocli", "me.tongfei"));
            if (!packageOf(e.getKey()).equals("model")) {
                forbidden.addAll(List.of("ai.djl.ndarray", "ai.djl.nn.", "ai.djl.training"));
            }
            for (String f : forbidden) {
                if (e.getValue().contains(f)) {
                    offences.add(e.getKey() + " uses " + f);
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
