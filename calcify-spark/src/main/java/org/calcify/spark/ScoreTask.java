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
        ScanDetection.Outcome o = new ScanScoring(new CalciumScorer(), allowContrast, allowSharpKernel).run(scan.listed(), dir);
        return DetectTask.withLesions(o, dir, scan, t0);
    }
}
