package org.calcify.phantom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.calcify.io.ParallelMap;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.CsvFiles;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;

/**
 * Writes a phantom cohort: {@code DIR/case-XXXX/ct.nii.gz} (int16 HU), {@code labels.nii.gz}
 * (uint8), optionally {@code anatomy.nii.gz} (uint8, {@link AnatomyCode}), and {@code DIR/cohort.csv}
 * (case, fold, EMR features, the drawn acquisition, true scores by
 * {@link CalciumScorer} with default parameters). Case i's seed is derived from the cohort seed
 * and i alone, so case i is the same whatever the count.
 */
public final class PhantomCohort {
    /** Number of cross-validation folds in {@code cohort.csv} (case i is in fold i mod FOLDS). */
    public static final int FOLDS = 5;

    private PhantomCohort() {
    }

    /** The folder name of case {@code i}: case-0000, case-0001, ... */
    public static String caseName(int i) {
        return String.format(Locale.ROOT, "case-%04d", i);
    }

    /** The seed of case {@code i} of a cohort with seed {@code seed}. */
    public static long caseSeed(long seed, int i) {
        return new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * (i + 1L))).nextLong();
    }

    /**
     * Generates and writes {@code count} cases; {@code progress} gets one line per case.
     *
     * @return the cohort.csv path
     */
    public static Path write(Path dir, int count, long seed, PhantomOptions options, Consumer<String> progress) throws IOException {
        return write(dir, count, seed, options, Set.of(), progress);
    }

    /**
     * As {@link #write(Path, int, long, PhantomOptions, Consumer)}; with {@code seedLayout} also the
     * forum thread's joblib cohort ({@link SeedLayoutWriter}) in {@code dir}, fold K = 1..5 holding
     * the cases i with i mod 5 = K - 1 (cases are then generated fold by fold).
     */
    public static Path write(Path dir, int count, long seed, PhantomOptions options, boolean seedLayout,
                             Consumer<String> progress) throws IOException {
        return write(dir, count, seed, options, seedLayout ? Set.of(CohortOutput.SEED_LAYOUT) : Set.of(), progress);
    }

    /** As {@link #write(Path, int, long, PhantomOptions, Consumer)}, with the extra outputs named. */
    public static Path write(Path dir, int count, long seed, PhantomOptions options, Set<CohortOutput> extras,
                             Consumer<String> progress) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        boolean seedLayout = extras.contains(CohortOutput.SEED_LAYOUT);
        boolean anatomy = extras.contains(CohortOutput.ANATOMY);
        PhantomCohortRow[] rows = new PhantomCohortRow[count];
        CalciumScorer scorer = new CalciumScorer();
        SeedLayoutWriter seedWriter = seedLayout ? new SeedLayoutWriter() : null;
        if (seedLayout) {
            for (int fold = 0; fold < Math.min(FOLDS, count); fold++) {
                for (int i = fold; i < count; i += FOLDS) {
                    rows[i] = writeCase(dir, i, seed, options, anatomy, scorer, seedWriter, progress);
                }
                seedWriter.writeFold(dir, fold + 1);
            }
        } else {
            // cases are independent (each has its own seed): as many at a time as there are cores
            Consumer<String> safe = progress == null ? null : line -> {
                synchronized (rows) {
                    progress.accept(line);
                }
            };
            ParallelMap.map(IntStream.range(0, count).boxed().toList(), count, "phantom",
                    i -> writeCase(dir, i, seed, options, anatomy, new CalciumScorer(), null, safe)).toArray(rows);
        }
        Path out = dir.resolve("cohort.csv");
        CsvFiles.write(out, List.of(rows), PhantomCohortRow.class);
        return out;
    }

    private static PhantomCohortRow writeCase(Path dir, int i, long seed, PhantomOptions options, boolean anatomy, CalciumScorer scorer,
                                    SeedLayoutWriter seedWriter, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        PhantomCase c = CardiacPhantom.generate(options, caseSeed(seed, i));
        String name = caseName(i);
        Path caseDir = dir.resolve(name);
        VolumeIO.write(c.ct(), caseDir.resolve("ct.nii.gz"));
        VolumeIO.write(c.labels(), caseDir.resolve("labels.nii.gz"));
        if (anatomy) {
            VolumeIO.write(c.anatomy(), caseDir.resolve("anatomy.nii.gz"));
        }
        if (seedWriter != null) {
            seedWriter.add(c, i);
        }
        CalciumScore s = scorer.score(c.ct(), c.labels());
        PatientRecord p = c.patient();
        var g = c.ct().geometry();
        Acquisition acq = c.acquisition();
        PhantomCohortRow row = new PhantomCohortRow(name, i % FOLDS, c.seed(), p.ageYears(), p.male() ? "M" : "F", p.bmiKgPerM2(),
                p.smoker() ? 1 : 0, p.diabetes() ? 1 : 0, p.hypertension() ? 1 : 0, p.cholesterolMmolL(), g.sizeX(), g.sizeY(), g.sizeZ(),
                g.spacingX(), g.spacingZ(), s.total().agatston(), s.total().volumeMm3(), s.total().massMg(), s.category().label(),
                s.lesions().size(), s.artery(Artery.LM).agatston(), s.artery(Artery.LAD).agatston(), s.artery(Artery.LCX).agatston(),
                s.artery(Artery.RCA).agatston(), acq.sliceThicknessMm(), acq.noiseHu(), acq.kernel().label(), acq.kvp());
        if (progress != null) {
            progress.accept(String.format(Locale.ROOT, "%s: %dx%dx%d (x,y,z), %.3f x %.3f x %.3g mm, %d kVp, %s kernel, noise %.1f HU, "
                    + "Agatston %.1f (%s), %d lesion(s), %.2f s",
                    name, g.sizeX(), g.sizeY(), g.sizeZ(), g.spacingX(), g.spacingY(), g.spacingZ(), acq.kvp(), acq.kernel().label(), acq.noiseHu(),
                    s.total().agatston(), s.category().label(), s.lesions().size(), (System.nanoTime() - t0) / 1e9));
        }
        return row;
    }
}
