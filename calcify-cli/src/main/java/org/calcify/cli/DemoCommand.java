package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.calcify.io.VolumeIO;
import org.calcify.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code calcify demo}: the whole pipeline on a built-in example. For now: a synthetic CT volume
 * written in every writable format, read back, checked voxel for voxel and described as
 * {@code calcify info} would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs Calcify on a built-in synthetic example.", "",
                "Writes a small CT volume as NIfTI, .nii.gz,",
                "NumPy and MetaImage, reads each back, checks every voxel and the geometry, and prints what info sees."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "calcify-demo")
    Path out;

    @Option(names = "--quick", description = "A smaller example.")
    boolean quick;

    @Spec
    CommandSpec spec;

    static final List<String> OUTPUTS = List.of("demo.nii", "demo.nii.gz", "demo.npy", "demo.mhd", "demo.mha");

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        Volume original = quick ? DemoVolume.create(64, 64, 12, 42) : DemoVolume.create(160, 128, 40, 42);
        pw.printf("[demo] synthetic CT: %d x %d x %d voxels (z, y, x), spacing %s mm%n",
                original.sizeZ(), original.sizeY(), original.sizeX(), VolumeDescription.format(original.geometry().spacingMm()));
        int failures = 0;
        for (String name : OUTPUTS) {
            Path file = out.resolve(name);
            long t0 = System.nanoTime();
            VolumeIO.write(original, file);
            long t1 = System.nanoTime();
            Volume back = VolumeIO.read(file);
            long t2 = System.nanoTime();
            boolean voxelsEqual = sameVoxels(original, back);
            boolean geometryEqual = name.endsWith(".npy") || original.geometry().sameGrid(back.geometry(), 1e-4);
            pw.printf("[demo] %-12s write %5.1f ms, read %5.1f ms, voxels %s, geometry %s%n", name,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, voxelsEqual ? "identical" : "DIFFER",
                    name.endsWith(".npy") ? "n/a (.npy has none)" : geometryEqual ? "identical" : "DIFFERS");
            if (!voxelsEqual || !geometryEqual) {
                failures++;
            }
        }
        Path nifti = out.resolve("demo.nii.gz");
        pw.println();
        pw.println("[demo] calcify info " + nifti + ":");
        Map<String, Object> d = VolumeDescription.of(nifti, VolumeIO.read(nifti));
        pw.print(VolumeDescription.toText(d).indent(2));
        pw.println();
        pw.println(failures == 0 ? "[demo] all formats round-trip exactly; outputs in " + out.toAbsolutePath()
                : "[demo] " + failures + " format(s) did not round-trip");
        pw.flush();
        return failures == 0 ? 0 : 1;
    }

    private static boolean sameVoxels(Volume a, Volume b) {
        int n = a.geometry().voxelCount();
        if (b.geometry().voxelCount() != n || a.sizeX() != b.sizeX() || a.sizeY() != b.sizeY()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (a.valueAt(i) != b.valueAt(i)) {
                return false;
            }
        }
        return true;
    }
}
