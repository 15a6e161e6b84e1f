package org.calcify.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.calcify.app.failure.UsageException;
import org.calcify.patch.PatchShape;
import org.calcify.seed.SeedExtractOptions;
import org.calcify.seed.SeedExtraction;
import org.calcify.seed.SeedOutputFormat;
import org.calcify.window.WindowLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify seed-extract}: the forum thread's patch job on its joblib cohort. */
@Command(name = "seed-extract", mixinStandardHelpOptions = true,
        description = {"Cuts the forum thread's tri-planar patches from its joblib cohort.", "",
                "For every voxel of every fold writes fold_K/fold_K_{scan:02d}_{answer}_{z:02d}_{y:03d}_{x:03d}.pkl",
                "holding [axial 65x65, sagittal 21x65, coronal 21x65 (uint8), EMR features [1,6,9,11,14,15,16] (float64), int(answer)],",
                "loadable with joblib.load. By default patches are centred on the voxel itself (zero outside the scan);",
                "--compat reproduces the thread's script array for array (80-slice centring without shifting z).",
                "Reruns skip complete files; --format shards writes per fold one .npy per plane plus index.csv."})
final class SeedExtractCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder with cross_validation_ct_threshold_K.pkl, cross_validation_voxel_list_postprocess_K.pkl, emr_data_K.pkl.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    @Option(names = "--folds", paramLabel = "N|K,K,...",
            description = "N: folds 1..N, as the thread's range(N); or a list of fold numbers. Default: every fold found.")
    String folds;

    @Option(names = "--compat", description = "Reproduce the thread exactly (only scans of at most 80 slices of 512x512).")
    boolean compat;

    @Option(names = "--format", paramLabel = "pkl|shards", defaultValue = "pkl", converter = OptionTypes.SeedFormatConverter.class,
            description = "pkl: one joblib file per voxel (the thread's layout); shards: .npy arrays per fold. Default: pkl.")
    SeedOutputFormat format;

    @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET", defaultValue = "50,400", converter = OptionTypes.WindowConverter.class,
            description = "Window/level to uint8 (default: the thread's ${DEFAULT-VALUE}).")
    WindowLevel window;

    @Option(names = "--size", paramLabel = "Z,Y,X", converter = OptionTypes.PatchShapeConverter.class,
            description = "Odd patch extents in voxels, Z,Y,X (default 21,65,65: axial 65x65, sagittal and coronal 21x65).")
    PatchShape size;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PatchShape shape = size == null ? PatchShape.THREAD : size;
        SeedExtractOptions options = UsageException.fromOptions(() -> new SeedExtractOptions(parseFolds(folds), compat, format, window, shape,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads));
        long t0 = System.nanoTime();
        SeedExtraction.Report r = new SeedExtraction(options, ConsoleProgress.forStderr(quiet)).run(input, output);
        double s = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%d fold(s): wrote %d patch%s, skipped %d already complete, in %.2f s -> %s%n",
                r.folds(), r.written(), format == SeedOutputFormat.PKL ? " files" : "es (shards)", r.skipped(), s, output);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static List<Integer> parseFolds(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        try {
            if (!text.contains(",")) {
                int n = Integer.parseInt(text.trim());
                if (n < 1) {
                    throw new NumberFormatException();
                }
                for (int k = 1; k <= n; k++) {
                    out.add(k);
                }
                return out;
            }
            for (String p : text.split(",")) {
                out.add(Integer.parseInt(p.trim()));
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--folds expects N (folds 1..N) or a list of fold numbers, got '" + text + "'");
        }
        return out;
    }
}
