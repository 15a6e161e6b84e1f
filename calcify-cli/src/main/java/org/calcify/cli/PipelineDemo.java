package org.calcify.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.calcify.eval.CohortEvaluator;
import org.calcify.eval.Metrics;
import org.calcify.io.AtomicOutput;
import org.calcify.io.text.JsonFiles;
import org.calcify.patch.ContextCube;
import org.calcify.score.CalciumScorer;

/**
 * The whole pipeline of {@code calcify demo}: a phantom cohort; candidate cubes with their truth labels
 * from the training scans; a cnn3d artery network trained with patient-wise cross-validation; detection
 * and scoring of the held-out scans with the fold ensemble (and with the plain-threshold baseline);
 * evaluation against the phantom's truth; {@code summary.json} and {@code index.html}. Each stage runs the
 * same command a user would, so the demo exercises the command line itself.
 */
final class PipelineDemo {
    /**
     * Sizes of a demo run. The phantom is scanned as a calcium-scoring protocol scans: 2.5-3 mm slices over
     * the heart ({@code coverageMm}).
     */
    record Plan(int cases, int heldOut, int sizeXy, String coverageMm, int perClass, int folds, int epochs) {
        static Plan of(boolean quick) {
            return quick ? new Plan(16, 4, 192, "100..120", 300, 3, 6) : new Plan(140, 20, 512, "110..150", 400, 5, 6);
        }
    }

    private final Path out;
    private final PrintWriter pw;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    PipelineDemo(Path out, PrintWriter pw) {
        this.out = out;
        this.pw = pw;
    }

