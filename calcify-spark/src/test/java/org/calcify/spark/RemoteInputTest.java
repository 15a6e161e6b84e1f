package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.ScanScores;
import org.calcify.app.io.JsonFiles;
import org.calcify.phantom.Kernel;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.phantom.Range;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs given as URIs are listed and read through Hadoop's file system API ({@link RemoteScans}): through Hadoop's
 * {@code file:} file system, and from a real HDFS started in the test (MiniDFSCluster), on Spark local[2]. Each gives what the same scans give as plain paths: the same rows, the same label maps byte for byte,
 * the same shards; scores.json names the scan by its URI; no local copy is left behind.
 */
class RemoteInputTest {
    @TempDir
    static Path tmp;
    static Path cohort;

    @BeforeAll
    static void cohort() throws IOException {
        PhantomOptions o = PhantomOptions.builder().sizeXy(96).slices(30, 36).sliceThicknessMm(Range.of(2.5, 3.0))
                .kernels(Kernel.STANDARD).build();
        cohort = tmp.resolve("ph");
        PhantomCohort.write(cohort, 3, 7, o, line -> { });
    }

    private static String uri(Path p) {
        return "file://" + p.toAbsolutePath();
    }

    private static int run(StringWriter err, String... args) {
        int rc = CohortMain.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(args);
        assertThat(err.toString()).as("stderr").doesNotContain("internal error").doesNotContain("Exception");
        return rc;
    }

    /** Runs a command that must finish every scan. */
    private static void ok(String... args) {
        StringWriter err = new StringWriter();
        assertThat(run(err, args)).as("exit code; stderr: %s", err).isZero();
    }

