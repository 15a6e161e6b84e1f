package org.calcify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calcify.patch.PatchFiles;
import org.calcify.render.PatchFigure;
import org.calcify.render.PngOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify render patch}: one patch's three planes side by side. */
@Command(name = "patch", mixinStandardHelpOptions = true,
        description = "Axial, sagittal and coronal planes of one patch (a seed-extract .pkl or a shard row) at true aspect, centre marked.")
final class RenderPatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATCH", description = "A .pkl patch file, or a shard folder (with --row).")
    Path input;

    @Option(names = "--row", paramLabel = "N", defaultValue = "0", description = "Row of a shard folder (default: ${DEFAULT-VALUE}).")
    long row;

    @Option(names = "--spacing", paramLabel = "X,Y,Z", defaultValue = "1,1,1", converter = OptionTypes.SpacingConverter.class,
            description = "Voxel spacing in mm, X,Y,Z as NIfTI gives it (or x=..,y=..,z=..), for the true aspect ratio (default: ${DEFAULT-VALUE}).")
    OptionTypes.SpacingXyz spacing;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Output PNG.")
    Path output;

    @Spec
    CommandSpec spec;

    static PatchFiles.LoadedPatch load(Path input, long row) throws java.io.IOException {
        return Files.isDirectory(input) ? PatchFiles.readShardRow(input, row) : PatchFiles.readPkl(input);
    }

    @Override
    public Integer call() throws Exception {
        double[] sp = spacing.zyx();
        PatchFiles.LoadedPatch p = load(input, row);
        String title = input.getFileName() + (Files.isDirectory(input) ? " row " + row : "") + (p.label() == null ? "" : "  label " + p.label());
        PngOutput.write(PatchFigure.render(p.patch(), sp, 260, title), output);
        spec.commandLine().getOut().println("wrote " + output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
