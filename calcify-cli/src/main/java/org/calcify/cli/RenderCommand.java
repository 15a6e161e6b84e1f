package org.calcify.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.app.failure.UsageException;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.render.LabelPalette;
import org.calcify.render.PngOutput;
import org.calcify.render.ScanViews;
import org.calcify.report.dicom.LabelMapReader;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
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

        @Option(names = "--at", paramLabel = "Z,Y,X", converter = OptionTypes.VoxelConverter.class,
                description = "Voxel the views pass through, Z,Y,X indices (default: the centre); of the axial grid for a scan stored in sagittal or coronal slices.")
        OptionTypes.VoxelZyx at;

        @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET", defaultValue = "mediastinum", converter = OptionTypes.WindowConverter.class,
                description = "Window/level (default: ${DEFAULT-VALUE}).")
        WindowLevel window;

        @Option(names = "--labels", paramLabel = "LABELS", description = "Label map on the scan's grid to overlay, or a DICOM Segmentation (SEG) of the scan.")
        Path labels;

        @Option(names = "--anatomy", description = {"Overlay the anatomy Calcify locates (body, lungs, bone, heart region) as outlines",
            "(with --labels: under the labels)."})
        boolean anatomy;

        @Option(names = "--project-labels",
                description = "Draw the labels of the whole volume projected onto each view (e.g. an artery's 3D path), not the plane's.")
        boolean projectLabels;

        @Option(names = "--crop-mm", paramLabel = "MM",
                description = "Zoom: draw only the box of MM either side of --at (in-plane and along z); the anatomy is found on the whole scan.")
        Double cropMm;

        @Option(names = "--height", paramLabel = "PX", defaultValue = "512", description = "Height of the axial view in pixels (default: ${DEFAULT-VALUE}).")
        int heightPx;

        @Option(names = "--series", paramLabel = "UID", description = "DICOM SeriesInstanceUID.")
        String seriesUid;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            WindowLevel wl = window;
            if (heightPx < 16 || heightPx > 8192) {
                throw new UsageException("--height must be between 16 and 8192 pixels");
            }
            Volume raw = VolumeIO.read(input, new ReadOptions(seriesUid));
            // a scan stored in sagittal or coronal slices is drawn from its axial slices, so that each view is the plane it is named
            Volume ct = org.calcify.score.AxialSlices.of(raw);
            if (ct != raw) {
                spec.commandLine().getErr().println("calcify: note: " + input + " is stored in sagittal or coronal slices: drawn from its axial"
                        + " slices (the same voxels); --at is on the axial grid");
                spec.commandLine().getErr().flush();
            }
            int[] p = at == null ? new int[] {ct.sizeZ() / 2, ct.sizeY() / 2, ct.sizeX() / 2} : at.zyx();
            if (!ct.geometry().contains(p[0], p[1], p[2])) {
                throw new UsageException("--at " + at + " is outside the scan (" + ct.sizeZ() + " x " + ct.sizeY() + " x "
                        + ct.sizeX() + " voxels, z x y x x)");
            }
            Volume lab = null;
            if (cropMm != null && (at == null || !(cropMm > 0) || cropMm > 500)) {
                throw new UsageException("--crop-mm needs --at and a size of 0-500 mm");
            }
            Volume anat = anatomy ? ThoraxSegmenter.segment(ct).labelMap(ct) : null;
            if (labels != null) {
                lab = org.calcify.score.AxialSlices.of(LabelMapReader.read(labels, input, raw));
                if (lab.sizeX() != ct.sizeX() || lab.sizeY() != ct.sizeY() || lab.sizeZ() != ct.sizeZ()) {
                    throw new InvalidInputException(labels, "label map is " + lab.sizeZ() + " x " + lab.sizeY() + " x " + lab.sizeX()
                            + " voxels but the scan is " + ct.sizeZ() + " x " + ct.sizeY() + " x " + ct.sizeX());
                }
            }
            int[] asked = p.clone();
            int[] origin = new int[3];
            if (cropMm != null) {
                int[] half = {(int) Math.round(cropMm / ct.geometry().spacingZ()), (int) Math.round(cropMm / ct.geometry().spacingY()),
                    (int) Math.round(cropMm / ct.geometry().spacingX())};
                int[] min = {p[0] - half[0], p[1] - half[1], p[2] - half[2]};
                int[] size = {2 * half[0] + 1, 2 * half[1] + 1, 2 * half[2] + 1};
                ct = ct.crop(min, size);
                lab = lab == null ? null : lab.crop(min, size);
                anat = anat == null ? null : anat.crop(min, size);
                for (int k = 0; k < 3; k++) {
                    origin[k] = Math.max(0, min[k]);
                    p[k] -= origin[k];
                }
            }
            if (lab != null) {
                PngOutput.write(ScanViews.render(ct, wl, p[0], p[1], p[2], lab, LabelPalette.CALCIUM, anat, LabelPalette.ANATOMY,
                        projectLabels ? ScanViews.LabelView.PROJECTION : ScanViews.LabelView.SLICE, heightPx, origin), output);
            } else {
                PngOutput.write(ScanViews.render(ct, wl, p[0], p[1], p[2], anat, LabelPalette.ANATOMY, null, null,
                        ScanViews.LabelView.SLICE, heightPx, origin), output);
            }
            spec.commandLine().getOut().printf("wrote %s (views through z=%d, y=%d, x=%d, window %s%s)%n", output, asked[0], asked[1], asked[2], wl,
                    cropMm == null ? "" : ", " + cropMm + " mm either side");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
