package org.calcify.spark;

import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.calcify.app.detect.ScanDetection;
import org.calcify.app.score.ScanScoring;
import org.calcify.score.CalciumScorer;

/** One scan of {@code cohort score}: its label map scored as {@code calcify score} does ({@link ScanScoring}), into {@code OUT/<scan>/scores.json}. */
final class ScoreTask implements Function<ScanRef, ScanResult> {
    private static final long serialVersionUID = 1L;
    private final boolean allowContrast;
    private final boolean allowSharpKernel;
    private final String out;

    ScoreTask(boolean allowContrast, boolean allowSharpKernel, String out) {
        this.allowContrast = allowContrast;
        this.allowSharpKernel = allowSharpKernel;
        this.out = out;
    }

    @Override
    public ScanResult call(ScanRef scan) {
        long t0 = System.nanoTime();
        Path dir = Path.of(out).resolve(scan.name());
        ScanScoring scoring = new ScanScoring(new CalciumScorer(), allowContrast, allowSharpKernel);
        if (!scan.remote() || java.nio.file.Files.isRegularFile(dir.resolve("scores.json"))) { // done: nothing to copy
            return DetectTask.withLesions(scoring.run(scan.listed(), dir), dir, scan, t0);
        }
        try (RemoteScans.Staged staged = RemoteScans.stage(scan)) {
            return DetectTask.withLesions(staged.restore(scoring.run(staged.listed(), dir), dir), dir, scan, t0);
        } catch (java.io.IOException e) {
            return new ScanResult(org.calcify.app.detect.CohortRow.notScored(scan.name(), org.calcify.app.detect.ScanStatus.FAILED,
                    (System.nanoTime() - t0) / 1e9, e.getMessage()), java.util.List.of());
        }
    }
}
