package org.calcify.app.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.app.io.JsonFiles;
import org.calcify.detect.BackgroundClassifier;
import org.calcify.detect.CandidateClassifier;
import org.calcify.detect.Detection;
import org.calcify.detect.Detector;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.protocol.ChestCtCheck;
import org.calcify.protocol.ProtocolScreen;
import org.calcify.protocol.ScanProtocol;
import org.calcify.report.DetectionReport;
import org.calcify.score.CalciumLabel;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.volume.Acquisition;
import org.calcify.volume.Padding;
import org.calcify.volume.Volume;
import tools.jackson.databind.JsonNode;

/**
 * Detects, scores and reports one scan: read → scanner padding set to air → chest CT check → anatomy
 * → protocol screen (refusals stop here) → candidates in the heart region classified → label map →
 * Agatston, volume and mass → {@code labels.nii.gz}, {@code scores.json}, {@code report.html} (and
 * {@code anatomy.nii.gz} when asked) in the scan's output folder, each written under a temporary name
 * and renamed. A scan whose three outputs already exist is not redone: its row is read back from its
 * {@code scores.json}.
 */
public final class ScanDetection {
    /** What every report and scores.json says about where the model comes from and what it is not for. */
    public static final String DISCLAIMER = "Research software, not for clinical use. The classifier was trained on synthetic CT "
            + "(Calcify's phantom) and on real chest CT with synthetic plaques inserted; it has not been validated on patients.";

    private final CandidateClassifier classifier;
    private final DetectionOptions options;
    private final CalciumScorer scorer = new CalciumScorer();

    public ScanDetection(CandidateClassifier classifier, DetectionOptions options) {
        this.classifier = classifier;
        this.options = options;
    }

    /**
     * The result of one scan: its cohort row, and why it was not scored (null when it was): an
     * {@link InvalidInputException} for bad input or a refusal ({@link ScanRefused}), anything else a bug.
     */
    public record Outcome(CohortRow row, Exception cause) {
        public boolean ok() {
            return row.status() == ScanStatus.OK;
        }

        /** The cause when it is a bug rather than bad input, else null. */
        public Exception bug() {
            return cause instanceof InvalidInputException ? null : cause;
        }
    }

    /** True when all of a scan's outputs are there (an earlier run finished it). */
    public static boolean isDone(Path dir) {
        return Files.isRegularFile(dir.resolve("scores.json")) && Files.isRegularFile(dir.resolve("report.html"))
                && Files.isRegularFile(dir.resolve("labels.nii.gz"));
    }

    /**
     * Processes one scan into {@code dir}; never throws for a bad scan (the row says what went wrong). A model
     * that failed to load ({@link BackgroundClassifier.LoadFailure}) is not the scan's fault: it is thrown.
     *
     * @param emr the scan's EMR features, or null
     */
    public Outcome run(ScanItem scan, Path dir, double[] emr) {
        long t0 = System.nanoTime();
        try {
            AtomicOutput.removeLeftovers(dir); // temporary files of a killed run
            if (isDone(dir)) {
                return new Outcome(finishedRow(dir), null);
            }
            return new Outcome(detect(scan, dir, emr, t0), null);
        } catch (InvalidInputException e) {
            ScanStatus status = e instanceof ScanRefused ? ScanStatus.REFUSED : ScanStatus.FAILED;
            return new Outcome(CohortRow.notScored(scan.name(), status, seconds(t0), e.getMessage()), e);
        } catch (BackgroundClassifier.LoadFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String msg = scan.path() + ": internal error: " + e;
            return new Outcome(CohortRow.notScored(scan.name(), ScanStatus.FAILED, seconds(t0), msg), e);
        } catch (OutOfMemoryError e) {
            // this scan's arrays are unreachable once we are here: the row says so and the cohort goes on
            long maxMb = Runtime.getRuntime().maxMemory() >> 20;
            String msg = scan.path() + ": out of memory: the scan did not fit in the JVM heap of " + maxMb
                    + " MB (with --threads N, N scans share it); raise it with CALCIFY_JAVA_OPTS=-Xmx...";
            return new Outcome(CohortRow.notScored(scan.name(), ScanStatus.FAILED, seconds(t0), msg),
                    new IOException(msg, e));
        }
    }

