package org.calcify.app.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.app.io.JsonFiles;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomFormat;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.io.dicom.write.DerivedInstance;
import org.calcify.io.dicom.write.DicomDataset;
import org.calcify.io.dicom.write.DicomFileWriter;
import org.calcify.io.dicom.write.Segmentation;
import org.calcify.report.dicom.CalciumFindings;
import org.calcify.report.dicom.CalciumReport;
import org.calcify.report.dicom.CalciumSegments;
import org.calcify.score.Artery;
import org.calcify.score.ScoreTriple;
import org.calcify.volume.Volume;
import tools.jackson.databind.JsonNode;

/**
 * Turns the output folder of one scan of {@code calcify detect} ({@code scores.json} and {@code labels.nii.gz})
 * into DICOM next to them: {@code seg.dcm}, a binary Segmentation of the label map on the source series'
 * grid (only when the scan has calcium), and {@code sr.dcm}, a TID 1500 Measurement Report of the scores
 * whose groups reference the SEG's segments. The source series is read again (headers only) from the path
 * {@code scores.json} names; it must be the DICOM series the labels were made on. Both files are encoded in
 * memory first and written under temporary names; a failure leaves neither.
 */
public final class DicomExport {
    /** The files an export writes into a scan's folder. */
    public static final String SEG_FILE = "seg.dcm";
    public static final String SR_FILE = "sr.dcm";
    /** SeriesNumber of the SEG and SR series (the source series number plus these is not known to be free). */
    static final int SEG_SERIES_NUMBER = 9901;
    static final int SR_SERIES_NUMBER = 9902;

    /** What was written: the files, and the number of segments in the SEG (0 when none was written). */
    public record Result(List<Path> files, int segments) {
    }

    private DicomExport() {
    }

    /**
     * After {@code detect --dicom-out} has detected one scan into {@code dir}: its SEG and SR when the scan is a DICOM
     * series. Returns why nothing was written (the scan is not a DICOM series), or empty when both were.
     */
    public static java.util.Optional<String> afterDetection(Path dir, Path scan, String version) throws IOException {
        if (!new DicomFormat().canRead(scan)) {
            return java.util.Optional.of(scan + " is not a DICOM series");
        }
        export(dir, scan, version);
        return java.util.Optional.empty();
    }

