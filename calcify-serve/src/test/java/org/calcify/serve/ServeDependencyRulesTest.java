package org.calcify.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One application layer, many front ends: the review use case (calcify-app's {@code app.review}) knows no web framework,
 * and the server knows neither the command line nor the networks; only calcify-serve imports Javalin.
 */
class ServeDependencyRulesTest {
    private static List<String> offences(Path sources, List<String> forbidden) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String word : forbidden) {
                    if (text.contains(word)) {
                        out.add(f + " uses " + word);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theServerUsesNeitherTheCommandLineNorTheNetworks() throws IOException {
        assertThat(offences(Path.of("src/main/java"), List.of("org.calcify.cli.", "org.calcify.nn.", "ai.djl", "picocli", "me.tongfei")))
                .isEmpty();
    }

    @Test
    void theApplicationLayerKnowsNoWebFramework() throws IOException {
        Path app = Path.of("../calcify-app/src/main/java");
        assertThat(app).isDirectory();
        assertThat(offences(app, List.of("io.javalin", "org.eclipse.jetty", "jakarta.servlet", "org.calcify.serve.", "org.calcify.cli.")))
                .isEmpty();
    }
}
