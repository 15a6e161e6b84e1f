package org.calcify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.calcify.app.failure.UsageException;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.SegmentationReader;
import org.calcify.io.dicom.write.CtImageSeries;
import org.calcify.report.dicom.LabelMapReader;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify convert IN OUT}: any readable scan to NIfTI, NumPy, MetaImage or (--to dicom) a DICOM CT series. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a scan to NIfTI, NumPy, MetaImage or a DICOM CT series.", "",
                "Converts any readable scan to NIfTI (.nii, .nii.gz), NumPy (.npy) or MetaImage (.mhd, .mha),",
                "chosen by OUT's extension. Voxels are not reoriented: .npy holds the (z, y, x) array.",
                "The output is written under a temporary name and renamed when complete.",
                "With --to dicom, OUT is a folder (absent or empty) that gets one CT Image Storage file per slice",
                "(explicit VR little endian, int16 HU, new study, series and frame of reference UIDs).",
                "A DICOM Segmentation (SEG) as IN becomes a label map (0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium)",
                "on the grid of --reference SCAN (--series picks the reference's series)."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input file or folder.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file: .nii, .nii.gz, .npy, .mhd or .mha; with --to dicom a folder.")
    Path output;

    @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET",
            converter = OptionTypes.WindowConverter.class,
            description = "Window/level to uint8 first, exactly as the forum thread's window_leveling: c,w (e.g. 50,400), "
                    + "a range lo..hi, or a preset: mediastinum (50,400), lung (-600,1500), bone (400,1800), calcium (130..1000).")
    WindowLevel window;

    @Option(names = "--series", paramLabel = "UID", description = "DICOM SeriesInstanceUID to convert.")
    String seriesUid;

    @Option(names = "--to", paramLabel = "FORMAT", description = "dicom: write a DICOM CT image series into the folder OUT.")
    Target to;

    @Option(names = "--reference", paramLabel = "SCAN",
            description = "With a DICOM Segmentation (SEG) as IN: the scan whose grid the label map is placed on (required for a SEG).")
    Path reference;

    @Option(names = "--kvp", paramLabel = "KV", description = "With --to dicom: the KVP to record (default: empty, unknown).")
    Double kvp;

    /** Output formats chosen by name rather than by OUT's extension. */
    enum Target { dicom }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WindowLevel wl = window;
        if (to == Target.dicom) {
            if (reference != null) {
                throw new UsageException("--reference applies only when converting a DICOM Segmentation to a label map file");
            }
            return writeDicom(wl);
        }
        if (kvp != null) {
            throw new UsageException("--kvp applies only with --to dicom");
        }
        if (Files.isDirectory(output)) {
            throw new InvalidInputException(output, "output is a folder; give a file name ending in .nii, .nii.gz, .npy, .mhd or .mha");
        }
        if (!VolumeIO.canWrite(output)) {
            throw new InvalidInputException(output, "cannot write this file type (use .nii, .nii.gz, .npy, .mhd or .mha)");
        }
        boolean seg = SegmentationReader.isSegmentation(input);
        if (reference != null && !seg) {
            throw new UsageException("--reference applies only when IN is a DICOM Segmentation (SEG)");
        }
        if (seg && reference == null) {
            throw new InvalidInputException(input, "a DICOM Segmentation is a label map on another scan's grid: give that scan with --reference SCAN");
        }
        if (seg && wl != null) {
            throw new UsageException("--window does not apply to a label map");
        }
        Volume v;
        if (seg) {
            Volume scan = VolumeIO.read(reference, new ReadOptions(seriesUid));
            v = LabelMapReader.read(input, reference, scan);
        } else {
            v = VolumeIO.read(input, new ReadOptions(seriesUid));
        }
        if (wl != null) {
            v = wl.applyToVolume(v);
        }
        VolumeIO.write(v, output);
        var out = spec.commandLine().getOut();
        out.printf("wrote %s (%d x %d x %d voxels, z x y x x, %s)%n", output, v.sizeZ(), v.sizeY(), v.sizeX(), v.type().numpyName());
        out.flush();
        return 0;
    }

    private int writeDicom(WindowLevel wl) throws Exception {
        if (wl != null) {
            throw new UsageException("--window makes uint8 display values, not HU; a DICOM CT series holds HU (drop --window)");
        }
        if (Files.isDirectory(output)) {
            try (var s = Files.list(output)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException(output, "output folder is not empty; a DICOM series is written into an empty or new folder");
                }
            }
        } else if (Files.exists(output)) {
            throw new InvalidInputException(output, "output exists and is not a folder; --to dicom writes a folder of slices");
        }
        Volume v = VolumeIO.read(input, new ReadOptions(seriesUid));
        String description = v.metadata().getOrDefault("dicom.seriesDescription", "");
        if (description == null || description.isBlank()) {
            description = "Calcify convert";
        }
        CtImageSeries.Identity id = CtImageSeries.Identity.newStudy(description.length() > 64 ? description.substring(0, 64) : description,
                kvp, ExportCommand.version());
        List<Path> files;
        try {
            files = CtImageSeries.write(v, output, id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(input, e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.printf("wrote %s (%d CT slices of %d x %d, study %s, series %s)%n", output, files.size(), v.sizeY(), v.sizeX(),
                id.studyInstanceUid(), id.seriesInstanceUid());
        out.flush();
        return 0;
    }
}
