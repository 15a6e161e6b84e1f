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
 * Fault injection: {@code calcify seed-extract}, {@code extract}, {@code train --resume} and {@code detect} run as
 * real processes, are killed ({@code kill -9}) at random moments of their work and rerun; the final outputs equal
 * those of an uninterrupted run, and no temporary file is left behind.
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
     * A run that ends before its kill (a quiet moment on a loaded machine) is thrown away, output and all, and
     * the window shrinks to before that moment: otherwise every later kill would meet a finished output. A kill
     * before the run wrote anything (a slow start) does not count, and the window moves later.
     */
    private int killRepeatedly(Random rnd, int kills, long fromMs, long toMs, Path out, Path reference, String... args) throws Exception {
        int midWork = 0;
        int killed = 0;
        for (int attempt = 0; killed < kills && attempt < kills + 10; attempt++) {
            Process p = start(args);
            long at = fromMs + (long) (rnd.nextDouble() * (toMs - fromMs));
            if (p.waitFor(at, TimeUnit.MILLISECONDS)) {
                deleteRecursively(out);
                toMs = Math.max(1, at * 3 / 4);
                fromMs = Math.min(fromMs, toMs / 2);
                continue;
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            p.waitFor();
            if (!Files.exists(out)) { // killed before it wrote anything (a slow start): kill later next time
                fromMs = Math.max(fromMs, (at + toMs) / 2);
                continue;
            }
            killed++;
            if (Files.exists(out) && !contents(out).keySet().equals(contents(reference).keySet())) {
                midWork++;
            }
        }
        return midWork;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
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

    /** Four small phantom scans (96 x 96, 10 to 14 slices; two with coronary lesions) and their extract arguments. */
    private List<String> phantomScans() throws Exception {
        Path cases = dir.resolve("phantom");
        CliRunner r = CliRunner.run("phantom", "--size", "96", "--slices", "10-14", "--count", "4", "--seed", "4", "--out", cases.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path c = cases.resolve("case-000" + i);
            args.addAll(List.of("--scan", c.resolve("ct.nii.gz").toString(), "--labels", c.resolve("labels.nii.gz").toString()));
        }
        args.addAll(List.of("--emr", cases.resolve("cohort.csv").toString()));
        return args;
    }

    private static String[] extractArgs(List<String> scans, Path out, String perClass) {
        List<String> a = new ArrayList<>(List.of("extract", "--candidates", "--mode", "cube", "--size", "9,17,17", "--context=5,9,9@8,8,8",
                "--per-class", perClass, "--seed", "3", "--output", out.toString(), "--quiet"));
        a.addAll(scans);
        return a.toArray(String[]::new);
    }

    @Test
    void extractKilledAtRandomResumesToTheSameShards() throws Exception {
        List<String> scans = phantomScans();
        Path clean = dir.resolve("clean");
        long[] reference = runToEnd(extractArgs(scans, clean, "3000"));
        assertThat(reference[0]).as(log()).isZero();

        Path killed = dir.resolve("killed");
        String[] args = extractArgs(scans, killed, "3000");
        assertThat(killRepeatedly(new Random(SEED), 3, reference[1] / 4, reference[1] * 9 / 10, killed, clean, args))
                .as("kills in the middle of the work").isPositive();
        assertThat(runToEnd(args)[0]).as(log()).isZero();
        Map<String, String> a = contents(clean);
        assertThat(a.keySet()).contains("cube.npy", "context.npy", "labels.npy", "emr.npy", "index.csv", "components.csv", "context.txt");
        assertThat(contents(killed)).as("files and bytes after kills and a rerun").isEqualTo(a);
    }

    /**
     * {@code train --resume} killed at random moments (during an epoch, while a checkpoint is written, while the
     * test fold is evaluated) ends with the uninterrupted run's weights, optimizer state, metrics and predictions,
     * bit for bit (training is reproducible: CrossValidationTest#sameSeedGivesBitIdenticalWeights).
     */
    @Test
    void trainKilledAtRandomResumesToTheSameWeights() throws Exception {
        Path shards = dir.resolve("shards");
        CliRunner x = CliRunner.run(extractArgs(phantomScans(), shards, "500"));
        assertThat(x.exitCode()).as(x.err()).isZero();
        Path clean = dir.resolve("clean");
        java.util.function.Function<Path, String[]> train = out -> new String[] {"train", "--data", shards.toString(), "--model", "cnn3d",
                "--out", out.toString(), "--folds", "2", "--fold", "0", "--epochs", "3", "--patience", "2", "--batch-size", "16",
                "--filters", "4", "--seed", "5", "--threads", "2", "--engine-threads", "1", "--resume", "--quiet"};
        long[] reference = runToEnd(train.apply(clean));
        assertThat(reference[0]).as(log()).isZero();

        Path killed = dir.resolve("killed");
        String[] args = train.apply(killed);
        assertThat(killRepeatedly(new Random(SEED), 4, reference[1] / 3, reference[1], killed, clean, args))
                .as("kills in the middle of the work").isPositive();
        assertThat(runToEnd(args)[0]).as(log()).isZero();
        Map<String, String> a = contents(clean);
        Map<String, String> b = contents(killed);
        assertThat(a.keySet()).contains("fold_0/model/model.params", "fold_0/checkpoint/weights-3.params", "fold_0/checkpoint/adam-3.bin",
                "fold_0/predictions.csv", "summary.csv");
        assertThat(b.keySet()).as("file names").isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            if (name.endsWith("metrics.csv") && !name.contains("test") && !name.startsWith("cv")) {
                assertThat(withoutLastColumn(killed.resolve(name))).as(name).isEqualTo(withoutLastColumn(clean.resolve(name)));
            } else if (name.endsWith(".csv")) {
                assertThat(Files.readString(killed.resolve(name))).as(name).isEqualTo(Files.readString(clean.resolve(name)));
            } else if (!name.endsWith(".png")) {
                assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
            }
        }
    }

    /** A CSV's lines without their last column (metrics.csv's seconds). */
    private static List<String> withoutLastColumn(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
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
