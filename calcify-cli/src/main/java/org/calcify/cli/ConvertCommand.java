package org.calcify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify convert IN OUT}: any readable scan to NIfTI, NumPy or MetaImage. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a scan to NIfTI, NumPy or MetaImage.", "",
                "Converts any readable scan to NIfTI (.nii, .nii.gz), NumPy (.npy) or MetaImage (.mhd, .mha),",
                "chosen by OUT's extension. Voxels are not reoriented: .npy holds the (z, y, x) array.",
                "The output is written under a temporary name and renamed when complete."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input file or folder.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file: .nii, .nii.gz, .npy, .mhd or .mha.")
    Path output;

    @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET",
            converter = OptionTypes.WindowConverter.class,
            description = "Window/level to uint8 first, exactly as the forum thread's window_leveling: c,w (e.g. 50,400), "
                    + "a range lo..hi, or a preset: mediastinum (50,400), lung (-600,1500), bone (400,1800), calcium (130..1000).")
    WindowLevel window;

    @Option(names = "--series", paramLabel = "UID", description = "DICOM SeriesInstanceUID to convert.")
    String seriesUid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WindowLevel wl = window;
        if (Files.isDirectory(output)) {
            throw new InvalidInputException(output, "output is a folder; give a file name ending in .nii, .nii.gz, .npy, .mhd or .mha");
        }
        if (!VolumeIO.canWrite(output)) {
            throw new InvalidInputException(output, "cannot write this file type (use .nii, .nii.gz, .npy, .mhd or .mha)");
        }
        Volume v = VolumeIO.read(input, new ReadOptions(seriesUid));
        if (wl != null) {
            v = wl.applyToVolume(v);
        }
        VolumeIO.write(v, output);
        var out = spec.commandLine().getOut();
        out.printf("wrote %s (%d x %d x %d voxels, z x y x x, %s)%n", output, v.sizeZ(), v.sizeY(), v.sizeX(), v.type().numpyName());
        out.flush();
        return 0;
    }
}
