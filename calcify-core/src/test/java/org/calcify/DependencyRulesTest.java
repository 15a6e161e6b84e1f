package org.calcify;

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
 * The dependency rules of docs/architecture.md, checked on calcify-core's sources (no ArchUnit: the imports and
 * fully qualified names are read as text). Core has no deep-learning dependency and knows nothing of the modules
 * above it; its packages form no cycle; the lowest layers import nothing above them.
 */
class DependencyRulesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    /** The layers of docs/architecture.md: a package imports only packages of lower layers. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(Map.entry("volume", 0), Map.entry("io", 1), Map.entry("candidate", 2),
            Map.entry("window", 2), Map.entry("score", 3), Map.entry("anatomy", 3), Map.entry("patch", 3), Map.entry("sampling", 3),
            Map.entry("phantom", 4), Map.entry("detect", 4), Map.entry("seed", 4), Map.entry("render", 5), Map.entry("hybrid", 5),
            Map.entry("extract", 5), Map.entry("protocol", 5), Map.entry("report", 6), Map.entry("eval", 6));
    private static final Pattern CALCIFY = Pattern.compile("\\borg\\.calcify\\.([a-z]+)(?:\\.[a-z]+)*\\.[A-Z]");

    /** Source file to its text, for every main source of calcify-core. */
    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(SOURCES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(SOURCES.relativize(p), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        assertThat(out).as("calcify-core sources under " + SOURCES.toAbsolutePath()).hasSizeGreaterThan(100);
        return out;
    }

    /** The top-level package under org.calcify of a source path (volume, io, detect, ...). */
    private static String packageOf(Path source) {
        return source.getName(2).toString();
    }

    @Test
    void coreNeverUsesDeepLearningNorTheModulesAboveIt() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Map.Entry<Path, String> e : sources().entrySet()) {
            for (String forbidden : List.of("ai.djl", "org.calcify.nn.", "org.calcify.app.", "org.calcify.cli.", "org.calcify.bench.",
                    "org.calcify.serve.", "io.javalin", "picocli", "me.tongfei")) {
                if (e.getValue().contains(forbidden)) {
                    offences.add(e.getKey() + " uses " + forbidden);
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void corePackagesImportOnlyLowerLayersAndFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Map.Entry<Path, String> e : sources().entrySet()) {
            String from = packageOf(e.getKey());
            Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = CALCIFY.matcher(e.getValue());
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    to.add(m.group(1));
                }
            }
        }
        assertThat(uses.get("detect")).as("the scan sees detect's imports").contains("candidate", "score", "volume");
        assertThat(uses.get("volume")).as("volume imports").isEmpty();
        assertThat(LAYERS.keySet()).as("every core package has a layer in docs/architecture.md").containsAll(uses.keySet());
        List<String> upwards = new ArrayList<>();
        uses.forEach((from, to) -> to.stream().filter(t -> LAYERS.getOrDefault(t, 99) >= LAYERS.get(from))
                .forEach(t -> upwards.add(from + " (L" + LAYERS.get(from) + ") imports " + t + " (L" + LAYERS.getOrDefault(t, 99) + ")")));
        assertThat(upwards).isEmpty();
        for (String p : uses.keySet()) {
            List<String> path = cycleFrom(p, p, uses, new ArrayList<>(List.of(p)), new TreeSet<>());
            assertThat(path).as("package cycle through " + p).isNull();
        }
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> c = cycleFrom(start, next, uses, path, seen);
                if (c != null) {
                    return c;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
