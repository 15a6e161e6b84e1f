package org.calcify.app.info;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.joblib.CohortSummary;
import org.calcify.io.joblib.SeedCohort;

/**
 * The forum thread's joblib cohort folder as {@code calcify info} describes it: folds, scans, voxels and EMR.
 *
 * @param scans  scans over all folds
 * @param voxels candidate voxels over all folds
 */
public record CohortInfo(String path, String format, int folds, int scans, int voxels, List<Fold> perFold) implements PathInfo {

    /**
     * One fold.
     *
     * @param scanShapesZyx   each scan's shape and type, as NumPy writes them
     * @param voxelsPerAnswer candidate voxels per answer (Python's {@code str(answer)}), in first-seen order
     * @param emrShape        rows x columns of its EMR table ({@code ragged} when rows differ)
     */
    public record Fold(int fold, int scans, List<String> scanShapesZyx, int voxels, Map<String, Long> voxelsPerAnswer, String emrShape) {
    }

    /** True when {@code path} is such a cohort folder. */
    public static boolean isCohort(Path path) throws IOException {
        return SeedCohort.isCohortFolder(path);
    }

    /** The description of the cohort folder at {@code path}. */
    public static CohortInfo of(Path path) throws IOException {
        CohortSummary summary = SeedCohort.open(path).summary();
        int scans = 0;
        int voxels = 0;
        List<Fold> folds = new ArrayList<>();
        for (CohortSummary.Fold f : summary.folds()) {
            List<String> shapes = new ArrayList<>();
            for (CohortSummary.Scan s : f.scans()) {
                shapes.add(s.shape() + " " + s.dtype());
            }
            folds.add(new Fold(f.number(), f.scans().size(), shapes, f.candidates(), new LinkedHashMap<>(f.answerCounts()),
                    f.emrRows() + " x " + (f.emrColumns() < 0 ? "ragged" : Integer.toString(f.emrColumns()))));
            scans += f.scans().size();
            voxels += f.candidates();
        }
        return new CohortInfo(path.toString(), "joblib seed cohort", summary.folds().size(), scans, voxels, folds);
    }
}
