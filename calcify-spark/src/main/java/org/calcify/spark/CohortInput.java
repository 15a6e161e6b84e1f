package org.calcify.spark;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a cohort comes from and where its outputs go: the options every cohort command takes. */
final class CohortInput {
    @Option(names = "--input", required = true, paramLabel = "FOLDER|LIST|GLOB",
            description = {"The scans: a folder (files, DICOM folders, or case folders holding ct.nii.gz, as 'calcify detect' finds them),",
                    "a list (.txt: one path a line; .csv: a scan column, optionally labels; paths relative to the list's folder),",
                    "or a glob ('/data/ct/*.nii.gz', quoted). A URI (hdfs://, s3a://, file://..., a folder or a glob) is read through",
                    "Hadoop: each task copies its scan to local disk first (settings: --conf spark.hadoop.*).",
                    "A listed scan that cannot be read is a row with its error."})
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (on storage every executor can write).")
    Path out;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    /** The scans the input names: through Hadoop for a URI ({@link RemoteScans}), else as 'calcify detect' lists them. */
    java.util.List<ScanRef> scans(SparkOptions spark) throws java.io.IOException {
        if (RemoteScans.isUri(input)) {
            return RemoteScans.list(input, spark.conf("calcify cohort"));
        }
        return org.calcify.app.detect.CohortList.resolve(input).stream().map(ScanRef::of).toList();
    }
}
