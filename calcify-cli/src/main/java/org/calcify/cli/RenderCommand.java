package org.calcify.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.render.LabelPalette;
import org.calcify.render.LesionCrops;
import org.calcify.render.PngOutput;
import org.calcify.render.ScanViews;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
import org.calcify.window.WindowPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify render}: pictures of scans and patches. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draws a scan or patches as PNG.", "",
                "A scan: axial, coronal and sagittal views through a point (default: the centre), window-levelled,",
                "at the true aspect ratio, optionally with a label map in colour (LM, LAD, LCX, RCA, other calcium)."},
        subcommands = {RenderCommand.Scan.class, RenderPatchCommand.class, RenderMontageCommand.class})
final class RenderCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Axial, coronal and sagittal views of a scan through one voxel, as one PNG.")
    static final class Scan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCAN", description = "Any readable scan.")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "PNG", description = "Output PNG file.")
        Path output;

        @Option(names = "--at", paramLabel = "z,y,x", description = "Voxel the views pass through (default: the centre).")
        String at;

        @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET", defaultValue = "mediastinum",
                description = "Window/level (default: ${DEFAULT-VALUE}).")
        String window;

        @Option(names = "--labels", paramLabel = "LABELS", description = "Label map on the scan's grid to overlay.")
        Path labels;

        @Option(names = "--anatomy", description = {"Overlay the anatomy Calcify locates (body, lungs, bone, heart region) as outlines",
            "(with --labels: under the labels)."})
        boolean anatomy;

        @Option(names = "--crop-mm", paramLabel = "MM",
                description = "Zoom: axial, coronal and sagittal crops of 2 x MM around --at instead of whole views, labels outlined.")
        Double cropMm;

        @Option(names = "--height", paramLabel = "PX", defaultValue = "512", description = "Height of the axial view in pixels (default: ${DEFAULT-VALUE}).")
        int heightPx;

        @Option(names = "--series", paramLabel = "UID", description = "DICOM SeriesInstanceUID.")
        String seriesUid;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            WindowLevel wl = WindowPreset.parse(window);
            if (heightPx < 16 || heightPx > 8192) {
                throw new IllegalArgumentException("--height must be between 16 and 8192 pixels");
            }
            Volume ct = VolumeIO.read(input, new ReadOptions(seriesUid));
            int[] p = at == null ? new int[] {ct.sizeZ() / 2, ct.sizeY() / 2, ct.sizeX() / 2} : Points.parseZyx(at, "--at");
            if (!ct.geometry().contains(p[0], p[1], p[2])) {
                throw new IllegalArgumentException("--at " + at + " is outside the scan (" + ct.sizeZ() + " x " + ct.sizeY() + " x "
                        + ct.sizeX() + " voxels, z x y x x)");
            }
            Volume lab = null;
            Volume anat = anatomy ? ThoraxSegmenter.segment(ct).labelMap(ct) : null;
            if (cropMm != null && (at == null || !(cropMm > 0) || cropMm > 500)) {
                throw new IllegalArgumentException("--crop-mm needs --at and a size of 0-500 mm");
            }
            if (labels != null) {
                lab = VolumeIO.read(labels);
                if (lab.sizeX() != ct.sizeX() || lab.sizeY() != ct.sizeY() || lab.sizeZ() != ct.sizeZ()) {
                    throw new InvalidInputException(labels, "label map is " + lab.sizeZ() + " x " + lab.sizeY() + " x " + lab.sizeX()
                            + " voxels but the scan is " + ct.sizeZ() + " x " + ct.sizeY() + " x " + ct.sizeX());
                }
            }
            if (cropMm != null) {
                Volume outlined = lab != null ? lab : anat;
                PngOutput.write(LesionCrops.render(ct, outlined, wl, p[0], p[1], p[2], cropMm, heightPx / (2 * cropMm)), output);
            } else if (lab != null) {
                PngOutput.write(ScanViews.render(ct, wl, p[0], p[1], p[2], lab, LabelPalette.CALCIUM, anat, LabelPalette.ANATOMY, heightPx),
                        output);
            } else {
                PngOutput.write(ScanViews.render(ct, wl, p[0], p[1], p[2], anat, LabelPalette.ANATOMY, heightPx), output);
            }
            spec.commandLine().getOut().printf("wrote %s (views through z=%d, y=%d, x=%d, window %s)%n", output, p[0], p[1], p[2], wl);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
