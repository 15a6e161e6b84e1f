package org.calcify.app.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** One line and an exit code per kind of failure, the same for every front end. */
class FailureReportTest {

    @Test
    void theUsersInputIsExitTwoAndTheRestExitOne() {
        assertThat(FailureReport.of(new InvalidInputException(Path.of("scan.nii"), "header says 0 slices"), false))
                .isEqualTo(new FailureReport("calcify: error: scan.nii: header says 0 slices", 2));
        assertThat(FailureReport.of(new UsageException("--threads must be at least 1"), false))
                .isEqualTo(new FailureReport("calcify: error: --threads must be at least 1", 2));
        // a setting refused while options become settings is the user's; the same exception elsewhere is a bug
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageException.fromOptions(() -> {
            throw new IllegalArgumentException("spacing must be positive");
        })).isInstanceOf(UsageException.class).hasMessage("spacing must be positive");
        assertThat(FailureReport.of(new IllegalArgumentException("spacing must be positive"), false).exitCode()).isEqualTo(1);
        assertThat(FailureReport.of(new NoSuchFileException("a/b.nii.gz"), false))
                .isEqualTo(new FailureReport("calcify: error: a/b.nii.gz: no such file or folder", 2));
        assertThat(FailureReport.of(new AccessDeniedException("out"), false))
                .isEqualTo(new FailureReport("calcify: error: out: permission denied", 2));
        assertThat(FailureReport.of(new IOException("disk full"), false)).isEqualTo(new FailureReport("calcify: error: disk full", 1));
        assertThat(FailureReport.of(new OutOfMemoryError("Java heap space"), false).exitCode()).isEqualTo(1);
        FailureReport bug = FailureReport.of(new IllegalStateException("boom"), false);
        assertThat(bug.exitCode()).isEqualTo(1);
        assertThat(bug.line()).isEqualTo("calcify: internal error: IllegalStateException: boom (run with --debug for the stack trace)");
    }

    @Test
    void aWrappedFailureIsReportedAsItsCauseOnOneEscapedLine() {
        Throwable t = FailureReport.unwrap(new UncheckedIOException(new NoSuchFileException("x")));
        assertThat(t).isInstanceOf(NoSuchFileException.class);
        FailureReport r = FailureReport.of(new InvalidInputException(Path.of("f"), "bad\nline \u001b[31mred"), false);
        assertThat(r.line()).doesNotContain("\n").doesNotContain("\u001b");
        StringWriter out = new StringWriter();
        int code = r.print(new PrintWriter(out), new IllegalStateException("trace me"), true);
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).startsWith(r.line()).contains("trace me").contains("at org.calcify");
    }

    @Test
    void debugIsAskedForAnywhereBeforeTheEndOfOptions() {
        assertThat(FailureReport.debugRequested(java.util.List.of("--debug", "info", "a.nii"))).isTrue();
        assertThat(FailureReport.debugRequested(java.util.List.of("detect", "--out", "o", "--debug", "a.nii"))).isTrue();
        assertThat(FailureReport.debugRequested(java.util.List.of("info", "a.nii"))).isFalse();
        assertThat(FailureReport.debugRequested(java.util.List.of("info", "--", "--debug"))).isFalse(); // a file named --debug
        assertThat(FailureReport.debugRequested(java.util.List.of("info", "--debugger"))).isFalse();
    }

    @Test
    void aUsageErrorIsOneEscapedLineAndWhereHelpIs() {
        StringWriter out = new StringWriter();
        int code = FailureReport.printUsageError(new PrintWriter(out), "Unknown option: '--x\u001b'", "calcify detect");
        assertThat(code).isEqualTo(2);
        assertThat(out.toString().lines().toList()).hasSize(2).last().isEqualTo("Try 'calcify detect --help' for more information.");
        assertThat(out.toString()).startsWith("calcify: error: Unknown option").doesNotContain("\u001b");
    }
}