    private static long stagedCopies() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("calcify-scan-")).count();
        }
    }

    @Test
    void detectOnAGlobOfAHadoopFileSystemGivesWhatPlainPathsGive() throws Exception {
        long before = stagedCopies();
        Path local = tmp.resolve("local");
        Path remote = tmp.resolve("remote");
        ok("detect", "--input", cohort.toString(), "--out", local.toString(), "--master", "local[2]", "--quiet");
        ok("detect", "--input", uri(cohort) + "/case-*", "--out", remote.toString(), "--master", "local[2]", "--quiet");
        List<CohortRow> expected = JsonFiles.readCsv(local.resolve("cohort.csv"), CohortRow.class);
        List<CohortRow> got = JsonFiles.readCsv(remote.resolve("cohort.csv"), CohortRow.class);
        assertThat(expected).hasSize(3);
        assertThat(CohortCommandsTest.withoutSeconds(got)).isEqualTo(CohortCommandsTest.withoutSeconds(expected));
        for (CohortRow r : expected) {
            Path name = Path.of(r.caseName());
            assertThat(Files.mismatch(local.resolve(name).resolve("labels.nii.gz"), remote.resolve(name).resolve("labels.nii.gz")))
                    .as(r.caseName() + " label map byte for byte").isEqualTo(-1L);
            ScanScores s = JsonFiles.readJson(remote.resolve(name).resolve("scores.json"), ScanScores.class);
            assertThat(s.scan().path()).as("the scan where it lies, not its local copy")
                    .isEqualTo("file:" + cohort.toAbsolutePath().resolve(name).resolve("ct.nii.gz"));
            assertThat(CohortCommandsTest.withoutSeconds(List.of(s.summary())))
                    .isEqualTo(CohortCommandsTest.withoutSeconds(List.of(JsonFiles.readJson(local.resolve(name).resolve("scores.json"), ScanScores.class).summary())));
        }
        assertThat(JsonFiles.readCsv(remote.resolve("lesions.csv"), org.calcify.app.detect.LesionRow.class))
                .isEqualTo(JsonFiles.readCsv(local.resolve("lesions.csv"), org.calcify.app.detect.LesionRow.class));
        assertThat(stagedCopies()).as("local copies deleted").isEqualTo(before);

        // a rerun finds every scan done and copies nothing
        ok("detect", "--input", uri(cohort) + "/case-*", "--out", remote.toString(), "--master", "local[1]", "--quiet");
        assertThat(CohortCommandsTest.withoutSeconds(JsonFiles.readCsv(remote.resolve("cohort.csv"), CohortRow.class))).isEqualTo(CohortCommandsTest.withoutSeconds(expected));
    }

    /** On a real HDFS: a namenode and a datanode started in this JVM (Hadoop's MiniDFSCluster), the cohort put on it. */
    @Test
    void detectReadsACohortOnHdfs() throws Exception {
        Path local = tmp.resolve("hdfs-local");
        ok("detect", "--input", cohort.toString(), "--out", local.toString(), "--master", "local[2]", "--quiet");
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        conf.set(org.apache.hadoop.hdfs.MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        org.apache.hadoop.hdfs.MiniDFSCluster cluster = new org.apache.hadoop.hdfs.MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            org.apache.hadoop.fs.FileSystem fs = cluster.getFileSystem();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(cohort.toUri()), new org.apache.hadoop.fs.Path("/registry"));
            String base = fs.getUri() + "/registry";
            assertThat(base).startsWith("hdfs://");
            Path remote = tmp.resolve("hdfs-remote");
            ok("detect", "--input", base + "/case-*/ct.nii.gz", "--out", remote.toString(), "--master", "local[2]", "--quiet");
            List<CohortRow> expected = JsonFiles.readCsv(local.resolve("cohort.csv"), CohortRow.class);
            assertThat(CohortCommandsTest.withoutSeconds(JsonFiles.readCsv(remote.resolve("cohort.csv"), CohortRow.class)))
                    .isEqualTo(CohortCommandsTest.withoutSeconds(expected));
            for (CohortRow r : expected) {
                assertThat(Files.mismatch(local.resolve(r.caseName()).resolve("labels.nii.gz"), remote.resolve(r.caseName()).resolve("labels.nii.gz")))
                        .as(r.caseName() + " label map byte for byte").isEqualTo(-1L);
                assertThat(JsonFiles.readJson(remote.resolve(r.caseName()).resolve("scores.json"), ScanScores.class).scan().path())
                        .isEqualTo(base + "/" + r.caseName() + "/ct.nii.gz");
            }
        } finally {
            cluster.shutdown();
        }
    }

    @Test
    void scoreAndExtractReadAHadoopFolderAsTheyReadALocalOne() throws Exception {
        Path local = tmp.resolve("score-local");
        Path remote = tmp.resolve("score-remote");
        ok("score", "--input", cohort.toString(), "--out", local.toString(), "--master", "local[2]", "--quiet");
        ok("score", "--input", uri(cohort), "--out", remote.toString(), "--master", "local[2]", "--quiet");
        assertThat(CohortCommandsTest.withoutSeconds(JsonFiles.readCsv(remote.resolve("cohort.csv"), CohortRow.class)))
                .isEqualTo(CohortCommandsTest.withoutSeconds(JsonFiles.readCsv(local.resolve("cohort.csv"), CohortRow.class)));

        String[] cut = {"--master", "local[2]", "--partitions", "2", "--quiet", "--mode", "cube", "--size", "9,17,17", "--per-class", "40"};
        Path el = tmp.resolve("extract-local");
        Path er = tmp.resolve("extract-remote");
        ok(concat(new String[] {"extract", "--input", cohort.toString(), "--out", el.toString()}, cut));
        ok(concat(new String[] {"extract", "--input", uri(cohort), "--out", er.toString()}, cut));
        assertThat(JsonFiles.readCsv(er.resolve("scans.csv"), ExtractRow.class).stream().map(ExtractRow::patches).toList())
                .isEqualTo(JsonFiles.readCsv(el.resolve("scans.csv"), ExtractRow.class).stream().map(ExtractRow::patches).toList());
        for (String part : List.of("part-00000", "part-00001")) {
            for (String f : List.of("cube.npy", "labels.npy")) {
                assertThat(Files.mismatch(el.resolve(part).resolve(f), er.resolve(part).resolve(f))).as(part + "/" + f).isEqualTo(-1L);
            }
        }
    }

    @Test
    void aUriThatNamesNothingIsOneLineAndExitTwo() {
        for (String[] c : new String[][] {
            {uri(tmp.resolve("nowhere")), "no such file or folder"},
            {uri(cohort) + "/nothing-*", "the glob matches no file or folder"},
            {"nosuchfs://host/data/*", "no file system for scheme 'nosuchfs'"}}) {
            StringWriter err = new StringWriter();
            assertThat(run(err, "detect", "--input", c[0], "--out", tmp.resolve("x").toString(), "--master", "local[1]")).as(c[0]).isEqualTo(2);
            assertThat(err.toString().strip()).startsWith("calcify: error: ").contains(c[1]).doesNotContain("\n");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
