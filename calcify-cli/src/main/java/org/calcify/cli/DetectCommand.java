package org.calcify.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.calcify.detect.CandidateClassifier;
import org.calcify.detect.Detection;
import org.calcify.detect.Detector;
import org.calcify.detect.ThoraxCheck;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.report.DetectionReport;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.seed.ProgressListener;
import org.calcify.volume.Volume;
import org.calcify.volume.VoxelStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify detect}: find, label and score coronary calcium over whole scans. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Finds coronary calcium in whole scans, labels it per artery and scores it.", "",
                "Candidates (>= 130 HU, 3D components inside the body, large bone dropped) are classified by the model and",
                "painted into a label map (0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium). Per scan writes",
                "OUT/<scan>/labels.nii.gz, scores.json and report.html; for several scans also OUT/cohort.csv.",
                "A folder of scans is processed in parallel and resumably (finished scans are skipped)."})
final class DetectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR|baseline",
            description = "A trained model folder (calcify train), or 'baseline': every candidate counted as coronary (the plain threshold).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "SCAN_OR_FOLDER", description = "A scan, or a folder of scans (files, DICOM folders, or case folders holding ct.nii.gz).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--emr", paramLabel = "CSV", description = "EMR features per scan: a CSV whose first column names the scan (e.g. calcify phantom's cohort.csv).")
    Path emr;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Scans processed at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--voxels-per-lesion", paramLabel = "N", defaultValue = "8",
            description = "Voxels classified per candidate component, the peak and others spread over it; their probabilities are averaged,"
                    + " and the component is coronary when its summed artery probabilities beat none plus other calcium (default: ${DEFAULT-VALUE}).")
    int voxelsPerLesion;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** One scan to process. */
    record ScanItem(String name, Path path) {
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1");
        }
        CandidateClassifier classifier = Classifiers.load(model);
        List<ScanItem> scans = ScanDiscovery.find(input);
        Map<String, double[]> emrRows = emr == null ? Map.of() : EmrTable.read(emr);
        Files.createDirectories(out);
        ProgressListener progress = quiet ? ProgressListener.NONE : new ConsoleProgress();
        progress.start("detect", scans.size());
        Map<String, Outcome> rows = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> jobs = new ArrayList<>();
            for (ScanItem s : scans) {
                jobs.add(pool.submit(() -> {
                    Outcome o = process(s, classifier, emrRows.get(s.name()));
                    progress.advance(1);
                    return o;
                }));
            }
            for (int i = 0; i < scans.size(); i++) {
                rows.put(scans.get(i).name(), get(jobs.get(i)));
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
            if (classifier instanceof AutoCloseable c) {
                c.close();
            }
        }
        long failed = rows.values().stream().filter(o -> o.failure() != null).count();
        if (scans.size() > 1 || Files.isDirectory(input)) {
            StringBuilder csv = new StringBuilder("scan,status,agatston,volume_mm3,mass_mg,category,lesions,agatston_LM,agatston_LAD,agatston_LCX,agatston_RCA,seconds,message\n");
            rows.values().forEach(o -> csv.append(o.row()).append('\n'));
            AtomicOutput.write(out.resolve("cohort.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        var pw = spec.commandLine().getOut();
        if (scans.size() == 1 && failed == 1) {
            throw new InvalidInputException(scans.get(0).path(), rows.values().iterator().next().failure());
        }
        pw.printf(Locale.ROOT, "detected %d scan(s), %d failed -> %s%n", scans.size() - failed, failed, out);
        pw.flush();
        return failed == 0 ? 0 : 1;
    }

    private static Outcome get(Future<Outcome> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Processes one scan; a bad scan gives a "failed" row instead of stopping the others. */
    /** One scan's row of cohort.csv, and why it failed (null when it did not). */
    private record Outcome(String row, String failure) {
    }

    private Outcome process(ScanItem s, CandidateClassifier classifier, double[] emrRow) throws IOException {
        Path dir = out.resolve(s.name());
        Path json = dir.resolve("scores.json");
        if (Files.isRegularFile(json) && Files.isRegularFile(dir.resolve("report.html")) && Files.isRegularFile(dir.resolve("labels.nii.gz"))) {
            return new Outcome(s.name() + ",skipped,,,,,,,,,,,already done", null);
        }
        long t0 = System.nanoTime();
        try {
            Map<String, Double> timing = new LinkedHashMap<>();
            Volume ct = VolumeIO.read(s.path());
            timing.put("read", (System.nanoTime() - t0) / 1e6);
            checkIsCt(s.path(), ct);
            classifier.checkScan(ct);
            Detection d = new Detector(Detector.defaultFinder(), classifier, voxelsPerLesion).detect(ct, emrRow);
            timing.putAll(d.stageMillis());
            long t1 = System.nanoTime();
            CalciumScore score = new CalciumScorer().score(ct, d.labels());
            timing.put("score", (System.nanoTime() - t1) / 1e6);
            long t2 = System.nanoTime();
            VolumeIO.write(d.labels(), dir.resolve("labels.nii.gz"));
            Map<String, Object> m = new LinkedHashMap<>(score.toMap());
            m.put("detections", DetectionReport.detections(d, ct.geometry()));
            m.put("model", classifier.describe());
            String html = DetectionReport.html(s.name(), ct, d, score, classifier.describe(), timing);
            timing.put("write", (System.nanoTime() - t2) / 1e6);
            m.put("timing_ms", timing);
            AtomicOutput.write(dir.resolve("report.html"), html.getBytes(StandardCharsets.UTF_8));
            AtomicOutput.write(json, (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8));
            var a = score.arteries();
            return new Outcome(String.format(Locale.ROOT, "%s,ok,%.3f,%.3f,%.3f,%s,%d,%.3f,%.3f,%.3f,%.3f,%.2f,", s.name(), score.total().agatston(),
                    score.total().volumeMm3(), score.total().massMg(), score.category().label(), DetectionReport.detections(d, ct.geometry()).size(),
                    a.get(org.calcify.score.Artery.LM).agatston(), a.get(org.calcify.score.Artery.LAD).agatston(),
                    a.get(org.calcify.score.Artery.LCX).agatston(), a.get(org.calcify.score.Artery.RCA).agatston(), (System.nanoTime() - t0) / 1e9), null);
        } catch (InvalidInputException | IllegalArgumentException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Outcome(String.format(Locale.ROOT, "%s,failed,,,,,,,,,,%.2f,\"%s\"", s.name(), (System.nanoTime() - t0) / 1e9,
                    msg.replace("\"", "'")), msg);
        }
    }

    /**
     * Refuses scans that are not CT in HU (most voxels must lie in -1100..3100 and some must be tissue)
     * and scans without a chest in view ({@link ThoraxCheck}).
     */
    static void checkIsCt(Path path, Volume ct) throws InvalidInputException {
        int n = ct.geometry().voxelCount();
        int step = Math.max(1, n / 200_000);
        int inRange = 0;
        int sampled = 0;
        int tissue = 0;
        for (int i = 0; i < n; i += step) {
            double v = ct.valueAt(i);
            sampled++;
            if (v >= -1100 && v <= 3100) {
                inRange++;
            }
            if (v > -200 && v < 200) {
                tissue++;
            }
        }
        if (inRange < 0.95 * sampled) {
            VoxelStatistics st = ct.statistics();
            throw new InvalidInputException(path, String.format(Locale.ROOT,
                    "does not look like CT in Hounsfield units (%.0f%% of voxels outside -1100..3100 HU; range %.0f..%.0f)",
                    100.0 * (sampled - inRange) / sampled, st.min(), st.max()));
        }
        if (tissue < 0.02 * sampled) {
            throw new InvalidInputException(path, "no soft tissue in view (under 2% of voxels in -200..200 HU): no heart to look at");
        }
        double lung = ThoraxCheck.largestLungAreaCm2(ct);
        if (lung < ThoraxCheck.MIN_LUNG_CM2) {
            throw new InvalidInputException(path, String.format(Locale.ROOT,
                    "no chest in view (largest lung cross-section %.0f cm², under %.0f): no heart to look at", lung, ThoraxCheck.MIN_LUNG_CM2));
        }
    }
}
