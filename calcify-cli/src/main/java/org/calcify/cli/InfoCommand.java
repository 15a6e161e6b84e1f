package org.calcify.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.JsonFiles;
import org.calcify.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify info PATH}: what a scan (or cohort) holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describes a scan or a joblib cohort.", "",
                "Format, dimensions, spacing, origin, direction, data type, HU range,",
                "padding (PixelPaddingValue or a constant fill outside the reconstruction circle),",
                "and for DICOM the acquisition (kVp, kernel, slice thickness, contrast, ...), the series found",
                "and any gantry tilt, uneven spacing, missing or duplicate slices, or non-DICOM files skipped;",
                "for a joblib cohort folder: folds, scans, voxels and EMR."})
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "A file or folder (DICOM series, NIfTI, MetaImage, NRRD, NumPy, joblib pickle or cohort).")
    Path path;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--series", paramLabel = "UID", description = "DICOM SeriesInstanceUID to describe (default: the CT series with the most slices).")
    String seriesUid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> description;
        if (CohortDescription.isCohort(path)) {
            description = CohortDescription.of(path);
        } else {
            Volume v = VolumeIO.read(path, new ReadOptions(seriesUid));
            description = VolumeDescription.of(path, v);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? JsonFiles.toJson(description) : VolumeDescription.toText(description));
        out.flush();
        return 0;
    }
}
