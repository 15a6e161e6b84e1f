package org.calcify.spark;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify cohort score}: {@code calcify score} over a cohort of scans with their label maps. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores every scan of a cohort with its label map, as 'calcify score' does (the same protocol screen),",
                "one Spark task per scan. The label maps come from a .csv list's labels column, or from labels.nii.gz beside",
                "a case folder's ct.nii.gz. Writes OUT/<scan>/scores.json, OUT/cohort.csv and cohort.parquet, OUT/lesions.csv",
                "and lesions.parquet. Resumable: a scan whose scores.json exists is read back. Exit 1 when a scan failed."})
final class ScoreCohortCommand implements Callable<Integer> {
    @Mixin
    CohortInput io;

    @Mixin
    SparkOptions spark;

    @Option(names = "--allow-contrast", description = "Score contrast-enhanced scans (with a warning) instead of refusing them.")
    boolean allowContrast;

    @Option(names = "--allow-sharp-kernel", description = "Score sharp-kernel reconstructions (with a warning) instead of refusing them.")
    boolean allowSharpKernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        spark.check();
        List<ScanRef> scans = io.scans(spark);
        CohortJob.Result result;
        try (JavaSparkContext sc = spark.context("calcify cohort score")) {
            ScoreTask task = new ScoreTask(allowContrast, allowSharpKernel, io.out.toAbsolutePath().toString());
            result = CohortJob.run(sc, scans, spark.partitions, io.out, task, DetectCohortCommand.progress(io, spec, "score"));
        }
        return DetectCohortCommand.summary(spec, result, "scored", io);
    }
}
