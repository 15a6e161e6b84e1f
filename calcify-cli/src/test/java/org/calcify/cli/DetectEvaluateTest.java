package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.text.CsvTable;
import org.calcify.io.text.JsonFiles;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify evaluate} reads the cohort.csv that {@code calcify detect} writes, scans it could not score included. */
class DetectEvaluateTest {

    @Test
    void evaluateReadsDetectsCohortCsv(@TempDir Path dir) throws IOException {
        Path scans = dir.resolve("scans");
        CliRunner p = CliRunner.run("phantom", "--out", scans.toString(), "--count", "2", "--seed", "3", "--size", "128", "--slices", "16-20");
        assertThat(p.exitCode()).as(p.err()).isZero();
        // a scan detect cannot score: its row has status failed, no scores and a message (quoted when it holds commas)
        Files.copy(PythonOracle.nibabelTestData().resolve("anatomical.nii"), scans.resolve("mr.nii"));
        Path det = dir.resolve("det");
        CliRunner d = CliRunner.run("detect", "--model", "baseline", "--input", scans.toString(), "--out", det.toString(), "--quiet");
        assertThat(d.exitCode()).as(d.out() + d.err()).isEqualTo(1);
        CsvTable cohort = CsvTable.read(det.resolve("cohort.csv"));
        assertThat(cohort.header().get(0)).isEqualTo("case");

        Path eval = dir.resolve("eval");
        CliRunner e = CliRunner.run("evaluate", "--pred", det.resolve("cohort.csv").toString(), "--truth", scans.resolve("cohort.csv").toString(),
                "--out", eval.toString());
        assertThat(e.exitCode()).as(e.out() + e.err()).isZero();
        assertThat(JsonFiles.readTree(eval.resolve("metrics.json")).get("cases").asInt()).isEqualTo(2);
        CsvTable perCase = CsvTable.read(eval.resolve("per_case.csv"));
        CsvTable truth = CsvTable.read(scans.resolve("cohort.csv"));
        assertThat(perCase.rows()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String name = perCase.get(i, "case");
            int inDetect = rowOf(cohort, name);
            int inTruth = rowOf(truth, name);
            assertThat(cohort.get(inDetect, "status")).isEqualTo("ok");
            assertThat(Double.parseDouble(perCase.get(i, "pred_agatston")))
                    .isCloseTo(Double.parseDouble(cohort.get(inDetect, "agatston")), within(1e-3));
            assertThat(perCase.get(i, "truth_agatston")).isEqualTo(truth.get(inTruth, "agatston"));
            assertThat(Double.parseDouble(perCase.get(i, "pred_agatston_LAD")))
                    .isCloseTo(Double.parseDouble(cohort.get(inDetect, "agatston_LAD")), within(1e-3));
        }

        // a truth case that detect did not score is named with its status, in one line, exit 2
        Path truthWithMr = dir.resolve("truth.csv");
        Files.writeString(truthWithMr, Files.readString(scans.resolve("cohort.csv")) + "mr" + ",0".repeat(truth.header().size() - 1) + "\n");
        CliRunner bad = CliRunner.run("evaluate", "--pred", det.resolve("cohort.csv").toString(), "--truth", truthWithMr.toString(),
                "--out", dir.resolve("eval2").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("calcify: error: " + det.resolve("cohort.csv")).contains("case mr was not scored (failed")
                .doesNotContain("\n");
    }

    private static int rowOf(CsvTable t, String name) {
        for (int i = 0; i < t.rows().size(); i++) {
            if (t.get(i, "case").equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " not in the table");
    }
}
