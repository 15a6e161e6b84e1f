package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help, version, exit codes and one-line errors. */
class MainTest {

    @Test
    void versionAndHelp() {
        CliRunner v = CliRunner.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("calcify ");
        // the version Maven filtered into the app layer's version.properties, the same one export writes into a SEG and SR
        assertThat(v.out().lines().findFirst().orElseThrow()).matches("calcify \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?")
                .isEqualTo("calcify " + org.calcify.app.CalcifyVersion.version());
        CliRunner h = CliRunner.run("--help");
        assertThat(h.exitCode()).isZero();
        assertThat(h.out()).contains("info", "convert", "demo");
        for (String cmd : new String[] {"info", "convert", "demo"}) {
            CliRunner c = CliRunner.run(cmd, "--help");
            assertThat(c.exitCode()).as(cmd).isZero();
            assertThat(c.out()).as(cmd).contains("Usage: calcify " + cmd);
        }
    }

    @Test
    void missingFileIsOneLineExitTwo(@TempDir Path dir) {
        CliRunner r = CliRunner.run("info", dir.resolve("nope.nii").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString()
                .startsWith("calcify: error: ").contains("nope.nii").contains("no such file");
    }

    @Test
    void unknownOptionIsUsageError() {
        CliRunner r = CliRunner.run("info", "--frobnicate", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("calcify: error: Unknown option: '--frobnicate'",
                "Try 'calcify info --help' for more information.");
    }

    @Test
    void emptyFolderAndGarbageFileAreClearErrors(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRunner r = CliRunner.run("info", empty.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("calcify: error: " + empty);

        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "this is not an image at all, not even close".getBytes());
        r = CliRunner.run("info", garbage.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("garbage.bin");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void debugShowsTheStackTrace(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "not an image".getBytes());
        CliRunner r = CliRunner.run("--debug", "info", garbage.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void demoRoundTripsEveryFormat(@TempDir Path dir) throws IOException {
        CliRunner r = CliRunner.run("demo", "--quick", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("all formats round-trip exactly").contains("format: NIfTI-1");
        for (String name : DemoCommand.OUTPUTS) {
            assertThat(dir.resolve(name)).isRegularFile();
        }
        assertThat(dir.resolve("demo.raw")).isRegularFile();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aBugIsAnInternalErrorWithExitOneAndTheTraceOnlyWithDebug() {
        java.io.StringWriter plain = new java.io.StringWriter();
        int code = Main.report(new IllegalArgumentException("index 7 out of range"), new java.io.PrintWriter(plain), false);
        assertThat(code).isEqualTo(1);
        assertThat(plain.toString().lines().toList()).singleElement().asString()
                .startsWith("calcify: internal error: IllegalArgumentException: index 7 out of range");
        java.io.StringWriter debug = new java.io.StringWriter();
        assertThat(Main.report(new IllegalStateException("boom"), new java.io.PrintWriter(debug), true)).isEqualTo(1);
        assertThat(debug.toString()).startsWith("calcify: internal error: IllegalStateException: boom").contains("\tat ");
    }

    @Test
    void errorsThrownByACommandReachTheOneLineMessage() {
        picocli.CommandLine cl = Main.newCommandLine();
        cl.addSubcommand("oom", new picocli.CommandLine(new ThrowingCommand(new OutOfMemoryError("Java heap space"))));
        cl.addSubcommand("overflow", new picocli.CommandLine(new ThrowingCommand(new StackOverflowError())));
        cl.addSubcommand("bug", new picocli.CommandLine(new ThrowingCommand(new IllegalArgumentException("a bug"))));
        for (String[] c : new String[][] {{"oom", "calcify: error: out of memory"}, {"overflow", "calcify: internal error: StackOverflowError"},
                {"bug", "calcify: internal error: IllegalArgumentException: a bug"}}) {
            java.io.StringWriter err = new java.io.StringWriter();
            cl.setErr(new java.io.PrintWriter(err));
            assertThat(cl.execute(c[0])).as(c[0]).isEqualTo(1);
            assertThat(err.toString().lines().toList()).as(c[0]).singleElement().asString().startsWith(c[1]);
        }
    }

    @picocli.CommandLine.Command(name = "throwing")
    static final class ThrowingCommand implements java.util.concurrent.Callable<Integer> {
        private final Throwable thrown;

        ThrowingCommand(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() throws Exception {
            if (thrown instanceof Error e) {
                throw e;
            }
            throw (Exception) thrown;
        }
    }

    @Test
    void badOptionValuesAreUsageErrorsWithExitTwo(@TempDir Path dir) {
        CliRunner r = CliRunner.run("detect", "--input", dir.toString(), "--out", dir.resolve("o").toString(), "--threads", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().isEqualTo("calcify: error: threads must be at least 1, got 0");
    }

    @Test
    void terminalEscapesInAFileNeverReachTheTerminal(@TempDir Path dir) throws IOException {
        Path nrrd = dir.resolve("escape.nrrd");
        Files.write(nrrd, "NRRD0004\ntype: short\u001b]0;pwned\u0007\u001b[2Jint\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRunner r = CliRunner.run("info", nrrd.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("short\\x1b]0;pwned\\x07\\x1b[2Jint");
        assertThat(r.err()).doesNotContain("\u001b", "\u0007");
    }

    @Test
    void aFileNamedTwiceIsNamedOnce() {
        Path dir = Path.of("DIR");
        org.calcify.io.InvalidInputException e = new org.calcify.io.InvalidInputException(dir,
                dir.toAbsolutePath() + ": does not look like CT in Hounsfield units");
        assertThat(e.getMessage()).isEqualTo("DIR: does not look like CT in Hounsfield units");
    }
}
