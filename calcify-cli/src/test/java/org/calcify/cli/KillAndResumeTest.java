package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: {@code calcify seed-extract} and {@code calcify detect} run as real processes, are killed
 * ({@code kill -9}) at random moments of their work and rerun; the final outputs equal those of an
 * uninterrupted run, and no temporary file is left behind.
 */
class KillAndResumeTest {
    private static final long SEED = 14;

    @TempDir
    Path dir;

    /** Runs calcify in a new JVM (the test's classpath) and returns it running; its output goes to a log file. */
    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("log.txt");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs to the end; returns the exit code and the wall time in ms. */
    private long[] runToEnd(String... args) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("calcify finished").isTrue();
        return new long[] {p.exitValue(), (System.nanoTime() - t0) / 1_000_000};
    }

    /**
     * Kills {@code kills} runs at random moments between {@code fromMs} and {@code toMs} after their start;
     * returns how many were killed in the middle of their work: still running, and {@code out} then differs from
     * the uninterrupted run's {@code reference} in its file names (outputs missing, or temporary files there).
     */
    private int killRepeatedly(Random rnd, int kills, long fromMs, long toMs, Path out, Path reference, String... args) throws Exception {
        int midWork = 0;
        for (int k = 0; k < kills; k++) {
            Process p = start(args);
            long at = fromMs + (long) (rnd.nextDouble() * (toMs - fromMs));
            if (!p.waitFor(at, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                p.waitFor();
                if (Files.exists(out) && !contents(out).keySet().equals(contents(reference).keySet())) {
                    midWork++;
                }
            }
        }
        return midWork;
    }

    @Test
    void seedExtractKilledAtRandomResumesToTheSameFiles() throws Exception {
        Path cohort = dir.resolve("cohort");
        PythonOracle.run("""
                import sys, os, joblib, numpy as np
                out = sys.argv[1]
                os.makedirs(out)
                rng = np.random.default_rng(3)
                for f in (1, 2):
                    cts = [rng.integers(-1100, 1500, size=(12, 96, 96)).astype(np.int16) for _ in range(3)]
                    voxels = [(i, int(rng.integers(12)), int(rng.integers(96)), int(rng.integers(96)), int(rng.integers(2)))
                              for i in range(3) for _ in range(150)]
                    voxels = list(dict.fromkeys(voxels))
                    joblib.dump(cts, f'{out}/cross_validation_ct_threshold_{f}.pkl')
                    joblib.dump(voxels, f'{out}/cross_validation_voxel_list_postprocess_{f}.pkl')
                    joblib.dump([[float(v) for v in rng.normal(size=20)] for _ in cts], f'{out}/emr_data_{f}.pkl')
                """, cohort.toString());
        Path clean = dir.resolve("clean");
        long[] reference = runToEnd("seed-extract", "--input", cohort.toString(), "--output", clean.toString(), "--threads", "2", "--quiet");
        assertThat(reference[0]).as(log()).isZero();

        Path killed = dir.resolve("killed");
        String[] args = {"seed-extract", "--input", cohort.toString(), "--output", killed.toString(), "--threads", "2", "--quiet"};
        assertThat(killRepeatedly(new Random(SEED), 6, reference[1] / 4, reference[1] * 3 / 4, killed, clean, args))
                .as("kills in the middle of the work").isPositive();
        assertThat(runToEnd(args)[0]).as(log()).isZero();
        assertThat(contents(killed)).as("files and bytes after kills and a rerun").isEqualTo(contents(clean));
        assertThat(contents(killed).keySet()).noneMatch(n -> n.endsWith(".part")).hasSizeGreaterThan(500);
    }

    @Test
    void detectKilledAtRandomResumesToTheSameTable() throws Exception {
        Path scans = Files.createDirectory(dir.resolve("scans"));
        for (int i = 0; i < 4; i++) {
            Volume chest = DetectCommandTest.chest(10 + i, true);
            short[] hu = chest.shorts();
            for (int k = 0; k <= i; k++) {
                hu[(5 * 64 + 30 + k) * 64 + 30] = 900; // a bright spot in the middle of the chest
            }
            VolumeIO.write(chest, scans.resolve("case" + i + ".nii.gz"));
        }
        Path clean = dir.resolve("clean");
        long[] reference = runToEnd("detect", "--model", "baseline", "--input", scans.toString(), "--out", clean.toString(),
                "--threads", "2", "--quiet");
        assertThat(reference[0]).as(log()).isZero();

        Path killed = dir.resolve("killed");
        String[] args = {"detect", "--model", "baseline", "--input", scans.toString(), "--out", killed.toString(), "--threads", "2", "--quiet"};
        assertThat(killRepeatedly(new Random(SEED), 5, reference[1] / 4, reference[1] * 3 / 4, killed, clean, args))
                .as("kills in the middle of the work").isPositive();
        assertThat(runToEnd(args)[0]).as(log()).isZero();
        Map<String, String> a = contents(clean);
        Map<String, String> b = contents(killed);
        assertThat(b.keySet()).isEqualTo(a.keySet()).noneMatch(n -> n.endsWith(".part"));
        for (String name : a.keySet()) {
            if (name.endsWith("labels.nii.gz")) {
                assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
            }
        }
        String same = PythonOracle.run("""
                import sys, csv, json, os
                a, b = sys.argv[1], sys.argv[2]
                def table(d):
                    rows = list(csv.DictReader(open(os.path.join(d, 'cohort.csv'))))
                    for r in rows:
                        r.pop('seconds')
                    return rows
                assert table(a) == table(b), (table(a), table(b))
                for case in sorted(os.listdir(a)):
                    if os.path.isdir(os.path.join(a, case)):
                        x, y = (json.load(open(os.path.join(d, case, 'scores.json'))) for d in (a, b))
                        for s in (x, y):
                            s.pop('timing_ms'); s['summary'].pop('seconds')
                        assert x == y, case
                print('same', len(table(a)))
                """, clean.toString(), killed.toString());
        assertThat(same.trim()).isEqualTo("same 4");
    }

    /** Every file under {@code root} by relative path, with the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                m.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(digest));
            }
        }
        return m;
    }

    private String log() throws IOException {
        Path log = dir.resolve("log.txt");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
