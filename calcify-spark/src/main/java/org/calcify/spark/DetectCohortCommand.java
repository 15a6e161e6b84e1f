package org.calcify.spark;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.JavaSparkContext;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.emr.EmrTable;
import org.calcify.app.failure.UsageException;
import org.calcify.nn.inference.Classifiers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify cohort detect}: {@code calcify detect} over a cohort, one Spark task per scan. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detects, labels and scores coronary calcium in every scan of a cohort, as 'calcify detect' does (the same",
                "code per scan: byte-identical label maps), one Spark task per scan. Writes OUT/<scan>/labels.nii.gz, scores.json",
                "and report.html, and the tables OUT/cohort.csv and cohort.parquet (one row per scan: status, scores per artery,",
                "category, protocol, warnings, seconds, error) and OUT/lesions.csv and lesions.parquet (one row per lesion).",
                "Resumable: scans whose outputs are complete are read back, not redone. Exit 1 when a scan failed or was refused."})
final class DetectCohortCommand implements Callable<Integer> {
    @Mixin
    CohortInput io;

    @Mixin
    SparkOptions spark;

    @Option(names = "--model", defaultValue = Classifiers.DEFAULT, paramLabel = "DIR|default|baseline",
            description = "A trained model folder (broadcast to the executors), 'default' (the model that ships with Calcify) or 'baseline' (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--emr", paramLabel = "CSV", description = "EMR features per scan, as for 'calcify detect': a CSV whose first column names the scan.")
    java.nio.file.Path emr;

    @Option(names = "--voxels-per-lesion", paramLabel = "N", defaultValue = "8", description = "As for 'calcify detect' (default: ${DEFAULT-VALUE}).")
    int voxelsPerLesion;

    @Option(names = "--min-significance", paramLabel = "S", defaultValue = "4", description = "As for 'calcify detect' (default: ${DEFAULT-VALUE}).")
    double minSignificance;

    @Option(names = "--min-noise-excess", paramLabel = "Z", defaultValue = "3", description = "As for 'calcify detect' (default: ${DEFAULT-VALUE}).")
    double minNoiseExcess;

    @Option(names = "--noise-background", paramLabel = "FROM", defaultValue = "LOCAL",
            description = "As for 'calcify detect': LOCAL or BLOOD_POOL (default: ${DEFAULT-VALUE}).")
    org.calcify.detect.NoiseGate.Background noiseBackground;

    @Option(names = "--min-smoothed-rise", paramLabel = "Z", defaultValue = "4.5", description = "As for 'calcify detect' (default: ${DEFAULT-VALUE}).")
    double minSmoothedRise;

    @Option(names = "--noise-voxels", paramLabel = "COUNT", defaultValue = "INDEPENDENT",
            description = "As for 'calcify detect': EVERY or INDEPENDENT (default: ${DEFAULT-VALUE}).")
    org.calcify.detect.NoiseGate.VoxelCount noiseVoxels;

    @Option(names = "--allow-contrast", description = "Score contrast-enhanced scans (with a warning) instead of refusing them.")
    boolean allowContrast;

    @Option(names = "--allow-sharp-kernel", description = "Score sharp-kernel reconstructions (with a warning) instead of refusing them.")
    boolean allowSharpKernel;

    @Option(names = "--dicom-out", description = {"Also write seg.dcm and sr.dcm (DICOM SEG and TID 1500 SR, as 'calcify export') into the",
            "folder of every scan that is a DICOM series, as 'calcify detect --dicom-out'; other scans are scored without them."})
    boolean dicomOut;

    @Option(names = "--anatomy", description = "Also write the located anatomy per scan as anatomy.nii.gz.")
    boolean anatomy;

    @Option(names = "--candidates", description = {"Also write every candidate around the heart region per scan as candidates.csv, with",
            "what became of it and why (as 'calcify detect --candidates')."})
    boolean candidates;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DetectSettings settings = new DetectSettings(voxelsPerLesion, allowContrast, allowSharpKernel, anatomy, candidates, minSignificance, minNoiseExcess,
                noiseBackground, minSmoothedRise, noiseVoxels, dicomOut ? CohortMain.version() : null);
        UsageException.fromOptions(settings::options);
        spark.check();
        List<ScanRef> scans = io.scans(spark);
        ModelSource source = ModelSource.of(model);
        java.util.HashMap<String, double[]> emrRows = emr == null ? new java.util.HashMap<>() : new java.util.HashMap<>(EmrTable.read(emr));
        CohortJob.Result result;
        try (JavaSparkContext sc = spark.context("calcify cohort detect")) {
            Broadcast<ModelSource> broadcast = sc.broadcast(source);
            DetectTask task = new DetectTask(broadcast, settings, io.out.toAbsolutePath().toString(), spark.engineThreads, sc.broadcast(emrRows));
            result = CohortJob.run(sc, scans, spark.partitions, io.out, task, progress(io, spec, "detect"));
        }
        return summary(spec, result, "detected", io);
    }

    static CohortJob.Progress progress(CohortInput io, CommandSpec spec, String what) {
        return new CohortJob.Progress(io.quiet ? null : spec.commandLine().getErr(), what);
    }

    /** Prints the scans that were not scored and a summary line; exit 0 when all were, else 1. */
    static int summary(CommandSpec spec, CohortJob.Result result, String verb, CohortInput io) {
        PrintWriter err = spec.commandLine().getErr();
        for (CohortRow r : result.rows()) {
            if (r.status() != ScanStatus.OK) {
                err.println("calcify: " + r.status().jsonName() + ": " + CohortMain.oneLine(r.message()));
            }
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        long notOk = result.notOk();
        out.printf(Locale.ROOT, "%s %d scan(s), %d failed or refused, %d lesion(s) -> %s%n", verb, result.rows().size() - notOk, notOk,
                result.lesions().size(), io.out);
        out.flush();
        return notOk == 0 ? 0 : 1;
    }
}