    /**
     * Exports the scan folder {@code dir}.
     *
     * @param version Calcify's version, for the algorithm identification and the equipment modules
     * @param source  the source series, or null for the path in scores.json
     */
    public static Result export(Path dir, Path source, String version) throws IOException {
        Path scoresJson = dir.resolve("scores.json");
        if (!Files.isRegularFile(scoresJson)) {
            throw new InvalidInputException(scoresJson, "missing: not the output folder of one scan of calcify detect");
        }
        JsonNode scores = JsonFiles.readTree(scoresJson);
        Path labelsFile = labelsOf(dir, scoresJson, scores);
        if (!Files.isRegularFile(labelsFile)) {
            throw new InvalidInputException(labelsFile, "missing: not the output folder of one scan of calcify detect");
        }
        Path scanPath = source != null ? source : Path.of(text(scoresJson, scores, "scan", "path"));
        if (!Files.exists(scanPath)) {
            throw new InvalidInputException(scanPath, "the scan's source (named in " + scoresJson + ") is not there: give it with --source");
        }
        if (!new DicomFormat().canRead(scanPath)) {
            throw new InvalidInputException(scanPath, "not a DICOM series: a DICOM SEG and SR must reference the source series' UIDs");
        }
        DicomSeriesReference ref = DicomSeriesReference.read(scanPath, null);
        Volume labels = VolumeIO.read(labelsFile);
        if (!ref.geometry().sameGrid(labels.geometry(), 1e-3)) {
            throw new InvalidInputException(labelsFile, "grid " + labels.geometry() + " is not the grid of the DICOM series " + scanPath
                    + " (" + ref.geometry() + ")");
        }
        labels = labels.withGeometry(ref.geometry()); // the NIfTI's float affine, exactly the series' again
        CalciumFindings findings = findings(scoresJson, scores);

        List<Segmentation.Segment> present = Segmentation.present(labels, CalciumSegments.ALL);
        byte[] seg = null;
        CalciumReport.SegmentationLink link = null;
        if (!present.isEmpty()) {
            DerivedInstance segInstance = DerivedInstance.of(SEG_SERIES_NUMBER, "Calcify calcium segmentation", "CALCIUM",
                    "Coronary calcium found by Calcify", version);
            DicomDataset d = Segmentation.build(ref, labels, present, CalciumSegments.algorithm(version, findings.model()), segInstance);
            seg = DicomFileWriter.encode(d);
            Map<Integer, Integer> numbers = new LinkedHashMap<>();
            for (int i = 0; i < present.size(); i++) {
                numbers.put(present.get(i).labelValue(), i + 1);
            }
            link = new CalciumReport.SegmentationLink(segInstance.seriesInstanceUid(), segInstance.sopInstanceUid(), numbers);
        }
        DerivedInstance srInstance = DerivedInstance.of(SR_SERIES_NUMBER, "Calcify calcium score report", "CALCIUM",
                "Coronary calcium score", version);
        byte[] sr = DicomFileWriter.encode(CalciumReport.build(ref, findings, link, version, srInstance));

        List<Path> written = new ArrayList<>();
        Path segPath = dir.resolve(SEG_FILE);
        Path srPath = dir.resolve(SR_FILE);
        boolean done = false;
        try {
            if (seg != null) {
                AtomicOutput.write(segPath, seg);
                written.add(segPath);
            } else {
                Files.deleteIfExists(segPath); // an older export's SEG would not match this report
            }
            AtomicOutput.write(srPath, sr);
            written.add(srPath);
            done = true;
        } finally {
            if (!done) {
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return new Result(written, present.size());
    }

    /**
     * The label map that {@code scores.json} scores: the reader's map once a review was signed ({@code review.labels},
     * a file beside it, {@code calcify serve}), else the proposal, {@code labels.nii.gz}.
     */
    static Path labelsOf(Path dir, Path scoresJson, JsonNode scores) throws InvalidInputException {
        String reviewed = scores.path("review").path("labels").asString(null);
        if (reviewed == null || reviewed.isEmpty()) {
            return dir.resolve("labels.nii.gz");
        }
        if (reviewed.contains("/") || reviewed.contains("\\") || reviewed.startsWith(".")) {
            throw new InvalidInputException(scoresJson, "review.labels '" + reviewed + "' is not a file beside it");
        }
        return dir.resolve(reviewed);
    }

    /** The findings that scores.json holds (the summary, the arteries, the lesions and the protocol). */
    static CalciumFindings findings(Path file, JsonNode s) throws InvalidInputException {
        ScoreTriple total = triple(file, s, "");
        Map<Artery, ScoreTriple> arteries = new EnumMap<>(Artery.class);
        Map<Artery, Integer> counts = new EnumMap<>(Artery.class);
        JsonNode arts = s.get("arteries");
        for (Artery a : Artery.values()) {
            JsonNode n = arts == null ? null : arts.get(a.name());
            if (n == null) {
                throw new InvalidInputException(file, "has no scores for " + a.name() + " under \"arteries\"");
            }
            arteries.put(a, triple(file, n, "arteries." + a.name() + "."));
            counts.put(a, 0);
        }
        JsonNode lesions = s.get("lesions");
        if (lesions == null || !lesions.isArray()) {
            throw new InvalidInputException(file, "has no \"lesions\" list");
        }
        for (JsonNode l : lesions) {
            try {
                counts.merge(Artery.valueOf(l.path("artery").asString()), 1, Integer::sum);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file, "lesion with unknown artery '" + l.path("artery").asString() + "'");
            }
        }
        List<String> warnings = new ArrayList<>();
        for (JsonNode f : s.path("protocol").path("findings")) {
            if ("warning".equals(f.path("severity").asString())) {
                warnings.add(f.path("message").asString());
            }
        }
        JsonNode category = s.get("category");
        if (category == null || !category.isString()) {
            throw new InvalidInputException(file, "has no risk \"category\"");
        }
        int other = s.path("summary").path("other_calcium").asInt(0);
        JsonNode model = s.get("model");
        String signedBy = s.path("review").path("signed_by").asString(null);
        return new CalciumFindings(total, category.asString(), lesions.size(), arteries, counts, other, warnings,
                model == null || model.isNull() ? "" : model.isString() ? model.asString() : model.toString(),
                "signed".equals(s.path("review").path("status").asString(null)) ? signedBy : null);
    }

    private static ScoreTriple triple(Path file, JsonNode n, String where) throws InvalidInputException {
        return new ScoreTriple(number(file, n, "agatston", where), number(file, n, "volume_mm3", where), number(file, n, "mass_mg", where));
    }

    private static double number(Path file, JsonNode n, String key, String where) throws InvalidInputException {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
            throw new InvalidInputException(file, "\"" + where + key + "\" is missing or not a number >= 0");
        }
        return v.asDouble();
    }

    private static String text(Path file, JsonNode n, String... path) throws InvalidInputException {
        JsonNode v = n;
        for (String p : path) {
            v = v.path(p);
        }
        if (!v.isString() || v.asString().isEmpty()) {
            throw new InvalidInputException(file, "has no \"" + String.join(".", path) + "\"");
        }
        return v.asString();
    }
}
