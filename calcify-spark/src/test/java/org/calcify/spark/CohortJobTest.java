package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.ScanStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task per scan starts the largest scans first (Spark runs tasks in partition order); rows keep the input order. */
class CohortJobTest {
    /** The scans in the order their tasks ran (local[1]: one at a time, in this JVM). */
    private static final ConcurrentLinkedQueue<String> STARTED = new ConcurrentLinkedQueue<>();
    private static JavaSparkContext sc;

    @BeforeAll
    static void spark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("CohortJobTest").set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private static final Function<ScanRef, ScanResult> RECORD = s -> {
        STARTED.add(s.name());
        return new ScanResult(CohortRow.notScored(s.name(), ScanStatus.FAILED, 0, "recorded"), List.of());
    };

    private static List<String> run(List<ScanRef> scans, int partitions, Path out) throws Exception {
        STARTED.clear();
        CohortJob.Result r = CohortJob.run(sc, scans, partitions, out, RECORD, new CohortJob.Progress(null, "test"));
        assertThat(r.rows()).extracting(CohortRow::caseName).containsExactly("a", "b", "c");
        assertThat(Files.readAllLines(out.resolve("cohort.csv")).subList(1, 4)).extracting(l -> l.substring(0, 2))
                .containsExactly("a,", "b,", "c,");
        return List.copyOf(STARTED);
    }

    @Test
    void largestFirstInputOrderOut(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.nii.gz"), new byte[10]);
        Path b = Files.write(dir.resolve("b.nii.gz"), new byte[300]);
        Path c = Files.write(dir.resolve("c.nii.gz"), new byte[50]);
        List<ScanRef> scans = List.of(new ScanRef("a", a.toString(), null, false), new ScanRef("b", b.toString(), null, false),
                new ScanRef("c", c.toString(), null, false));
        assertThat(run(scans, 0, dir.resolve("one-per-scan"))).containsExactly("b", "c", "a");
        // grouped scans, and scans read through Hadoop (whose size the driver does not stat), keep the input order
        assertThat(run(scans, 2, dir.resolve("grouped"))).containsExactly("a", "b", "c");
        List<ScanRef> remote = List.of(scans.get(0), new ScanRef("b", "hdfs://nn/b.nii.gz", null, true), scans.get(2));
        assertThat(run(remote, 0, dir.resolve("remote"))).containsExactly("a", "b", "c");
    }
}
