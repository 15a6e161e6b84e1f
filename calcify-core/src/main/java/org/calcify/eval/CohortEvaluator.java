package org.calcify.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.CsvTable;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.score.ScoreTriple;
import org.calcify.volume.Volume;

/**
 * Evaluates predictions against the truth. Each side is either a folder of cases
 * ({@code NAME/labels.nii.gz}, else {@code NAME/seg.dcm} read by the {@link LabelSource} given; the truth side
 * also {@code NAME/ct.nii.gz}; a predicted case without
 * its own CT is scored on the true CT) or a CSV with a {@code case} column and {@code agatston}
 * (optionally {@code volume_mm3}, {@code mass_mg}, {@code agatston_LM} ...) columns, such as
 * {@code cohort.csv} or {@code per_case}-style score tables. Folders give lesion-, voxel- and
 * scan-level metrics, CSVs scan-level only.
 */
public final class CohortEvaluator {
    /** A case's label map file, in the order looked for. */
    static final List<String> LABEL_FILES = List.of("labels.nii.gz", "seg.dcm");

    /** Reads a case's label map for its CT (a DICOM SEG needs the CT's grid). */
    @FunctionalInterface
    public interface LabelSource {
        Volume read(Path labels, Path ctPath, Volume ct) throws IOException;
    }

    private final CalciumScorer scorer;
    private final LabelSource labelSource;

    /** An evaluator that reads label maps with {@link VolumeIO} (a SEG is refused there). */
    public CohortEvaluator(CalciumScorer scorer) {
        this(scorer, (labels, ctPath, ct) -> VolumeIO.read(labels));
    }

    public CohortEvaluator(CalciumScorer scorer, LabelSource labelSource) {
        this.scorer = scorer;
        this.labelSource = labelSource;
    }

