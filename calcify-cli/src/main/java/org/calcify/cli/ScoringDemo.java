package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.calcify.eval.CohortEvaluator;
import org.calcify.eval.Metrics;
import org.calcify.io.AtomicOutput;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.JsonFiles;
import org.calcify.phantom.LabelPerturber;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.volume.Volume;

/**
 * The scoring part of {@code calcify demo}: phantom cases, their scores, and the evaluation of a
 * perturbed copy of their labels against the truth.
 */
final class ScoringDemo {
    /** Cohort seed of the demo (chosen so that the quick cohort holds calcium in several categories). */
    static final long SEED = 5;

    private ScoringDemo() {
    }

    /**
     * Runs phantom, score and evaluate under {@code outDir}: {@code phantom/} (cases and
     * cohort.csv, a score.json per case), {@code predicted/} (perturbed labels) and
     * {@code evaluation/} (metrics.json, per_case.csv, PNGs).
     *
     * @param quick 8 small cases (256 x 256, 24-40 slices) instead of 10 full ones (512 x 512, 40-80 slices)
     */
    static void run(Path outDir, boolean quick, PrintWriter out) throws Exception {
        int count = quick ? 8 : 10;
        PhantomOptions options = PhantomOptions.builder().sizeXy(quick ? 256 : 512).slices(quick ? 24 : 40, quick ? 40 : 80).build();
        Path phantom = outDir.resolve("phantom");
        long t0 = System.nanoTime();
        PhantomCohort.write(phantom, count, SEED, options, line -> { });
        out.printf(Locale.ROOT, "[demo] phantom: %d synthetic cardiac CT cases (%dx%d, %d-%d slices) in %.1f s -> %s%n", count,
                options.sizeXy(), options.sizeXy(), options.minSlices(), options.maxSlices(), (System.nanoTime() - t0) / 1e9, phantom);
        out.flush();

        CalciumScorer scorer = new CalciumScorer();
        Path predicted = outDir.resolve("predicted");
        LabelPerturber perturber = LabelPerturber.DEFAULT;
        long scoreNanos = 0;
        StringBuilder scores = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String name = PhantomCohort.caseName(i);
            Volume ct = VolumeIO.read(phantom.resolve(name).resolve("ct.nii.gz"));
            Volume labels = VolumeIO.read(phantom.resolve(name).resolve("labels.nii.gz"));
            long s0 = System.nanoTime();
            CalciumScore s = scorer.score(ct, labels);
            scoreNanos += System.nanoTime() - s0;
            AtomicOutput.write(phantom.resolve(name).resolve("score.json"), JsonFiles.toJson(s.document()).getBytes(StandardCharsets.UTF_8));
            scores.append(String.format(Locale.ROOT, " %s %.0f (%s)", name, s.total().agatston(), s.category().label()));
            VolumeIO.write(perturber.perturb(ct, labels, 1000L + i), predicted.resolve(name).resolve("labels.nii.gz"));
        }
        out.printf(Locale.ROOT, "[demo] score: Agatston%s; %.1f ms per scan; score.json beside each case%n",
                scores, scoreNanos / 1e6 / count);
        out.printf(Locale.ROOT, "[demo] perturbed labels (missed and swapped lesions, dropped edges, false positives on bone) -> %s%n", predicted);
        out.flush();

        Metrics m = new CohortEvaluator(scorer).evaluate(predicted, phantom);
        List<Path> files = EvaluateCommand.write(m, outDir.resolve("evaluation"));
        out.print(EvaluateCommand.summary(m).indent(2).replaceFirst("^  ", "[demo] evaluate: "));
        out.println("[demo] evaluation outputs: " + files);
        out.flush();
    }
}
