package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.calcify.eval.CohortEvaluator;
import org.calcify.eval.Metrics;
import org.calcify.eval.plot.EvaluationPlots;
import org.calcify.io.AtomicOutput;
import org.calcify.io.text.JsonFiles;
import org.calcify.report.dicom.LabelMapReader;
import org.calcify.score.CalciumScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify evaluate --pred --truth}: lesion, voxel and scan-level agreement. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares predicted calcium with the truth, total and per artery.", "",
                "Folders of cases (NAME/labels.nii.gz, or a DICOM SEG NAME/seg.dcm placed on the case's CT grid;",
                "the truth also NAME/ct.nii.gz): lesion sensitivity, PPV, F1;",
                "voxel Dice, sensitivity, PPV; and scan level. CSVs (case, agatston[, volume_mm3, mass_mg, agatston_LM..]):",
                "scan level only: ICC(A,1), linearly weighted kappa of risk categories, category confusion, Bland-Altman.",
                "Writes OUT/metrics.json, OUT/per_case.csv and PNG plots."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--pred", required = true, paramLabel = "DIR_OR_CSV", description = "Predictions.")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "DIR_OR_CSV", description = "Reference.")
    Path truth;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "evaluation", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ScoringOptions scoring;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Metrics m = new CohortEvaluator(new CalciumScorer(scoring.parameters()), LabelMapReader::read).evaluate(pred, truth);
        List<Path> files = write(m, out);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(summary(m));
        pw.println("outputs: " + files);
        pw.flush();
        return 0;
    }

    /** Writes metrics.json, per_case.csv and the plots; returns the paths. */
    static List<Path> write(Metrics m, Path dir) throws java.io.IOException {
        Path json = dir.resolve("metrics.json");
        AtomicOutput.write(json, JsonFiles.toJson(m.toMap()).getBytes(StandardCharsets.UTF_8));
        Path csv = dir.resolve("per_case.csv");
        AtomicOutput.write(csv, m.perCaseCsv().getBytes(StandardCharsets.UTF_8));
        List<Path> plots = EvaluationPlots.write(m, dir);
        List<Path> all = new java.util.ArrayList<>(List.of(json, csv));
        all.addAll(plots);
        return all;
    }

    @SuppressWarnings("unchecked")
    static String summary(Metrics m) {
        Map<String, Object> map = m.toMap();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "cases: %d%n", m.cases().size()));
        for (String scope : List.of("total", "LM", "LAD", "LCX", "RCA")) {
            Map<String, Object> s = (Map<String, Object>) map.get(scope);
            Map<String, Object> scan = (Map<String, Object>) s.get("scan");
            Map<String, Object> ag = (Map<String, Object>) scan.get("agatston");
            sb.append(String.format(Locale.ROOT, "%-5s", scope));
            if (s.containsKey("lesion")) {
                Map<String, Object> l = (Map<String, Object>) s.get("lesion");
                Map<String, Object> v = (Map<String, Object>) s.get("voxel");
                sb.append(String.format(Locale.ROOT, "  lesions sens %s PPV %s F1 %s  voxels Dice %s",
                        num(l.get("sensitivity")), num(l.get("ppv")), num(l.get("f1")), num(v.get("dice"))));
            }
            if (ag != null) {
                sb.append(String.format(Locale.ROOT, "  ICC %s  kappa %s", num(ag.get("icc_a1")), num(scan.get("kappa_linear"))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String num(Object o) {
        return o instanceof Double d && Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "n/a";
    }
}
