package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
                original.sizeZ(), original.sizeY(), original.sizeX(), org.calcify.app.info.InfoText.numbers(original.geometry().spacingMm()));
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
        pw.print(org.calcify.app.info.InfoText.of(org.calcify.app.info.VolumeInfo.of(nifti, VolumeIO.read(nifti))).indent(2));
        pw.println();
        pw.println(failures == 0 ? "[demo] all formats round-trip exactly" : "[demo] " + failures + " format(s) did not round-trip");
        ScoringDemo.run(out, quick, pw);
        Path shown = mostCalcium(out.resolve("phantom"));
        patches(shown.resolve("ct.nii.gz"), shown.resolve("labels.nii.gz"), pw);
        new PipelineDemo(out.resolve("pipeline"), pw).run(PipelineDemo.Plan.of(quick));
        pw.println("[demo] outputs in " + out.toAbsolutePath() + ": open pipeline/index.html; also views.png, candidates.png, evaluation/");
        pw.flush();
        return failures == 0 ? 0 : 1;
    }

    /** The phantom case with the highest total Agatston score (from the score.json the scoring demo wrote). */
    private static Path mostCalcium(Path phantom) throws java.io.IOException {
        Path best = null;
        double bestScore = -1;
        try (var cases = java.nio.file.Files.list(phantom)) {
            for (Path c : cases.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                double a = org.calcify.io.text.JsonFiles.readTree(c.resolve("score.json")).path("agatston").asDouble(0);
                if (a > bestScore) {
                    bestScore = a;
                    best = c;
                }
            }
        }
        return best;
    }

    /** Candidates (>= 130 HU inside the body, bone excluded by size), their patches, and pictures. */
    private void patches(Path scan, Path labels, PrintWriter pw) throws Exception {
        long t0 = System.nanoTime();
        var finder = org.calcify.candidate.CandidateFinder.builder().excludeOutsideBody(true).maxComponentMm3(200).build();
        var options = new org.calcify.extract.ExtractOptions(org.calcify.extract.PatchMode.TRIPLANAR,
                org.calcify.patch.PatchShape.THREAD, org.calcify.window.WindowLevel.of(50, 400), null, finder, null, 4, 7);
        Path shards = out.resolve("candidates");
        long n = new org.calcify.extract.PatchExtraction(options, org.calcify.seed.ProgressListener.NONE)
                .run(List.of(new org.calcify.extract.ScanInput(scan.getParent().getFileName().toString(), scan, labels)), List.of(), shards);
        pw.printf("[demo] extract: %d candidate voxels >= 130 HU of %s (body only, large bone dropped, at most 4 per label)"
                + " -> tri-planar patches in %s (%.0f ms)%n", n, scan.getParent().getFileName(), shards, (System.nanoTime() - t0) / 1e6);
        if (n == 0) {
            return;
        }
        Volume ct = VolumeIO.read(scan);
        var first = org.calcify.patch.PatchFiles.readShardRow(shards, 0);
        java.util.List<org.calcify.patch.TriplanarPatch> list = new java.util.ArrayList<>();
        java.util.List<String> captions = new java.util.ArrayList<>();
        org.calcify.io.text.CsvTable index = org.calcify.io.text.CsvTable.read(shards.resolve("index.csv"));
        int coronaryRow = 0;
        for (long r = 0; r < Math.min(n, 12); r++) {
            var p = org.calcify.patch.PatchFiles.readShardRow(shards, r);
            list.add(p.patch());
            captions.add(org.calcify.render.LabelColors.name((int) (long) p.label()));
            if (org.calcify.score.CalciumLabel.isCoronary(p.label()) && coronaryRow == 0) {
                coronaryRow = (int) r;
            }
        }
        double[] sp = {ct.geometry().spacingZ(), ct.geometry().spacingY(), ct.geometry().spacingX()};
        org.calcify.render.PngOutput.write(org.calcify.render.Montage.render(list, captions, 2, sp), out.resolve("candidates.png"));
        int z = Integer.parseInt(index.get(coronaryRow, "z"));
        int y = Integer.parseInt(index.get(coronaryRow, "y"));
        int x = Integer.parseInt(index.get(coronaryRow, "x"));
        org.calcify.render.PngOutput.write(org.calcify.render.ScanViews.render(ct, org.calcify.window.WindowPreset.MEDIASTINUM.window(),
                z, y, x, VolumeIO.read(labels), 400), out.resolve("views.png"));
        pw.printf("[demo] pictures: views.png (axial/coronal/sagittal through candidate z=%d y=%d x=%d), candidates.png (%d patches)%n",
                z, y, x, list.size());
        if (first.patch().axial(32, 32) < 170) {
            throw new IllegalStateException("candidate patch is not centred on a bright voxel");
        }
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
