package org.calcify.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.calcify.app.detect.ScanDiscovery;
import org.calcify.app.emr.EmrTable;
import org.calcify.app.failure.UsageException;
import org.calcify.app.io.JsonFiles;
import org.calcify.app.review.SignedScans;
import org.calcify.score.CalciumLabel;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Connectivity;
import org.calcify.detect.HeartRegionGate;
import org.calcify.extract.ExtractOptions;
import org.calcify.extract.PatchExtraction;
import org.calcify.extract.PatchMode;
import org.calcify.extract.ScanInput;
import org.calcify.extract.VoxelTarget;
import org.calcify.patch.ContextCube;
import org.calcify.patch.PatchShape;
import org.calcify.window.WindowLevel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify extract}: the general patch engine on any readable scans. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Cuts tri-planar patches or 3D cubes from any readable scans.", "",
                "Voxels come from a CSV (scan,z,y,x,label), from calcium candidates (every voxel >= --threshold HU,",
                "grouped in 3D components; components.csv lists their statistics) or from a sliding-window grid (--stride).",
                "Writes one shard set to OUT: axial/sagittal/coronal.npy (or cube.npy), labels.npy and index.csv."})
final class ExtractCommand implements Callable<Integer> {
    /** One row of corrections.csv: a voxel list row (scan,z,y,x,label) with the model's and the reader's classes. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"scan", "z", "y", "x", "label", "proposed", "reviewed"})
    record CorrectionRow(String scan, int z, int y, int x, int label, String proposed, String reviewed) {
    }

    @Option(names = "--scan", paramLabel = "PATH", description = "A scan (repeat for several). In the CSV a scan is named by its path as given, its file name or its 0-based position.")
    List<Path> scans = new ArrayList<>();

    @Option(names = "--reviewed", paramLabel = "DIR",
            description = "Instead of --scan and --labels: the signed scans of a cohort reviewed with 'calcify serve', each with the reader's"
                    + " label map (labels-reviewed.nii.gz) as its labels. Also writes OUT/corrections.csv: the model's errors the readers"
                    + " corrected, as scan,z,y,x,label rows (the peak voxel and the reader's label), which --voxels takes to cut them as hard examples.")
    Path reviewed;

    @Option(names = "--labels", paramLabel = "PATH", description = "Label map of each --scan, in the same order (labels of candidates and grid voxels; classes for --per-class).")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--voxels", paramLabel = "CSV", description = "Voxels as scan,z,y,x[,label] (header optional).")
        Path csv;

        @Option(names = "--candidates", description = "Every voxel >= --threshold HU, grouped in 3D connected components.")
        boolean candidates;

        @Option(names = "--stride", paramLabel = "Z,Y,X", converter = OptionTypes.VoxelConverter.class,
                description = "A regular grid of patch centres with this step in voxels, Z,Y,X.")
        OptionTypes.VoxelZyx stride;
    }

    @Option(names = "--mode", paramLabel = "triplanar|cube", defaultValue = "triplanar", converter = OptionTypes.PatchModeConverter.class,
            description = "Default: triplanar.")
    PatchMode mode;

    @Option(names = "--size", paramLabel = "Z,Y,X", defaultValue = "21,65,65", converter = OptionTypes.PatchShapeConverter.class,
            description = "Odd patch extents in voxels, Z,Y,X (default: ${DEFAULT-VALUE}).")
    PatchShape size;

    @Option(names = "--window", paramLabel = "c,w|lo..hi|PRESET", defaultValue = "50,400", converter = OptionTypes.WindowConverter.class,
            description = "Window/level (default: ${DEFAULT-VALUE}).")
    WindowLevel window;

    @Option(names = "--spacing", paramLabel = "X,Y,Z", converter = OptionTypes.SpacingConverter.class,
            description = "Resample each scan to this spacing in mm, X,Y,Z (or x=..,y=..,z=..), first (trilinear).")
    OptionTypes.SpacingXyz spacing;

    @Option(names = "--threshold", paramLabel = "HU", defaultValue = "130", description = "Candidate threshold (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--connectivity", paramLabel = "6|26", defaultValue = "26", description = "Candidate connectivity (default: ${DEFAULT-VALUE}).")
    int connectivity;

    @Option(names = "--exclude-body", description = "Drop candidates outside the body.")
    boolean excludeBody;

    @Option(names = "--heart-region", description = "Keep only candidates in the heart region Calcify locates, as detect classifies them.")
    boolean heartRegion;

    @Option(names = "--min-significance", paramLabel = "S",
            description = "With --heart-region: drop candidates whose peak rise above the blood pool, times the square root of their voxel count,"
                    + " over the noise measured in the heart is below S, as detect does (default: detect's, 8); lower keeps more noise specks as negatives, 0 keeps all.")
    Double minSignificance;

    @Option(names = "--max-component-mm3", paramLabel = "MM3", description = "Drop candidate components larger than this (large bones).")
    Double maxComponentMm3;

    @Option(names = "--min-area-mm2", paramLabel = "MM2", defaultValue = "1.0",
            description = "Drop candidate components whose largest cross-section in any slice is below this area: with Agatston's"
                    + " minimum lesion area (the default, ${DEFAULT-VALUE} mm²) they can never be scored; 0 keeps all.")
    double minAreaMm2;

    @Option(names = "--context", arity = "0..1", fallbackValue = "9,33,33@5,4,4", paramLabel = "Z,Y,X@MMZ,MMY,MMX",
            description = "Also cut a coarse context cube around every voxel (context.npy): sizes in samples, spacing in mm;"
                    + " without a value ${FALLBACK-VALUE}, which sees the whole heart. train uses it as a second image input.")
    String context;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "0", description = "Class-balanced sampling: at most N voxels per label (0: all); with --candidates drawn evenly over the components (lesions) of each label.")
    int perClass;

    @Option(names = "--per-class-none", paramLabel = "N", defaultValue = "0",
            description = "With --per-class: a different quota for label 0 (no calcium), e.g. more of the many kinds of negatives (0: as --per-class).")
    int perNegatives;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--emr", paramLabel = "CSV",
            description = "EMR features per scan (first column: the scan's name, file name without extension, or folder name,"
                    + " e.g. calcify phantom's cohort.csv); written to emr.npy so that train can fuse them.")
    Path emrCsv;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (heartRegion && !selection.candidates) {
            throw new UsageException("--heart-region needs --candidates");
        }
        if (minSignificance != null && !heartRegion) {
            throw new UsageException("--min-significance needs --heart-region");
        }
        if (reviewed != null) {
            if (!scans.isEmpty() || !labels.isEmpty()) {
                throw new UsageException("--reviewed takes the scans and labels from the review: give no --scan or --labels");
            }
            List<SignedScans.SignedScan> signed = SignedScans.of(reviewed);
            List<CorrectionRow> corrections = new ArrayList<>();
            for (SignedScans.SignedScan s : signed) {
                scans.add(s.ct());
                labels.add(s.reviewedLabels());
                for (SignedScans.Correction c : s.corrections()) {
                    corrections.add(new CorrectionRow(s.ct().toString(), c.peakZyx()[0], c.peakZyx()[1], c.peakZyx()[2],
                            CalciumLabel.ofClassName(c.reviewed()).label(), c.proposed(), c.reviewed()));
                }
            }
            java.nio.file.Files.createDirectories(output);
            JsonFiles.writeCsv(output.resolve("corrections.csv"), corrections, CorrectionRow.class);
            spec.commandLine().getOut().printf("%d signed scan(s), %d correction(s) -> %s%n", signed.size(), corrections.size(),
                    output.resolve("corrections.csv"));
        }
        if (scans.isEmpty()) {
            throw new UsageException("give the scans: --scan (repeat for several) or --reviewed DIR");
        }
        if (!labels.isEmpty() && labels.size() != scans.size()) {
            throw new UsageException("give one --labels per --scan (" + scans.size() + " scans, " + labels.size() + " label maps)");
        }
        PatchMode m = mode;
        PatchShape shape = size;
        CandidateFinder finder = null;
        if (selection.candidates) {
            CandidateFinder.Builder b = CandidateFinder.builder().thresholdHu(threshold).connectivity(Connectivity.of(connectivity))
                    .excludeOutsideBody(excludeBody).minAreaMm2(minAreaMm2);
            if (maxComponentMm3 != null) {
                b.maxComponentMm3(maxComponentMm3);
            }
            finder = UsageException.fromOptions(b::build);
        }
        int[] stride = selection.stride == null ? null : selection.stride.zyx();
        CandidateFinder candidateFinder = finder;
        ExtractOptions options = UsageException.fromOptions(() -> new ExtractOptions(m, shape, window, spacing == null ? null : spacing.xyz(),
                candidateFinder, stride, perClass, seed, context == null ? null : ContextCube.parse(context), heartRegion, perNegatives,
                minSignificance == null ? HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE : minSignificance));
        List<ScanInput> inputs = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> fileNames = new HashMap<>();
        scans.forEach(p -> fileNames.merge(p.getFileName().toString(), 1, Integer::sum));
        for (int i = 0; i < scans.size(); i++) {
            Path p = scans.get(i);
            // a scan's name in index.csv: its file name, or parent/file when file names repeat (case-0001/ct.nii.gz)
            String name = fileNames.get(p.getFileName().toString()) == 1 || p.getParent() == null ? p.getFileName().toString()
                    : p.getParent().getFileName() + "/" + p.getFileName();
            inputs.add(new ScanInput(name, p, labels.isEmpty() ? null : labels.get(i)));
            names.put(name, i);
            names.put(p.toString(), i);
            names.putIfAbsent(p.getFileName().toString(), i);
            names.putIfAbsent(Integer.toString(i), i);
        }
        List<VoxelTarget> listed = selection.csv == null ? List.of() : PatchExtraction.readVoxelCsv(selection.csv, names::get);
        List<double[]> emrRows = null;
        if (emrCsv != null) {
            Map<String, double[]> table = EmrTable.read(emrCsv);
            emrRows = new ArrayList<>();
            for (ScanInput in : inputs) {
                Path p = in.ct();
                String folder = p.getParent() == null || p.getParent().getFileName() == null ? "" : p.getParent().getFileName().toString();
                double[] row = table.getOrDefault(in.name(), table.getOrDefault(ScanDiscovery.nameOf(p), table.get(folder)));
                if (row == null) {
                    throw new org.calcify.io.InvalidInputException(emrCsv, "no EMR row for scan " + in.name());
                }
                emrRows.add(row);
            }
        }
        long n = new PatchExtraction(options, ConsoleProgress.forStderr(quiet)).run(inputs, listed, emrRows, output);
        spec.commandLine().getOut().printf("wrote %d %s patches to %s%n", n, m.name().toLowerCase(java.util.Locale.ROOT), output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