    /** The label map file of case folder {@code dir} ({@link #LABEL_FILES}), or null. */
    static Path labelsOf(Path dir) {
        for (String name : LABEL_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    public Metrics evaluate(Path predicted, Path truth) throws IOException {
        boolean predDir = Files.isDirectory(predicted);
        boolean truthDir = Files.isDirectory(truth);
        if (!Files.exists(predicted)) {
            throw new InvalidInputException(predicted, "no such file or folder");
        }
        if (!Files.exists(truth)) {
            throw new InvalidInputException(truth, "no such file or folder");
        }
        if (predDir && truthDir) {
            return evaluateFolders(predicted, truth);
        }
        ScoreTable p = predDir ? new ScoreTable(scoreFolder(predicted, truthDir ? truth : null), Map.of()) : readTable(predicted);
        ScoreTable t = truthDir ? new ScoreTable(scoreFolder(truth, null), Map.of()) : readTable(truth);
        if (!t.notScored().isEmpty()) {
            Map.Entry<String, String> e = t.notScored().entrySet().iterator().next();
            throw new InvalidInputException(truth, "case " + e.getKey() + " has no true scores (" + e.getValue() + ")");
        }
        List<CaseResult> out = new ArrayList<>();
        for (Map.Entry<String, ScanScores> e : t.scores().entrySet()) {
            ScanScores ps = p.scores().get(e.getKey());
            if (ps == null && p.notScored().containsKey(e.getKey())) {
                throw new InvalidInputException(predicted, "case " + e.getKey() + " was not scored (" + p.notScored().get(e.getKey())
                        + "): leave it out of the truth or redo it");
            }
            if (ps == null) {
                throw new InvalidInputException(predicted, "no prediction for case " + e.getKey());
            }
            out.add(new CaseResult(e.getKey(), e.getValue(), ps, null));
        }
        return new Metrics(out);
    }

    private Metrics evaluateFolders(Path predicted, Path truth) throws IOException {
        List<String> names = caseNames(truth);
        List<CaseResult> out = new ArrayList<>();
        for (String name : names) {
            Path tDir = truth.resolve(name);
            Path pDir = predicted.resolve(name);
            Path pLabels = labelsOf(pDir);
            if (pLabels == null) {
                throw new InvalidInputException(pDir.resolve("labels.nii.gz"), "no prediction for case " + name + " (nor seg.dcm)");
            }
            Volume ct = VolumeIO.read(tDir.resolve("ct.nii.gz"));
            CalciumScore t = score(ct, tDir.resolve("ct.nii.gz"), labelsOf(tDir));
            Path pCt = Files.isRegularFile(pDir.resolve("ct.nii.gz")) ? pDir.resolve("ct.nii.gz") : tDir.resolve("ct.nii.gz");
            Volume predCt = pCt.equals(tDir.resolve("ct.nii.gz")) ? ct : VolumeIO.read(pCt);
            CalciumScore p = score(predCt, pCt, pLabels);
            out.add(new CaseResult(name, ScanScores.of(t), ScanScores.of(p), CaseComparison.of(t, p)));
        }
        return new Metrics(out);
    }

    private CalciumScore score(Volume ct, Path ctPath, Path labelsPath) throws IOException {
        Volume labels = labelSource.read(labelsPath, ctPath, ct);
        try {
            return scorer.score(ct, labels);
        } catch (InvalidScanException e) {
            throw new InvalidInputException(e.part() == InvalidScanException.Part.CT ? ctPath : labelsPath, e.getMessage());
        }
    }

    private Map<String, ScanScores> scoreFolder(Path dir, Path ctFallbackDir) throws IOException {
        Map<String, ScanScores> out = new LinkedHashMap<>();
        for (String name : caseNames(dir)) {
            Path ctPath = dir.resolve(name).resolve("ct.nii.gz");
            if (!Files.isRegularFile(ctPath) && ctFallbackDir != null) {
                ctPath = ctFallbackDir.resolve(name).resolve("ct.nii.gz");
            }
            Volume ct = VolumeIO.read(ctPath);
            out.put(name, ScanScores.of(score(ct, ctPath, labelsOf(dir.resolve(name)))));
        }
        return out;
    }

    /** Sub-folders holding a labels.nii.gz or a seg.dcm, sorted by name. */
    static List<String> caseNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> labelsOf(p) != null)
                    .forEach(p -> names.add(p.getFileName().toString()));
        }
        if (names.isEmpty()) {
            throw new InvalidInputException(dir, "no case folders (NAME/labels.nii.gz or NAME/seg.dcm) found");
        }
        names.sort(null);
        return names;
    }

    /**
     * Reads a score table: a header with {@code case} and {@code agatston}, one row per case. A table with a
     * {@code status} column ({@code calcify detect}'s cohort.csv) may hold scans that were not scored
     * (status other than {@code ok}, no scores): they are left out, and a case that needs them is an error
     * naming the status and its message.
     */
    static Map<String, ScanScores> readCsv(Path csv) throws IOException {
        return readTable(csv).scores();
    }

    /** The scored cases of a score table, and the status of each case that was not scored. */
    record ScoreTable(Map<String, ScanScores> scores, Map<String, String> notScored) {
    }

    static ScoreTable readTable(Path csv) throws IOException {
        CsvTable t = CsvTable.read(csv);
        int caseCol = t.column("case");
        int aCol = t.column("agatston");
        if (caseCol < 0 || aCol < 0) {
            throw new InvalidInputException(csv, "CSV needs 'case' and 'agatston' columns, header is: " + String.join(",", t.header()));
        }
        int statusCol = t.column("status");
        int vCol = t.column("volume_mm3");
        int mCol = t.column("mass_mg");
        int lCol = t.column("lesions");
        Map<String, ScanScores> out = new LinkedHashMap<>();
        Map<String, String> notScored = new LinkedHashMap<>();
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> f = t.rows().get(r);
            String name = f.get(caseCol).trim();
            if (out.containsKey(name) || notScored.containsKey(name)) {
                throw new InvalidInputException(csv, "case " + name + " appears twice");
            }
            if (statusCol >= 0 && !"ok".equalsIgnoreCase(f.get(statusCol).trim())) {
                String message = t.column("message") < 0 ? "" : f.get(t.column("message")).trim();
                notScored.put(name, f.get(statusCol).trim() + (message.isEmpty() ? "" : ": " + message));
                continue;
            }
            ScoreTriple total = new ScoreTriple(number(csv, r, f, aCol), number(csv, r, f, vCol), number(csv, r, f, mCol));
            Map<Artery, ScoreTriple> arts = new EnumMap<>(Artery.class);
            for (Artery a : Artery.values()) {
                int c = t.column("agatston_" + a.name());
                if (c >= 0) {
                    arts.put(a, new ScoreTriple(number(csv, r, f, c), Double.NaN, Double.NaN));
                }
            }
            int lesions = lCol < 0 || f.get(lCol).isBlank() ? -1 : (int) number(csv, r, f, lCol);
            out.put(name, new ScanScores(total, arts.size() == 4 ? arts : Map.of(), lesions));
        }
        if (out.isEmpty() && notScored.isEmpty()) {
            throw new InvalidInputException(csv, "CSV has no cases");
        }
        return new ScoreTable(out, notScored);
    }

    private static double number(Path csv, int row, List<String> f, int col) throws InvalidInputException {
        if (col < 0) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(f.get(col).trim());
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(csv, "line " + (row + 2) + ": '" + f.get(col) + "' is not a score >= 0");
        }
    }
}
