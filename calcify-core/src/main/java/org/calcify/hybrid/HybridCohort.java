package org.calcify.hybrid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.detect.Detector;
import org.calcify.io.AtomicOutput;
import org.calcify.io.VolumeIO;
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

    /** The columns of cohort.csv. */
    public static final String HEADER = "case,fold,seed,background,empty,shift_x_voxels,shift_y_voxels,crop_first_slices,"
            + "crop_last_slices,extra_noise_hu,psf_mm,size_x,size_y,slices,pixel_mm,slice_mm,agatston,volume_mm3,mass_mg,category,"
            + "asked_coronary,asked_non_coronary,lesions,coronary_lesions,non_coronary_lesions,candidates,negative_candidates,"
            + "agatston_LM,agatston_LAD,agatston_LCX,agatston_RCA";

    /** The columns of lesions.csv. */
    public static final String LESION_HEADER = "id,site,label,shape,peak_hu,centre_z,centre_y,centre_x,centre_lps_x_mm,centre_lps_y_mm,"
            + "centre_lps_z_mm,changed_voxels,labelled_voxels,max_hu,agatston,volume_mm3,mass_mg";

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
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        CalciumScorer scorer = new CalciumScorer();
        CandidateFinder finder = Detector.defaultFinder();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            HybridCase c = HybridGenerator.generate(backgrounds.get(i % backgrounds.size()), options, PhantomCohort.caseSeed(seed, i));
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
            AtomicOutput.write(caseDir.resolve("lesions.csv"), lesionCsv(c).getBytes(StandardCharsets.UTF_8));
            CalciumScore s = scorer.score(c.ct(), c.labels());
            int[] cand = candidates(finder, c);
            csv.append(row(name, i, c, s, cand));
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "%s: %s%s, %d lesion(s), Agatston %.1f, %d of %d candidates negative, %.2f s",
                        name, c.backgroundName(), c.empty() ? " (empty)" : "", c.lesions().size(), s.total().agatston(), cand[1], cand[0],
                        (System.nanoTime() - t0) / 1e9));
            }
        }
        Path out = dir.resolve("cohort.csv");
        AtomicOutput.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * The candidates {@code calcify detect} would see in the case ({@link Detector#defaultFinder()}) and
     * how many hold no labelled voxel: {candidates, negatives}.
     */
    public static int[] candidates(CandidateFinder finder, HybridCase c) {
        CandidateFinder.Candidates cands = finder.find(c.ct());
        boolean[] positive = new boolean[cands.components().size() + 1];
        int[] comp = cands.labels().labels();
        byte[] lab = c.labels().bytes();
        for (int i = 0; i < comp.length; i++) {
            if (comp[i] != 0 && lab[i] != 0) {
                positive[comp[i]] = true;
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

    private static String row(String name, int i, HybridCase c, CalciumScore s, int[] cand) {
        Geometry g = c.ct().geometry();
        Augmentation a = c.augmentation();
        long coronary = c.lesions().stream().filter(l -> l.site().coronary()).count();
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                "%s,%d,%d,%s,%d,%d,%d,%d,%d,%.2f,%.3f,%d,%d,%d,%.4f,%.2f,%.3f,%.3f,%.3f,%s,%d,%d,%d,%d,%d,%d,%d",
                name, i % PhantomCohort.FOLDS, c.seed(), csvField(c.backgroundName()), c.empty() ? 1 : 0, a.shiftXVoxels(),
                a.shiftYVoxels(), a.cropFirstSlices(), a.cropLastSlices(), a.extraNoiseHu(), c.psfMm(), g.sizeX(), g.sizeY(),
                g.sizeZ(), g.spacingX(), g.spacingZ(), s.total().agatston(), s.total().volumeMm3(), s.total().massMg(),
                s.category().label(), c.asked()[0], c.asked()[1], c.lesions().size(), coronary, c.lesions().size() - coronary,
                cand[0], cand[1]));
        for (Artery art : Artery.values()) {
            row.append(String.format(Locale.ROOT, ",%.3f", s.artery(art).agatston()));
        }
        return row.append('\n').toString();
    }

    /** The lesions.csv text of a case (header only for an empty case). */
    public static String lesionCsv(HybridCase c) {
        StringBuilder b = new StringBuilder(LESION_HEADER).append('\n');
        for (InsertedLesion l : c.lesions()) {
            b.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%.1f,%d,%d,%d,%.3f,%.3f,%.3f,%d,%d,%d,%.3f,%.3f,%.3f%n", l.id(), l.site(),
                    l.site().label(), l.shape(), l.peakHu(), l.centreZyx()[0], l.centreZyx()[1], l.centreZyx()[2], l.centreLps()[0],
                    l.centreLps()[1], l.centreLps()[2], l.changedVoxels(), l.labelledVoxels(), l.maxHu(), l.scores().agatston(),
                    l.scores().volumeMm3(), l.scores().massMg()));
        }
        return b.toString();
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    static String csvField(String s) {
        return s.matches(".*[,\"\\r\\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
