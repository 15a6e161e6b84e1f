package org.calcify.hybrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.detect.Detector;
import org.calcify.io.ParallelMap;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.CsvFiles;
import org.calcify.phantom.PhantomCohort;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.volume.Geometry;

/**
 * Writes a hybrid cohort as {@code calcify phantom} does: {@code DIR/case-XXXX/ct.nii.gz} (int16 HU),
 * {@code labels.nii.gz} (uint8), {@code lesions.csv} (one row per inserted calcification) and
 * {@code DIR/cohort.csv} (one row per case: background, augmentation, true scores per artery, how many
 * of the scan's candidates are real negatives). Case i uses background i mod (number of backgrounds)
 * and a seed derived from the cohort seed and i alone ({@link PhantomCohort#caseSeed}), so case i is
 * the same whatever the count.
 */
public final class HybridCohort {
    /** Optional per-case files, for checks and pictures. */
    public enum Extra {
        /** {@code background.nii.gz}: the augmented background before insertion. */
        BACKGROUND,
        /** {@code paths.nii.gz}: the artery paths, each point labelled with its artery (1-4). */
        PATHS
    }

    private HybridCohort() {
    }

    /**
     * Generates and writes {@code count} cases; {@code progress} gets one line per case.
     *
     * @return the cohort.csv path
     */
    public static Path write(Path dir, List<HybridBackground> backgrounds, int count, long seed, HybridOptions options,
                             Set<Extra> extras, Consumer<String> progress) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (backgrounds.isEmpty()) {
            throw new IllegalArgumentException("at least one background is needed");
        }
        // cases are independent (each has its own seed): as many at a time as there are cores
        Object lock = new Object();
        Consumer<String> safe = progress == null ? null : line -> {
            synchronized (lock) {
                progress.accept(line);
            }
        };
        List<HybridCohortRow> rows = ParallelMap.map(IntStream.range(0, count).boxed().toList(), count, "hybrid",
                i -> writeCase(dir, backgrounds.get(i % backgrounds.size()), i, seed, options, extras, safe));
        Path out = dir.resolve("cohort.csv");
        CsvFiles.write(out, rows, HybridCohortRow.class);
        return out;
    }

    private static HybridCohortRow writeCase(Path dir, HybridBackground background, int i, long seed, HybridOptions options,
                                             Set<Extra> extras, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        HybridCase c = HybridGenerator.generate(background, options, PhantomCohort.caseSeed(seed, i));
        String name = PhantomCohort.caseName(i);
        Path caseDir = dir.resolve(name);
        VolumeIO.write(c.ct(), caseDir.resolve("ct.nii.gz"));
        VolumeIO.write(c.labels(), caseDir.resolve("labels.nii.gz"));
        if (extras.contains(Extra.BACKGROUND)) {
            VolumeIO.write(c.background(), caseDir.resolve("background.nii.gz"));
        }
        if (extras.contains(Extra.PATHS)) {
            VolumeIO.write(c.pathMap(), caseDir.resolve("paths.nii.gz"));
        }
        CsvFiles.write(caseDir.resolve("lesions.csv"), c.lesions().stream().map(LesionRow::of).toList(), LesionRow.class);
        CalciumScore s = new CalciumScorer().score(c.ct(), c.labels());
        int[] cand = candidates(Detector.defaultFinder(), c);
        if (progress != null) {
            progress.accept(String.format(Locale.ROOT, "%s: %s%s, %d lesion(s), Agatston %.1f, %d of %d candidates negative, %.2f s",
                    name, c.backgroundName(), c.empty() ? " (empty)" : "", c.lesions().size(), s.total().agatston(), cand[1], cand[0],
                    (System.nanoTime() - t0) / 1e9));
        }
        return row(name, i, c, s, cand);
    }

    /**
     * The candidates {@code calcify detect} would see in the case ({@link Detector#defaultFinder()}) and
     * how many hold no labelled voxel: {candidates, negatives}.
     */
    public static int[] candidates(CandidateFinder finder, HybridCase c) {
        CandidateFinder.Candidates cands = finder.find(c.ct());
        boolean[] positive = new boolean[cands.components().size() + 1];
        var comp = cands.labels();
        byte[] lab = c.labels().bytes();
        for (int k = 0; k < comp.size(); k++) {
            if (lab[comp.index(k)] != 0) {
                positive[comp.label(k)] = true;
            }
        }
        int negatives = 0;
        for (Component k : cands.components()) {
            if (!positive[k.id()]) {
                negatives++;
            }
        }
        return new int[] {cands.components().size(), negatives};
    }

    private static HybridCohortRow row(String name, int i, HybridCase c, CalciumScore s, int[] cand) {
        Geometry g = c.ct().geometry();
        Augmentation a = c.augmentation();
        int coronary = (int) c.lesions().stream().filter(l -> l.site().coronary()).count();
        return new HybridCohortRow(name, i % PhantomCohort.FOLDS, c.seed(), c.backgroundName(), c.empty() ? 1 : 0, a.shiftXVoxels(),
                a.shiftYVoxels(), a.cropFirstSlices(), a.cropLastSlices(), a.extraNoiseHu(), c.psfMm(), g.sizeX(), g.sizeY(), g.sizeZ(),
                g.spacingX(), g.spacingZ(), s.total().agatston(), s.total().volumeMm3(), s.total().massMg(), s.category().label(),
                c.asked()[0], c.asked()[1], c.lesions().size(), coronary, c.lesions().size() - coronary, cand[0], cand[1],
                s.artery(Artery.LM).agatston(), s.artery(Artery.LAD).agatston(), s.artery(Artery.LCX).agatston(), s.artery(Artery.RCA).agatston());
    }
}
