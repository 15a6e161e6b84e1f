package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.calcify.app.failure.UsageException;
import org.calcify.phantom.CohortOutput;
import org.calcify.phantom.Kernel;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.phantom.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify phantom}: synthetic non-contrast chest CT cases with their calcium labels and anatomy truth. */
@Command(name = "phantom", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes synthetic non-contrast chest CT cases through the heart that know the truth.", "",
                "DIR/case-XXXX/ct.nii.gz (int16 HU), DIR/case-XXXX/labels.nii.gz (uint8: 0 none, 1 LM, 2 LAD,",
                "3 LCX, 4 RCA, 5 other calcium), with --anatomy also anatomy.nii.gz (uint8: 0 outside, 1 soft tissue,",
                "2 lung, 3 bone and cartilage, 4 aorta, 5 heart region, 6 table and other objects), and DIR/cohort.csv",
                "(fold, EMR features, true scores, the drawn slice thickness, noise, kernel and kVp).",
                "Each case draws its anatomy and its scanner protocol from the ranges below; the defaults give the",
                "full realistic spread. The same seed gives the same cases. See docs/phantom.md."})
final class PhantomCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Number of cases (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Cohort seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", paramLabel = "N", defaultValue = "512",
            description = "In-plane matrix size; the pixel size is scaled by 512/N (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--slices", paramLabel = "A-B",
            description = "Limit the slice count per case to A-B (default: no limit, it follows coverage / thickness).")
    String slices;

    @Option(names = "--slice-mm", paramLabel = "A..B", defaultValue = "0.5..5", converter = RangeConverter.class,
            description = "Slice thickness (= spacing) in mm (default: ${DEFAULT-VALUE}).")
    Range sliceMm;

    @Option(names = "--pixel-mm", paramLabel = "A..B", defaultValue = "0.4..0.98", converter = RangeConverter.class,
            description = "Pixel size in mm at a 512 matrix (default: ${DEFAULT-VALUE}).")
    Range pixelMm;

    @Option(names = "--noise-hu", paramLabel = "A..B", defaultValue = "10..50", converter = RangeConverter.class,
            description = "Noise standard deviation in HU, larger patients noisier (default: ${DEFAULT-VALUE}).")
    Range noiseHu;

    @Option(names = "--kvp", paramLabel = "A..B", defaultValue = "80..140", converter = RangeConverter.class,
            description = "Tube voltage; 80, 100, 120 or 140 when in range (default: ${DEFAULT-VALUE}).")
    Range kvp;

    @Option(names = "--kernel", paramLabel = "K", split = ",", converter = KernelConverter.class,
            description = "Reconstruction kernels to draw from: smooth, standard, sharp (default: all).")
    List<Kernel> kernels;

    @Option(names = "--coverage-mm", paramLabel = "A..B", defaultValue = "80..300", converter = RangeConverter.class,
            description = "z coverage in mm: the whole heart plus margins, clamped to this range (default: ${DEFAULT-VALUE}).")
    Range coverageMm;

    @Option(names = "--contrast", description = "Contrast-filled blood pool (about 350 HU) instead of native blood.")
    boolean contrast;

    @Option(names = "--noise-free", description = "Add no noise (everything else drawn as usual; the noise SD is still recorded).")
    boolean noiseFree;

    @Option(names = "--label-min-calcium-hu", paramLabel = "HU", defaultValue = "30",
            description = {"A voxel at or above 130 HU carries a plaque's label only where the plaques add at least this",
                    "much to it, blurred as the slice is, before noise (default: ${DEFAULT-VALUE}); 0: anywhere in their",
                    "3-sigma support, as the generators did until 2026-12-05 (the default model's training data)."})
    double labelMinCalciumHu;

    @Option(names = "--anatomy", description = "Also write DIR/case-XXXX/anatomy.nii.gz, the anatomy truth map.")
    boolean anatomy;

    @Option(names = "--seed-layout", description = {"Also write the forum thread's joblib cohort in DIR:",
            "cross_validation_ct_threshold_K.pkl, cross_validation_voxel_list_postprocess_K.pkl, emr_data_K.pkl (K = 1..5),",
            "for calcify seed-extract (the thread's own script needs --size 512 and --slices with at most 80)."})
    boolean seedLayout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PhantomOptions.Builder b = PhantomOptions.builder().sizeXy(size).sliceThicknessMm(sliceMm).pixelMm(pixelMm)
                .noiseHu(noiseHu).kvp(kvp).coverageMm(coverageMm).contrast(contrast).optNoiseFree(noiseFree)
                .optLabelMinCalciumHu(labelMinCalciumHu);
        if (slices != null) {
            int[] range = parseRange(slices);
            b.slices(range[0], range[1]);
        }
        if (kernels != null) {
            b.kernels(kernels.toArray(new Kernel[0]));
        }
        PhantomOptions options = UsageException.fromOptions(b::build);
        Set<CohortOutput> extras = EnumSet.noneOf(CohortOutput.class);
        if (anatomy) {
            extras.add(CohortOutput.ANATOMY);
        }
        if (seedLayout) {
            extras.add(CohortOutput.SEED_LAYOUT);
        }
        PrintWriter pw = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path csv = PhantomCohort.write(out, count, seed, options, extras, line -> {
            pw.println("[phantom] " + line);
            pw.flush();
        });
        pw.printf("[phantom] %d case(s) in %.1f s; truth in %s%n", count, (System.nanoTime() - t0) / 1e9, csv);
        pw.flush();
        return 0;
    }

    static int[] parseRange(String s) {
        String[] p = s.trim().split("-", -1);
        try {
            if (p.length == 1) {
                int v = Integer.parseInt(p[0]);
                return new int[] {v, v};
            }
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--slices must be A-B (e.g. 40-80), got '" + s + "'");
    }

    /** {@code A..B} or {@code A} to a {@link Range}. */
    static final class RangeConverter implements ITypeConverter<Range> {
        @Override
        public Range convert(String value) {
            return Range.parse(value);
        }
    }

    /** A kernel by its lower-case name. */
    static final class KernelConverter implements ITypeConverter<Kernel> {
        @Override
        public Kernel convert(String value) {
            try {
                return Kernel.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("kernel must be smooth, standard or sharp, got '" + value + "'");
            }
        }
    }
}