    void run(Plan plan) throws Exception {
        Path cohort = out.resolve("cohort");
        stage("phantom", "calcify phantom: " + plan.cases() + " cases", "phantom", "--out", cohort.toString(), "--count",
                Integer.toString(plan.cases()), "--seed", "21", "--size", Integer.toString(plan.sizeXy()), "--slice-mm", "2.5..3", "--coverage-mm", plan.coverageMm());
        List<String> extract = new ArrayList<>(List.of("extract"));
        int train = plan.cases() - plan.heldOut();
        for (int i = 0; i < train; i++) {
            Path c = cohort.resolve(String.format(Locale.ROOT, "case-%04d", i));
            extract.addAll(List.of("--scan", c.resolve("ct.nii.gz").toString(), "--labels", c.resolve("labels.nii.gz").toString()));
        }
        extract.addAll(List.of("--candidates", "--heart-region", "--exclude-body", "--max-component-mm3", "3000", "--mode", "cube", "--size", "9,33,33",
                "--context", ContextCube.DEFAULT.text(), "--per-class", Integer.toString(plan.perClass()), "--seed", "1", "--output", out.resolve("shards").toString(), "--quiet"));
        stage("extract", "calcify extract: candidate cubes 9x33x33 in the heart region (and " + ContextCube.DEFAULT.text() + " context) of the " + train
                + " training scans, at most " + plan.perClass() + " per label", extract.toArray(new String[0]));
        stage("train", "calcify train: cnn3d, artery task, " + plan.folds() + "-fold patient-wise cross-validation, up to "
                + plan.epochs() + " epochs", "train", "--data", out.resolve("shards").toString(), "--model", "cnn3d", "--task", "artery",
                "--other-class", "--folds", Integer.toString(plan.folds()), "--epochs", Integer.toString(plan.epochs()), "--patience", "3",
                "--out", out.resolve("model").toString(), "--quiet");
        Path heldOut = out.resolve("held-out");
        Files.createDirectories(heldOut);
        for (int i = train; i < plan.cases(); i++) {
            String name = String.format(Locale.ROOT, "case-%04d", i);
            Path link = heldOut.resolve(name);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, cohort.resolve(name).toAbsolutePath());
            }
        }
        stage("detect", "calcify detect: the " + plan.heldOut() + " held-out scans with the fold ensemble", "detect", "--model",
                out.resolve("model").toString(), "--input", heldOut.toString(), "--out", out.resolve("detections").toString(), "--quiet");
        stage("baseline", "calcify detect --model baseline: the plain threshold on the same scans", "detect", "--model", "baseline",
                "--input", heldOut.toString(), "--out", out.resolve("baseline").toString(), "--quiet");
        long t0 = System.nanoTime();
        CohortEvaluator evaluator = new CohortEvaluator(new CalciumScorer());
        Metrics net = evaluator.evaluate(out.resolve("detections"), heldOut);
        Metrics base = evaluator.evaluate(out.resolve("baseline"), heldOut);
        List<Path> plots = EvaluateCommand.write(net, out.resolve("evaluation"));
        EvaluateCommand.write(base, out.resolve("evaluation-baseline"));
        seconds.put("evaluate", (System.nanoTime() - t0) / 1e9);
        pw.print(EvaluateCommand.summary(net).indent(2).replaceFirst("^  ", "[demo] evaluate (network, held-out): "));
        pw.print(EvaluateCommand.summary(base).indent(2).replaceFirst("^  ", "[demo] evaluate (threshold baseline): "));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("held_out_cases", plan.heldOut());
        summary.put("network", headline(net));
        summary.put("baseline", headline(base));
        summary.put("seconds", seconds);
        AtomicOutput.write(out.resolve("summary.json"), JsonFiles.toJson(summary).getBytes(StandardCharsets.UTF_8));
        AtomicOutput.write(out.resolve("index.html"), index(plan, summary, plots).getBytes(StandardCharsets.UTF_8));
        pw.println("[demo] summary: " + out.resolve("summary.json") + "; open " + out.resolve("index.html"));
        pw.flush();
    }

    /** Runs one calcify command, timing it; a failure stops the demo with the command's own error. */
    private void stage(String key, String what, String... args) throws IOException {
        pw.println("[demo] " + what + " ...");
        pw.flush();
        long t0 = System.nanoTime();
        var cl = Main.newCommandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.put(key, s);
        if (code != 0) {
            throw new IOException("demo stage '" + key + "' failed: " + e.toString().trim());
        }
        String last = o.toString().trim();
        last = last.isEmpty() ? "" : last.substring(last.lastIndexOf('\n') + 1);
        pw.printf(Locale.ROOT, "[demo]   done in %.1f s%s%n", s, last.isEmpty() ? "" : ": " + last);
        pw.flush();
    }

    /** Lesion F1, ICC, linearly weighted kappa and category accuracy, total and per artery. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> headline(Metrics m) {
        Map<String, Object> all = m.toMap();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String scope : new String[] {"total", "LM", "LAD", "LCX", "RCA"}) {
            Map<String, Object> s = (Map<String, Object>) all.get(scope);
            Map<String, Object> h = new LinkedHashMap<>();
            Map<String, Object> lesion = (Map<String, Object>) s.get("lesion");
            Map<String, Object> scan = (Map<String, Object>) s.get("scan");
            h.put("lesion_f1", lesion == null ? null : lesion.get("f1"));
            Map<String, Object> ag = scan == null ? null : (Map<String, Object>) scan.get("agatston");
            h.put("icc", ag == null ? null : ag.get("icc_a1"));
            h.put("kappa_linear", scan == null ? null : scan.get("kappa_linear"));
            h.put("category_accuracy", scan == null ? null : scan.get("category_agreement"));
            out.put(scope, h);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private String index(Plan plan, Map<String, Object> summary, List<Path> plots) throws IOException {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calcify demo</title>"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse}"
                + "td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eee}img{max-width:32%}</style></head><body>\n");
        h.append("<h1>Calcify demo</h1>\n<p>").append(plan.cases()).append(" synthetic cardiac CT cases; a cnn3d artery network trained on ")
                .append(plan.cases() - plan.heldOut()).append(" of them (").append(plan.folds())
                .append("-fold patient-wise cross-validation) and evaluated on the ").append(plan.heldOut())
                .append(" held-out cases against the phantom's truth.</p>\n");
        for (String who : new String[] {"network", "baseline"}) {
            h.append("<h2>").append(who.equals("network") ? "Network (fold ensemble)" : "Plain threshold baseline").append("</h2>\n<table>")
                    .append("<tr><th></th><th>lesion F1</th><th>ICC</th><th>kappa (linear)</th><th>category accuracy</th></tr>\n");
            Map<String, Object> m = (Map<String, Object>) summary.get(who);
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Map<String, Object> v = (Map<String, Object>) e.getValue();
                h.append("<tr><td>").append(e.getKey()).append("</td>");
                for (String k : new String[] {"lesion_f1", "icc", "kappa_linear", "category_accuracy"}) {
                    Object x = v.get(k);
                    h.append("<td>").append(x instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "n/a").append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Evaluation plots (network)</h2>\n");
        for (Path p : plots) {
            if (p.toString().endsWith(".png")) {
                h.append("<a href=\"evaluation/").append(p.getFileName()).append("\"><img alt=\"").append(p.getFileName())
                        .append("\" src=\"evaluation/").append(p.getFileName()).append("\"></a>\n");
            }
        }
        h.append("<h2>Scan reports</h2>\n<ul>\n");
        try (var s = Files.list(out.resolve("detections"))) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                h.append("<li><a href=\"detections/").append(d.getFileName()).append("/report.html\">").append(d.getFileName())
                        .append("</a> (<a href=\"baseline/").append(d.getFileName()).append("/report.html\">baseline</a>)</li>\n");
            }
        }
        h.append("</ul>\n<p>Time per stage (s): ").append(JsonFiles.toJson(seconds).strip().replaceAll("[{}\\n\"]", " ")).append("</p>\n</body></html>\n");
        return h.toString();
    }
}
