package org.calcify.app.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.ScanDetection;
import org.calcify.app.export.DicomExport;
import org.calcify.app.detect.ScanScores;
import org.calcify.app.score.ScanScoring;
import org.calcify.detect.DetectedLesion;
import org.calcify.detect.Detection;
import org.calcify.io.AtomicOutput;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.JsonFiles;
import org.calcify.report.DetectionReport;
import org.calcify.score.Artery;
import org.calcify.score.CalciumLabel;
import org.calcify.score.CalciumScore;
import org.calcify.volume.Acquisition;
import org.calcify.volume.Volume;
import tools.jackson.databind.JsonNode;

/**
 * What a signature writes into a scan's folder, each file atomically: the reviewed label map
 * ({@code labels-reviewed.nii.gz}, beside the proposed {@code labels.nii.gz}, which is never written), the proposal's
 * scores.json and report.html kept once as scores-proposed.json and report-proposed.html, and scores.json and report.html
 * regenerated from the reviewed map, scored and screened as {@code calcify score} does ({@link ScanScoring}).
 */
final class ReviewSigning {
    private ReviewSigning() {
    }

    static void write(ScanReview review, Volume labels, ReviewState signed, String reader) throws IOException {
        ReviewFiles f = review.files();
        VolumeIO.write(labels, f.reviewedLabels());
        if (!Files.exists(f.proposedScores())) {
            AtomicOutput.write(f.proposedScores(), Files.readAllBytes(f.scores()));
        }
        if (!Files.exists(f.proposedReport()) && Files.isRegularFile(f.report())) {
            AtomicOutput.write(f.proposedReport(), Files.readAllBytes(f.report()));
        }
        Volume ct = review.ct();
        // contrast and sharp kernels were allowed or refused at detection; the reader's signature does not refuse again
        ScanScoring.ScoredScan scored = new ScanScoring(new org.calcify.score.CalciumScorer(review.score().parameters()), true, true)
                .score(review.ctPath(), ct, f.reviewedLabels(), labels);
        CalciumScore score = scored.score();
        JsonNode proposal = JsonFiles.readTree(f.proposedScores());
        Detection detection = detection(review, labels, proposal);
        String model = signed.model();
        String madeBy = "signed by " + reader + " at " + signed.signedAt() + " (review version " + signed.version() + ", "
                + signed.edits().size() + " change(s)); proposed by " + model;
        var mapper = JsonFiles.mapper();
        ScanScores json = new ScanScores(summary(review.name(), proposal, score, detection),
                mapper.treeToValue(proposal.get("scan"), ScanScores.ScanSection.class), score.document(),
                DetectionReport.detections(detection, ct.geometry()), scored.protocol().document(),
                proposal.hasNonNull("anatomy") ? mapper.treeToValue(proposal.get("anatomy"), ScanScores.AnatomySection.class) : null, model,
                reviewSection(signed, reader), ScanDetection.DISCLAIMER, null);
        String html = DetectionReport.html(review.name(), ct, detection, score, madeBy, Map.of(), Acquisition.of(ct), scored.protocol(),
                ScanDetection.DISCLAIMER);
        AtomicOutput.write(f.report(), html.getBytes(StandardCharsets.UTF_8));
        JsonFiles.write(f.scores(), json);
        keepProposedDicom(f.folder());
        updateCohortTable(f.folder());
    }

    /**
     * The cohort's {@code cohort.csv} (written by {@code calcify detect} beside the scan folders), when there is one,
     * with each finished scan's row taken again from its {@code scores.json}: the signed scan's row becomes the
     * reader's scores. Rebuilt whole rather than edited, so that two servers signing two scans of one cohort at
     * once both leave a table that holds every signature; written atomically.
     */
    static void updateCohortTable(Path scanFolder) throws IOException {
        Path cohortCsv = scanFolder.toAbsolutePath().getParent().resolve("cohort.csv");
        if (!Files.isRegularFile(cohortCsv)) {
            return;
        }
        synchronized (ReviewSigning.class) {
            List<CohortRow> rows = new ArrayList<>();
            for (CohortRow row : org.calcify.io.text.CsvFiles.read(cohortCsv, CohortRow.class)) {
                Path dir = cohortCsv.getParent().resolve(row.caseName());
                rows.add(row.status() == org.calcify.app.detect.ScanStatus.OK && ScanDetection.isDone(dir)
                        ? ScanDetection.finishedRow(dir) : row);
            }
            org.calcify.io.text.CsvFiles.write(cohortCsv, rows, CohortRow.class);
        }
    }

    /**
     * A DICOM SEG and SR written from the proposal ({@code detect --dicom-out}, {@code calcify export}) no longer
     * describe the scan once the reader signed: they are kept as the proposal's, {@code seg-proposed.dcm} and
     * {@code sr-proposed.dcm}, as its scores and report are, and {@code calcify export} writes the signed ones. Ones
     * exported after an earlier signature are removed (the export remakes them).
     */
    static void keepProposedDicom(Path folder) throws IOException {
        for (String name : new String[] {DicomExport.SEG_FILE, DicomExport.SR_FILE}) {
            Path current = folder.resolve(name);
            if (!Files.isRegularFile(current)) {
                continue;
            }
            Path proposed = folder.resolve(name.replace(".dcm", "-proposed.dcm"));
            if (Files.exists(proposed)) {
                Files.delete(current);
            } else {
                Files.move(current, proposed, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** The reader's lesions as a detection: every lesion with a class, certain (probability 1). */
    private static Detection detection(ScanReview review, Volume labels, JsonNode proposal) {
        List<DetectedLesion> lesions = new ArrayList<>();
        List<int[]> voxels = review.lesionVoxels();
        List<CalciumLabel> classes = review.currentClasses();
        for (int k = 0; k < voxels.size(); k++) {
            if (classes.get(k) != CalciumLabel.NONE) {
                lesions.add(new DetectedLesion(LesionVoxels.statistics(k + 1, voxels.get(k), review.ct()), classes.get(k), 1.0));
            }
        }
        JsonNode outside = proposal.path("anatomy").path("candidates_outside_heart_region");
        return new Detection(org.calcify.volume.SparseLabelMap.of(labels), lesions, Map.of(), outside.isNumber() ? outside.asInt() : 0);
    }

    private static CohortRow summary(String name, JsonNode proposal, CalciumScore s, Detection d) {
        CohortRow p = JsonFiles.mapper().treeToValue(proposal.get("summary"), CohortRow.class);
        int other = (int) d.lesions().stream().filter(l -> l.label() == CalciumLabel.OTHER_CALCIUM).count();
        var a = s.arteries();
        return new CohortRow(name, p.status(), r(s.total().agatston()), r(s.total().volumeMm3()), r(s.total().massMg()), s.category().label(),
                s.lesions().size(), other, r(a.get(Artery.LM).agatston()), r(a.get(Artery.LAD).agatston()), r(a.get(Artery.LCX).agatston()),
                r(a.get(Artery.RCA).agatston()), p.sliceThicknessMm(), p.kvp(), p.kernel(), p.noiseHu(), p.bloodPoolHu(), p.warnings(),
                p.seconds(), p.message());
    }

    private static ScanScores.ReviewSection reviewSection(ReviewState signed, String reader) {
        return new ScanScores.ReviewSection(ReviewStatus.SIGNED.jsonName(), reader, signed.signedAt(), signed.version(), signed.edits().size(),
                "labels-reviewed.nii.gz", "labels.nii.gz", "scores-proposed.json", "audit.jsonl");
    }

    private static Double r(double v) {
        return ScanReview.round(v, 3);
    }
}
