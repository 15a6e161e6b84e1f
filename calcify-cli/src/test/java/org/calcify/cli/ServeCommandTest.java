package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify serve}'s options: bad ones are one line and exit 2, before any port is opened. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingCohortIsOneLineAndExit2() {
        CliRunner r = CliRunner.run("serve", "--cohort", tmp.resolve("nothing").toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("calcify: error: ").contains("nothing").doesNotContain("\n");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRunner r = CliRunner.run("serve", "--cohort", tmp.toString(), "--port", "70000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--port must be 0-65535");
    }

    @Test
    void aShortTokenFileIsRefused() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "short\n");
        CliRunner r = CliRunner.run("serve", "--cohort", tmp.toString(), "--host", "0.0.0.0", "--port", "0", "--token-file", token.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("at least 16");
    }

    @Test
    void extractReviewedNeedsSignedScansAndNoOtherScans() throws Exception {
        CliRunner none = CliRunner.run("extract", "--reviewed", tmp.toString(), "--candidates", "--output", tmp.resolve("shards").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no signed scan");
        CliRunner both = CliRunner.run("extract", "--reviewed", tmp.toString(), "--scan", "x.nii.gz", "--candidates", "--output",
                tmp.resolve("shards").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--reviewed takes the scans");
        CliRunner neither = CliRunner.run("extract", "--candidates", "--output", tmp.resolve("shards").toString());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--scan").contains("--reviewed");
    }

    @Test
    void helpNamesTheSafetyRules() {
        CliRunner r = CliRunner.run("serve", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--token-file").contains("127.0.0.1").contains("labels-reviewed.nii.gz");
    }
}
