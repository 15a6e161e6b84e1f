package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.calcify.app.failure.UsageException;
import org.calcify.hybrid.HybridBackground;
import org.calcify.hybrid.HybridCohort;
import org.calcify.hybrid.HybridOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calcify hybrid}: synthetic calcified plaques inserted into real non-contrast chest CT. */
@Command(name = "hybrid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes hybrid cases: synthetic calcified plaques inserted into real",
                "non-contrast chest CT.", "",
                "Plaques go along plausible LM, LAD, LCX and RCA paths snapped to the scan's",
                "epicardial fat, plus aortic-root and mitral-annulus calcium (label 5); every",
                "other >=130 HU candidate of the real scan (bone, cartilage, noise) is label 0.",
                "DIR/case-XXXX/ct.nii.gz (int16 HU), labels.nii.gz (uint8: 0 none, 1 LM, 2 LAD,",
                "3 LCX, 4 RCA, 5 non-coronary), lesions.csv (truth per lesion), DIR/cohort.csv",
                "(true scores per artery, background, augmentation, candidates).",
                "The same seed gives the same cases. See docs/hybrid.md."})
final class HybridCommand implements Callable<Integer> {
    @Option(names = "--background", required = true, arity = "1..*", paramLabel = "SCAN_OR_DIR",
            description = "Real non-contrast chest CT scans (files or DICOM folders); case i uses background i mod their number.")
    List<Path> backgrounds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Number of cases (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Cohort seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plaques-per-case", paramLabel = "A-B", defaultValue = "1-4", converter = Range.Ints.class,
            description = "Coronary plaques per case with plaques (default: ${DEFAULT-VALUE}).")
    Range plaques;

    @Option(names = "--non-coronary", paramLabel = "A-B", defaultValue = "0-1", converter = Range.Ints.class,
            description = "Aortic-root and mitral-annulus calcifications (label 5) per case with plaques (default: ${DEFAULT-VALUE}).")
    Range nonCoronary;

    @Option(names = "--empty-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of cases copied without plaques (truth all zero) to measure false positives (default: ${DEFAULT-VALUE}).")
    double emptyFraction;

    @Option(names = "--max-shift-mm", paramLabel = "MM", defaultValue = "10",
            description = "Largest in-plane shift of the image content, whole voxels (default: ${DEFAULT-VALUE}).")
    double maxShiftMm;

    @Option(names = "--max-crop-slices", paramLabel = "N", defaultValue = "1",
            description = "Most slices cropped at each end of the scan (default: ${DEFAULT-VALUE}).")
    int maxCropSlices;

    @Option(names = "--extra-noise-hu", paramLabel = "HU", defaultValue = "0",
            description = {"Largest extra correlated noise (SD, HU) to mimic a lower dose; each case draws 0 to this",
                "(default: ${DEFAULT-VALUE}, none)."})
    double extraNoiseHu;

    @Option(names = "--noise-correlation-mm", paramLabel = "MM", defaultValue = "0.8",
            description = "In-plane Gaussian sigma that correlates the extra noise (default: ${DEFAULT-VALUE}).")
    double noiseCorrelationMm;

    @Option(names = "--psf-mm", paramLabel = "A-B", defaultValue = "0.5-0.8", converter = Range.Numbers.class,
            description = "Range of the in-plane point-spread function (Gaussian sigma, mm) plaques are blurred by (default: ${DEFAULT-VALUE}).")
    Range psfMm;

    @Option(names = "--extensive-plaques", paramLabel = "F", defaultValue = "0",
            description = "Share of coronary plaques drawn extensive: along the artery's path for 10-30 mm, 1.0-2.5 mm across,"
                    + " as large as aortic-root and mitral-annulus calcium (default: ${DEFAULT-VALUE}; 0 leaves every draw as before).")
    double extensivePlaques;

    @Option(names = "--write-background", description = "Also write each case's background.nii.gz (the augmented scan before insertion).")
    boolean writeBackground;

    @Option(names = "--write-paths", description = "Also write each case's paths.nii.gz (artery path points labelled 1-4).")
    boolean writePaths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HybridOptions options = UsageException.fromOptions(() -> HybridOptions.builder()
                .optCoronary(plaques.minInt(), plaques.maxInt())
                .optNonCoronary(nonCoronary.minInt(), nonCoronary.maxInt())
                .optEmptyFraction(emptyFraction)
                .optMaxShiftMm(maxShiftMm)
                .optMaxCropSlices(maxCropSlices)
                .optMaxExtraNoiseHu(extraNoiseHu)
                .optNoiseCorrelationMm(noiseCorrelationMm)
                .optPsfMm(psfMm.min(), psfMm.max())
                .optExtensiveShare(extensivePlaques)
                .build());
        PrintWriter pw = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<HybridBackground> loaded = new ArrayList<>();
        for (Path p : backgrounds) {
            long t = System.nanoTime();
            HybridBackground b = HybridBackground.load(p);
            loaded.add(b);
            pw.printf(Locale.ROOT, "[hybrid] background %s: %dx%dx%d (x,y,z), %.1f mm slices, heart region %.0f mL, blood pool %.0f HU,"
                            + " noise %.1f HU, %.1f s%n", b.name(), b.ct().sizeX(), b.ct().sizeY(), b.ct().sizeZ(), b.sliceThicknessMm(),
                    b.anatomy().heartRegionMl(), b.anatomy().bloodPoolHu(), b.anatomy().noiseHu(), (System.nanoTime() - t) / 1e9);
            pw.flush();
        }
        Set<HybridCohort.Extra> extras = EnumSet.noneOf(HybridCohort.Extra.class);
        if (writeBackground) {
            extras.add(HybridCohort.Extra.BACKGROUND);
        }
        if (writePaths) {
            extras.add(HybridCohort.Extra.PATHS);
        }
        Path csv = HybridCohort.write(out, loaded, count, seed, options, extras, line -> {
            pw.println("[hybrid] " + line);
            pw.flush();
        });
        pw.printf(Locale.ROOT, "[hybrid] %d case(s) in %.1f s; truth in %s%n", count, (System.nanoTime() - t0) / 1e9, csv);
        pw.flush();
        return 0;
    }
}
