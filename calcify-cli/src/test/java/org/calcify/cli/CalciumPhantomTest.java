package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.text.JsonFiles;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A calcium-scoring phantom as a Canon scanner writes it (signed pixels, intercept −1024, Pixel Padding Value −2048
 * outside the reconstruction circle, kernel FC12), drawn by {@code bench/calcium_phantom.py} with its own NumPy/SciPy
 * truth computed on the values it wrote: {@code info} reads it as CT with its padding, and {@code score} with a
 * label over the cardiac insert gives each insert's Agatston and volume as the truth does. The phantom has no heart
 * to locate: that is a note for {@code score}, which classifies nothing.
 */
class CalciumPhantomTest {
    private static final Path SCRIPT = Path.of("..", "bench", "calcium_phantom.py").toAbsolutePath().normalize();

    @Test
    void insertsScoreAsTheNumpyTruthOnACanonStyleSeries(@TempDir Path dir) throws IOException {
        Path series = dir.resolve("dicom");
        Path truthFile = dir.resolve("truth.json");
        Path labels = dir.resolve("labels.nii.gz");
        PythonOracle.run("""
                import runpy, sys
                sys.argv = [sys.argv[1], sys.argv[2], sys.argv[3], '--labels', sys.argv[4], '--seed', '5', '--noise', '20']
                runpy.run_path(sys.argv[0], run_name='__main__')
                """, SCRIPT.toString(), series.toString(), truthFile.toString(), labels.toString());
        JsonNode truth = JsonFiles.mapper().readTree(Files.readString(truthFile));

        CliRunner info = CliRunner.run("info", series.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode padding = JsonFiles.mapper().readTree(info.out()).path("padding");
        assertThat(padding.path("source").asString()).isEqualTo("pixel_padding_value");
        assertThat(padding.path("fraction").asDouble()).isCloseTo(truth.path("padded_fraction").asDouble(), within(1e-5));

        CliRunner score = CliRunner.run("score", "--ct", series.toString(), "--labels", labels.toString(), "--json");
        assertThat(score.exitCode()).as(score.err()).isZero();
        JsonNode s = JsonFiles.mapper().readTree(score.out());
        assertThat(s.path("agatston").asDouble()).isCloseTo(truth.path("total_agatston_inserts_conn8").asDouble(), within(0.01));
        assertThat(s.path("volume_mm3").asDouble()).isCloseTo(truth.path("total_volume_qualifying_mm3").asDouble(), within(0.01));
        // insert by insert: the scored lesions' Agatston are the inserts' (those under 1 mm² in every slice score 0)
        List<Double> expected = new ArrayList<>();
        for (JsonNode ins : truth.path("inserts")) {
            if (ins.path("agatston_conn8").asDouble() > 0) {
                expected.add(ins.path("agatston_conn8").asDouble());
            }
        }
        List<Double> scored = new ArrayList<>();
        for (JsonNode l : s.path("lesions")) {
            scored.add(l.path("agatston").asDouble());
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(5);
        assertThat(scored).hasSameSizeAs(expected);
        expected.sort(null);
        scored.sort(null);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(scored.get(i)).as("insert %d", i).isCloseTo(expected.get(i), within(0.01));
        }
        assertThat(s.path("protocol").toString()).doesNotContain("refus");
        JsonNode heart = null;
        for (JsonNode f : s.path("protocol").path("findings")) {
            if (f.path("check").asString().equals("heart")) {
                heart = f;
            }
        }
        assertThat(heart).isNotNull();
        assertThat(heart.path("severity").asString()).isEqualTo("note");
    }
}
