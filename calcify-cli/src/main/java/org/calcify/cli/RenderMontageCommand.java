package org.calcify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.calcify.app.failure.UsageException;
import org.calcify.patch.PatchFiles;
import org.calcify.patch.TriplanarPatch;
import org.calcify.render.Montage;
import org.calcify.render.PngOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify render montage}: many patches in a grid with captions. */
@Command(name = "montage", mixinStandardHelpOptions = true,
        description = "Many patches (.pkl files, or rows of a shard folder) in one grid PNG, captioned with their names and labels.")
final class RenderMontageCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATCH", description = ".pkl patch files, or one shard folder.")
    List<Path> inputs;

    @Option(names = "--rows", paramLabel = "A-B", description = "Shard rows to draw (default: the first 24).")
    String rows;

    @Option(names = "--label", paramLabel = "L", description = "Only patches with this label.")
    Long label;

    @Option(names = "--columns", paramLabel = "N", defaultValue = "4", description = "Patches per line (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "48", description = "At most N patches (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--spacing", paramLabel = "X,Y,Z", defaultValue = "1,1,1", converter = OptionTypes.SpacingConverter.class,
            description = "Voxel spacing in mm, X,Y,Z as NIfTI gives it (or x=..,y=..,z=..) (default: ${DEFAULT-VALUE}).")
    OptionTypes.SpacingXyz spacing;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Output PNG.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        double[] sp = spacing.zyx();
        List<TriplanarPatch> patches = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        if (inputs.size() == 1 && Files.isDirectory(inputs.get(0))) {
            long from = 0;
            long to = 23;
            if (rows != null) {
                String[] ab = rows.split("-");
                try {
                    from = Long.parseLong(ab[0].trim());
                    to = ab.length > 1 ? Long.parseLong(ab[1].trim()) : from;
                } catch (NumberFormatException e) {
                    throw new UsageException("--rows expects A-B, got '" + rows + "'");
                }
            }
            long total = org.calcify.io.numpy.NpyReader.readHeader(inputs.get(0).resolve("labels.npy")).shape()[0];
            for (long r = from; r <= Math.min(to, total - 1) && patches.size() < limit; r++) {
                add(PatchFiles.readShardRow(inputs.get(0), r), "row " + r, patches, captions);
            }
        } else {
            for (Path p : inputs) {
                if (patches.size() >= limit) {
                    break;
                }
                add(PatchFiles.readPkl(p), p.getFileName().toString().replaceFirst("\\.pkl$", ""), patches, captions);
            }
        }
        if (patches.isEmpty()) {
            throw new UsageException("no patch matches" + (label == null ? "" : " label " + label));
        }
        PngOutput.write(Montage.render(patches, captions, columns, sp), output);
        spec.commandLine().getOut().printf("wrote %s (%d patches)%n", output, patches.size());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void add(PatchFiles.LoadedPatch p, String name, List<TriplanarPatch> patches, List<String> captions) {
        if (label != null && !label.equals(p.label())) {
            return;
        }
        patches.add(p.patch());
        captions.add(name + (p.label() == null ? "" : "  [" + p.label() + "]"));
    }
}
