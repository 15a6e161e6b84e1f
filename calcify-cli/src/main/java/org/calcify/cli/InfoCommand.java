package org.calcify.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calcify.app.info.InfoText;
import org.calcify.app.info.PathInfo;
import org.calcify.io.text.JsonFiles;
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
                "for a joblib cohort folder: folds, scans, voxels and EMR; for a DICOM Segmentation (SEG): its segments",
                "(label, codes, frames and the Calcify label each becomes), frames, plane geometry and referenced series."})
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "A file or folder (DICOM series or SEG, NIfTI, MetaImage, NRRD, NumPy, joblib pickle or cohort).")
    Path path;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--series", paramLabel = "UID", description = "DICOM SeriesInstanceUID to describe (default: the CT series with the most slices).")
    String seriesUid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PathInfo description = PathInfo.describe(path, seriesUid);
        var out = spec.commandLine().getOut();
        out.print(json ? JsonFiles.toJson(description) : InfoText.of(description));
        out.flush();
        return 0;
    }
}
