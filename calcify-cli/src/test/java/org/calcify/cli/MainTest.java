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
        assertThat(r.err()).startsWith("calcify: error: ");
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
}
