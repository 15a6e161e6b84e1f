package org.calcify.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.calcify.app.export.DicomExport;
import org.calcify.app.failure.UsageException;
import org.calcify.io.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify export --detect-dir DIR}: a scan's detection as DICOM SEG and SR. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the results of 'calcify detect' on a DICOM series as DICOM, next to them.", "",
                "For a scan's output folder (scores.json, labels.nii.gz), or each such folder in a detect output folder:",
                "seg.dcm, a binary DICOM Segmentation of the label map on the source series' grid (one segment per class",
                "present: LM, LAD, LCX, RCA, other calcium; none when the scan has no calcium), and sr.dcm, a DICOM",
                "Structured Report (TID 1500 Measurement Report) of the scores, linked to the segments. Both reference the",
                "source series' study, series, instances and frame of reference; new UIDs are 2.25.<UUID> (docs/dicom-out.md)."})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--detect-dir", required = true, paramLabel = "DIR",
            description = "A scan's output folder of 'calcify detect', or the detect output folder holding them.")
    Path detectDir;

    @Option(names = "--source", paramLabel = "DICOM",
            description = "The scan's DICOM series (default: the path scores.json names); only with a single scan's folder.")
    Path source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(detectDir)) {
            throw new InvalidInputException(detectDir, "not a folder");
        }
        List<Path> scans = scanFolders(detectDir);
        if (scans.isEmpty()) {
            throw new InvalidInputException(detectDir, "holds no scores.json, nor any folder with one: not an output of calcify detect");
        }
        if (source != null && scans.size() > 1) {
            throw new UsageException("--source needs a single scan's folder, but " + detectDir + " holds " + scans.size() + " scans");
        }
        String version = version();
        PrintWriter out = spec.commandLine().getOut();
        for (Path scan : scans) {
            DicomExport.Result r = DicomExport.export(scan, source, version);
            out.println(scan + ": " + (r.segments() == 0 ? "no calcium, no SEG; " : r.segments() + " segment"
                    + (r.segments() == 1 ? "" : "s") + "; ") + "wrote " + String.join(", ", r.files().stream().map(p -> p.getFileName().toString()).toList()));
        }
        out.flush();
        return 0;
    }

    private static List<Path> scanFolders(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("scores.json"))) {
            return List.of(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("scores.json"))).sorted().toList();
        }
    }

    /** Calcify's version, as {@code calcify --version} says it. */
    static String version() {
        return org.calcify.app.CalcifyVersion.version();
    }
}
