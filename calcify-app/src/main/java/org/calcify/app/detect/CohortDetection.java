package org.calcify.app.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.calcify.app.io.JsonFiles;
import org.calcify.detect.CandidateClassifier;
import org.calcify.io.AtomicOutput;
import org.calcify.seed.ProgressListener;

/**
 * Detects a cohort: every scan through {@link ScanDetection}, several at once, into
 * {@code OUT/<scan>/}, and one row per scan in {@code OUT/cohort.csv}. Resumable: scans whose outputs
 * are complete are read back, not redone, so a killed run resumes where it stopped and its
 * cohort.csv keeps every finished scan's scores. A bad scan is a row, never the end of the run.
 */
public final class CohortDetection {
    private final ScanDetection scans;
    private final DetectionOptions options;

    public CohortDetection(CandidateClassifier classifier, DetectionOptions options) {
        this.scans = new ScanDetection(classifier, options);
        this.options = options;
    }

    /** What a cohort run gave: one outcome per scan, in input order. */
    public record Result(List<ScanDetection.Outcome> outcomes) {
        public long failed() {
            return outcomes.stream().filter(o -> !o.ok()).count();
        }

        /** The first failure that is a bug (not bad input or a refusal), or null. */
        public Exception firstBug() {
            return outcomes.stream().map(ScanDetection.Outcome::bug).filter(b -> b != null).findFirst().orElse(null);
        }

        public List<CohortRow> rows() {
            return outcomes.stream().map(ScanDetection.Outcome::row).toList();
        }
    }

    /**
     * Every finished scan's row as its own {@code scores.json} states it, whichever run finished it, so that the
     * cohort table of a resumed run is the table an uninterrupted run writes (timing aside); the other scans keep
     * the row of their outcome (failed or refused).
     */
    private static List<ScanDetection.Outcome> fromFinishedOutputs(List<ScanItem> items, Path out, List<ScanDetection.Outcome> outcomes)
            throws IOException {
        List<ScanDetection.Outcome> rebuilt = new ArrayList<>(outcomes.size());
        for (int i = 0; i < items.size(); i++) {
            Path dir = out.resolve(items.get(i).name());
            ScanDetection.Outcome o = outcomes.get(i);
            rebuilt.add(o.ok() && ScanDetection.isDone(dir) ? new ScanDetection.Outcome(ScanDetection.finishedRow(dir), null) : o);
        }
        return rebuilt;
    }

    /**
     * @param items       the scans
     * @param out         the output folder (created)
     * @param emr         EMR features by scan name (empty map: none)
     * @param writeCohort write {@code out/cohort.csv}
     */
    public Result run(List<ScanItem> items, Path out, Map<String, double[]> emr, boolean writeCohort, ProgressListener progress)
            throws IOException {
        Files.createDirectories(out);
        AtomicOutput.removeLeftovers(out); // temporary files of a killed run
        progress.start("detect", items.size());
        List<ScanDetection.Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "calcify-detect");
            t.setDaemon(true);
            return t;
        });
        try {
            // started largest first (LargestFirst), collected in input order
            List<Future<ScanDetection.Outcome>> jobs = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
            for (int i : LargestFirst.order(items.stream().map(ScanItem::path).toList())) {
                ScanItem s = items.get(i);
                jobs.set(i, pool.submit(() -> {
                    java.util.function.Supplier<ScanDetection.Outcome> scan = () -> scans.run(s, out.resolve(s.name()), emr.get(s.name()));
                    // several scans at once: each scan's parallel loops on its own thread (SingleThreadLoops)
                    ScanDetection.Outcome o = options.threads() > 1 ? SingleThreadLoops.call(scan) : scan.get();
                    progress.advance(1);
                    return o;
                }));
            }
            for (Future<ScanDetection.Outcome> f : jobs) {
                outcomes.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.calcify.detect.BackgroundClassifier.LoadFailure f && f.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err; // out of memory, stack overflow: reported as such by the front end
            }
            throw new IllegalStateException("a scan's worker failed outside its own error handling", e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        Result result = new Result(fromFinishedOutputs(items, out, outcomes));
        if (writeCohort) {
            JsonFiles.writeCsv(out.resolve("cohort.csv"), result.rows(), CohortRow.class);
        }
        return result;
    }
}
