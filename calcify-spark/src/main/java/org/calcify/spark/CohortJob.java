package org.calcify.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.LargestFirst;
import org.calcify.app.detect.LesionRow;
import org.calcify.app.detect.ScanStatus;
import org.calcify.io.AtomicOutput;

/**
 * The shape every per-scan cohort job has: a table of scans (one task each by default), the per-scan work done by
 * the application layer on the executors, the rows collected in input order and written as the cohort's tables.
 * No image crosses the network: a task reads its scan and writes its outputs where they belong.
 */
final class CohortJob {
    private CohortJob() {
    }

    /** The rows of a finished job, in input order. */
    record Result(List<CohortRow> rows, List<LesionRow> lesions) {
        long notOk() {
            return rows.stream().filter(r -> r.status() != ScanStatus.OK).count();
        }
    }

    static Result run(JavaSparkContext sc, List<ScanRef> scans, int partitions, Path out, Function<ScanRef, ScanResult> task,
                      Progress progress) throws IOException {
        java.nio.file.Files.createDirectories(out);
        AtomicOutput.removeLeftovers(out);
        int slices = partitions > 0 ? Math.min(partitions, scans.size()) : scans.size();
        progress.start(Math.max(1, slices), sc);
        // one task per scan: Spark starts tasks in partition order, so the largest scans go first (LargestFirst) and the
        // results are put back in input order; grouped scans (--partitions) and scans read through Hadoop keep theirs
        int[] order = slices == scans.size() && scans.stream().noneMatch(ScanRef::remote)
                ? LargestFirst.order(scans.stream().map(s -> Path.of(s.path())).toList())
                : java.util.stream.IntStream.range(0, scans.size()).toArray();
        List<ScanRef> started = java.util.Arrays.stream(order).mapToObj(scans::get).toList();
        List<ScanResult> results = new ArrayList<>(java.util.Collections.nCopies(scans.size(), null));
        try {
            JavaRDD<ScanRef> rdd = sc.parallelize(started, Math.max(1, slices));
            List<ScanResult> collected = rdd.map(task).collect();
            for (int k = 0; k < order.length; k++) {
                results.set(order[k], collected.get(k));
            }
        } catch (RuntimeException e) {
            throw JobFailed.of(e);
        } finally {
            progress.finish();
        }
        List<CohortRow> rows = new ArrayList<>();
        List<LesionRow> lesions = new ArrayList<>();
        for (ScanResult r : results) {
            rows.add(r.row());
            lesions.addAll(r.lesions());
        }
        CohortTables.write(out, "cohort", rows, CohortRow.class);
        CohortTables.write(out, "lesions", lesions, LesionRow.class);
        return new Result(rows, lesions);
    }

    /** Tasks finished, on stderr: a line at every tenth of the cohort (none with --quiet). */
    static final class Progress {
        private final PrintWriter err;
        private final String what;
        private SparkListener listener;
        private JavaSparkContext sc;

        Progress(PrintWriter err, String what) {
            this.err = err;
            this.what = what;
        }

        void start(int total, JavaSparkContext context) {
            if (err == null) {
                return;
            }
            sc = context;
            long t0 = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            listener = new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    int d = done.incrementAndGet();
                    int tenth = Math.max(1, total / 10);
                    if (d % tenth == 0 || d == total) {
                        synchronized (err) {
                            err.printf(Locale.ROOT, "[%s] %d/%d tasks, %.1f s%n", what, d, total, (System.nanoTime() - t0) / 1e9);
                            err.flush();
                        }
                    }
                }
            };
            sc.sc().addSparkListener(listener);
        }

        void finish() {
            if (listener != null) {
                sc.sc().removeSparkListener(listener);
            }
        }
    }
}
