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
        Map<String, Object> description = describe(path, seriesUid);
        var out = spec.commandLine().getOut();
        out.print(json ? JsonFiles.toJson(description) : VolumeDescription.toText(description));
        out.flush();
        return 0;
    }

    /**
     * What {@code calcify info} says about {@code path}: a joblib seed cohort folder or a scan read whole.
     * Bad input is an {@link org.calcify.io.InvalidInputException}; nothing else may escape for any file.
     */
    static Map<String, Object> describe(Path path, String seriesUid) throws java.io.IOException {
        if (CohortDescription.isCohort(path)) {
            return CohortDescription.of(path);
        }
        if (org.calcify.io.dicom.SegmentationReader.isSegmentation(path)) {
            return SegmentationDescription.of(path);
        }
        Volume v = VolumeIO.read(path, new ReadOptions(seriesUid));
        return VolumeDescription.of(path, v);
    }
}
