package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify phantom}: synthetic cardiac CT cases with their calcium labels. */
@Command(name = "phantom", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes synthetic low-dose cardiac CT cases that know the truth.", "",
                "DIR/case-XXXX/ct.nii.gz (int16 HU), DIR/case-XXXX/labels.nii.gz (uint8: 0 none, 1 LM, 2 LAD,",
                "3 LCX, 4 RCA, 5 non-coronary calcium) and DIR/cohort.csv (fold, EMR features, true scores).",
                "The same seed gives the same cases."})
final class PhantomCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Number of cases (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Cohort seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slices", paramLabel = "A-B", defaultValue = "40-80",
            description = "Range of slice counts per case (default: ${DEFAULT-VALUE}).")
    String slices;

    @Option(names = "--size", paramLabel = "N", defaultValue = "512",
            description = "In-plane matrix size; spacing 0.5-0.9 mm scaled by 512/N (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--contrast", description = "Contrast-filled blood pool (about 350 HU) instead of native blood.")
    boolean contrast;

    @Option(names = "--seed-layout", description = {"Also write the forum thread's joblib cohort in DIR:",
            "cross_validation_ct_threshold_K.pkl, cross_validation_voxel_list_postprocess_K.pkl, emr_data_K.pkl (K = 1..5),",
            "for calcify seed-extract (the thread's own script needs --size 512 and at most 80 slices)."})
    boolean seedLayout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] range = parseRange(slices);
        PhantomOptions options = new PhantomOptions(size, range[0], range[1], contrast);
        PrintWriter pw = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path csv = PhantomCohort.write(out, count, seed, options, seedLayout, line -> {
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
        throw new IllegalArgumentException("--slices must be A-B (e.g. 40-80), got '" + s + "'");
    }
}
