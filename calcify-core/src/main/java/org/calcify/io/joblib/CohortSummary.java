package org.calcify.io.joblib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code calcify info} shows for a seed cohort folder: per fold the scans (shape (z, y, x) and dtype),
 * the candidate voxels with their count per answer, and the EMR table's shape.
 */
public record CohortSummary(Path folder, List<Fold> folds) {

    public CohortSummary {
        folds = List.copyOf(folds);
    }

    /** One scan of a fold: NumPy dtype name and shape text "(z, y, x)". */
    public record Scan(String dtype, String shape) {
    }

    /**
     * One fold.
     *
     * @param answerCounts candidate voxels per Python {@code str(answer)}, in first-seen order
     * @param emrColumns   features per EMR row, or -1 if rows differ in length
     */
    public record Fold(int number, List<Scan> scans, int candidates, Map<String, Long> answerCounts, int emrRows,
            int emrColumns) {
        public Fold {
            scans = List.copyOf(scans);
            answerCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answerCounts));
        }
    }

    /** Human-readable lines, one fold per block. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("seed cohort " + folder + ": " + folds.size() + " fold(s)");
        for (Fold f : folds) {
            out.add("fold " + f.number() + ": " + f.scans().size() + " scans, " + f.candidates() + " candidate voxels "
                    + f.answerCounts() + ", EMR " + f.emrRows() + " x " + (f.emrColumns() < 0 ? "ragged" : f.emrColumns()));
            for (int i = 0; i < f.scans().size(); i++) {
                out.add("  scan " + i + ": " + f.scans().get(i).shape() + " " + f.scans().get(i).dtype());
            }
        }
        return out;
    }
}