    private CohortRow detect(ScanItem scan, Path dir, double[] emr, long t0) throws IOException {
        Map<String, Double> timing = new LinkedHashMap<>();
        // the scan as read is dropped once its padding is air: the copy keeps its metadata, geometry and
        // warnings, all that the protocol screen and scores.json read, and one scan is held in memory, not two
        // a scan stored in sagittal or coronal slices is detected and scored in axial ones (AxialSlices)
        Volume ct = org.calcify.score.AxialSlices.of(Padding.of(VolumeIO.read(scan.path())).withAir());
        long t1 = mark(timing, "read", t0);
        ChestCtCheck.check(scan.path(), ct);
        ThoraxAnatomy anatomy = ThoraxSegmenter.segment(ct);
        long t2 = mark(timing, "anatomy", t1);
        ScanProtocol protocol = new ProtocolScreen(options.allowContrast(), options.allowSharpKernel()).screen(ct, anatomy);
        if (protocol.refusal().isPresent()) {
            throw new ScanRefused(scan.path(), protocol.refusal().get().message());
        }
        try {
            classifier.checkScan(ct);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(scan.path(), e.getMessage());
        }
        Detection d = new Detector(Detector.defaultFinder(), classifier, options.voxelsPerLesion(), options.noiseGate())
                .detect(ct, emr, anatomy);
        timing.putAll(d.stageMillis());
        long t3 = System.nanoTime();
        CalciumScore score;
        try {
            score = scorer.score(ct, d.labels());
        } catch (InvalidScanException e) {
            throw new InvalidInputException(scan.path(), e.getMessage(), e);
        }
        long t4 = mark(timing, "score", t3);
        Acquisition acq = Acquisition.of(ct);
        int other = (int) d.lesions().stream().filter(l -> l.label() == CalciumLabel.OTHER_CALCIUM).count();
        CohortRow row = CohortRow.scored(scan.name(), score, protocol, other, seconds(t0));
        Files.createDirectories(dir);
        VolumeIO.write(d.labels(), dir.resolve("labels.nii.gz"));
        if (options.writeAnatomy()) {
            VolumeIO.write(anatomy.labelMap(ct), dir.resolve("anatomy.nii.gz"));
        }
        if (options.writeCandidates()) {
            org.calcify.io.text.CsvFiles.write(dir.resolve(CandidateRow.FILE), CandidateRow.of(d, ct.geometry()), CandidateRow.class);
        }
        String html = DetectionReport.html(scan.name(), ct, d, score, classifier.describe(), timing, acq, protocol, DISCLAIMER);
        mark(timing, "write", t4);
        ScanScores json = new ScanScores(row, scanSection(scan, ct, acq), score.document(), DetectionReport.detections(d, ct.geometry()),
                protocol.document(), anatomySection(anatomy, d), classifier.describe(), null, DISCLAIMER, timing);
        AtomicOutput.write(dir.resolve("report.html"), html.getBytes(StandardCharsets.UTF_8));
        JsonFiles.writeJson(dir.resolve("scores.json"), json);
        return row;
    }

    private static ScanScores.ScanSection scanSection(ScanItem scan, Volume raw, Acquisition acq) {
        double[] sp = raw.geometry().spacingMm();
        // the path is absolute: usable from any folder (export, serve)
        return new ScanScores.ScanSection(scan.name(), scan.path().toAbsolutePath().normalize().toString(), null, raw.geometry().shapeZyx(),
                new double[] {sp[2], sp[1], sp[0]}, acq.toMap(), raw.warnings());
    }

    private static ScanScores.AnatomySection anatomySection(ThoraxAnatomy a, Detection d) {
        return new ScanScores.AnatomySection(a.hasHeart(), CohortRow.round(a.heartRegionMl(), 1), a.heartAtFovEdge(), !Double.isNaN(a.carinaMm()),
                d.outsideHeartRegion(), d.lesions().size(), Double.isNaN(a.noiseCoherenceVoxels()) ? null : CohortRow.round(a.noiseCoherenceVoxels(), 2));
    }

    /** The cohort row of a finished scan: the summary its {@code scores.json} holds. */
    public static CohortRow finishedRow(Path dir) throws IOException {
        Path scoresJson = dir.resolve("scores.json");
        JsonNode summary = JsonFiles.readTree(scoresJson).get("summary");
        if (summary == null) {
            throw new InvalidInputException(scoresJson, "has no summary (written by an older Calcify?): delete the folder to redo the scan");
        }
        return JsonFiles.json().treeToValue(summary, CohortRow.class);
    }

    private static long mark(Map<String, Double> timing, String stage, long since) {
        long now = System.nanoTime();
        timing.put(stage, (now - since) / 1e6);
        return now;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
