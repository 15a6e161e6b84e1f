package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's rules for calcify-spark, checked on the sources as text: Spark stays in this module (no
 * other module's pom or sources name it, so the command line never carries its jars), and this module builds on
 * the application layer, never on the command line's classes.
 */
class ModuleBoundaryTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void noOtherModuleUsesSpark() throws IOException {
        for (String module : List.of("calcify-core", "calcify-nn", "calcify-app", "calcify-serve", "calcify-cli")) {
            assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8)).as(module + "/pom.xml")
                    .doesNotContain("org.apache.spark").doesNotContain("calcify-spark");
            try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(p.toString())
                            .doesNotContain("org.apache.spark").doesNotContain("org.calcify.spark");
                }
            }
        }
    }

    @Test
    void theSparkModuleDoesNotUseTheCommandLine() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            List<Path> sources = s.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(10);
            for (Path p : sources) {
                assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(p.toString()).doesNotContain("org.calcify.cli");
            }
        }
        assertThat(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8)).doesNotContain("<artifactId>calcify-cli</artifactId>");
    }
}
