package org.calcify.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.failure.UsageException;
import org.calcify.detect.HeartRegionGate;
import org.calcify.extract.PatchMode;
import org.calcify.io.AtomicOutput;
import org.calcify.nn.data.ShardManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify cohort extract}: training shards from a labelled cohort, one shard folder per partition. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Cuts training patches around the calcium candidates of every labelled scan of a cohort, as 'calcify extract",
                "--candidates' does, one shard folder per Spark partition (OUT/part-NNNNN/: patches, labels.npy, index.csv, scans.csv),",
                "and one manifest, OUT/shards.csv, that makes OUT the --data of 'calcify train'. Label maps come from a .csv list's",
                "labels column or labels.nii.gz beside a case folder's ct.nii.gz. Tables: OUT/scans.csv and scans.parquet (a row a scan).",
                "Resumable: a partition whose scans.csv exists is not cut again; a rerun deals the scans as extract-plan.json says",
                "(a rerun with another --partitions or another cohort is refused)."})
final class ExtractCohortCommand implements Callable<Integer> {
    @Mixin
    CohortInput io;

    @Mixin
    SparkOptions spark;

    @Option(names = "--mode", paramLabel = "triplanar|cube", defaultValue = "triplanar", description = "Default: ${DEFAULT-VALUE}.")
    PatchMode mode;

    @Option(names = "--size", paramLabel = "Z,Y,X", defaultValue = "21,65,65", split = ",", description = "Odd patch extents in voxels, Z,Y,X (default: 21,65,65).")
    int[] size;

    @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET", defaultValue = "50,400", description = "Window/level (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--threshold", paramLabel = "HU", defaultValue = "130", description = "Candidate threshold (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--min-area-mm2", paramLabel = "MM2", defaultValue = "1.0", description = "As for 'calcify extract' (default: ${DEFAULT-VALUE}).")
    double minAreaMm2;

    @Option(names = "--heart-region", description = "Keep only candidates in the heart region, as detect classifies them.")
    boolean heartRegion;

    @Option(names = "--min-significance", paramLabel = "S",
            description = "With --heart-region: as for 'calcify extract' (default: detect's, 8; lower keeps more noise specks as negatives, 0 keeps all).")
    Double minSignificance;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "0", description = "At most N voxels per label and partition, class-balanced (0: all).")
    int perClass;

    @Option(names = "--per-class-none", paramLabel = "N", defaultValue = "0", description = "With --per-class: a different quota for label 0.")
    int perNegatives;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--context", arity = "0..1", fallbackValue = "9,33,33@5,4,4", paramLabel = "Z,Y,X@MMZ,MMY,MMX",
            description = "Also cut a coarse context cube around every voxel (context.npy), as 'calcify extract --context'.")
    String context;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (size.length != 3) {
            throw new UsageException("--size takes three extents Z,Y,X, got " + size.length);
        }
        if (minSignificance != null && !heartRegion) {
            throw new UsageException("--min-significance needs --heart-region");
        }
        ExtractSettings settings = new ExtractSettings(mode, size, window, threshold, minAreaMm2, heartRegion,
                minSignificance == null ? HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE : minSignificance, perClass, perNegatives, seed, context);
        UsageException.fromOptions(settings::options);
        spark.check();
        List<ScanRef> scans = io.scans(spark);
        Path out = io.out.toAbsolutePath();
        java.nio.file.Files.createDirectories(out);
        AtomicOutput.removeLeftovers(out);
        List<ExtractRow> rows;
        List<String> names = scans.stream().map(ScanRef::name).toList();
        // checked before Spark starts when the count is known without it (given, or an earlier run's): a refused rerun costs no start
        ExtractPlan known = spark.partitions > 0 || ExtractPlan.previous(out) != null ? ExtractPlan.resolve(out, names, spark.partitions, 1) : null;
        try (JavaSparkContext sc = spark.context("calcify cohort extract")) {
            int parts = (known != null ? known : ExtractPlan.resolve(out, names, 0, sc.defaultParallelism())).partitions();
            CohortJob.Progress progress = DetectCohortCommand.progress(io, spec, "extract");
            progress.start(parts, sc);
            try {
                rows = sc.parallelize(scans, parts).mapPartitionsWithIndex(new ExtractTask(settings, out.toString()), true).collect();
            } catch (RuntimeException e) {
                throw JobFailed.of(e);
            } finally {
                progress.finish();
            }
            rows = new ArrayList<>(rows);
            CohortTables.write(out, "scans", rows, ExtractRow.class);
        }
        Map<String, Long> perPart = new LinkedHashMap<>();
        for (ExtractRow r : rows) {
            if (r.status() == ScanStatus.OK && r.patches() != null) {
                perPart.merge(r.shards(), r.patches(), Long::sum);
            }
        }
        List<ShardManifest.Entry> entries = new ArrayList<>();
        perPart.forEach((part, n) -> {
            if (n > 0) {
                entries.add(new ShardManifest.Entry(part, n));
            }
        });
        ShardManifest.write(out, entries);
        PrintWriter err = spec.commandLine().getErr();
        long failed = rows.stream().filter(r -> r.status() != ScanStatus.OK).count();
        for (ExtractRow r : rows) {
            if (r.status() != ScanStatus.OK) {
                err.println("calcify: " + r.status().jsonName() + ": " + CohortMain.oneLine(r.message()));
            }
        }
        err.flush();
        long total = entries.stream().mapToLong(ShardManifest.Entry::rows).sum();
        spec.commandLine().getOut().printf(Locale.ROOT, "extracted %d %s patches from %d scan(s) (%d failed) into %d shard folder(s) -> %s%n",
                total, mode.name().toLowerCase(Locale.ROOT), rows.size() - failed, failed, entries.size(), out.resolve(ShardManifest.FILE));
        spec.commandLine().getOut().flush();
        return failed == 0 ? 0 : 1;
    }
}
