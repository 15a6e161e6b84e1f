package org.calcify.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.joblib.CohortSummary;
import org.calcify.io.joblib.SeedCohort;

/** {@code calcify info} on the forum thread's joblib cohort folder: folds, scans, voxels and EMR. */
final class CohortDescription {
    private CohortDescription() {
    }

    static boolean isCohort(Path path) throws IOException {
        return SeedCohort.isCohortFolder(path);
    }

    static Map<String, Object> of(Path path) throws IOException {
        CohortSummary summary = SeedCohort.open(path).summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("format", "joblib seed cohort");
        m.put("folds", summary.folds().size());
        int scans = 0;
        int voxels = 0;
        List<Object> folds = new ArrayList<>();
        for (CohortSummary.Fold f : summary.folds()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("fold", f.number());
            fm.put("scans", f.scans().size());
            List<Object> shapes = new ArrayList<>();
            for (CohortSummary.Scan s : f.scans()) {
                shapes.add(s.shape() + " " + s.dtype());
            }
            fm.put("scan_shapes_zyx", shapes);
            fm.put("voxels", f.candidates());
            fm.put("voxels_per_answer", new LinkedHashMap<>(f.answerCounts()));
            fm.put("emr_shape", f.emrRows() + " x " + (f.emrColumns() < 0 ? "ragged" : Integer.toString(f.emrColumns())));
            folds.add(fm);
            scans += f.scans().size();
            voxels += f.candidates();
        }
        m.put("scans", scans);
        m.put("voxels", voxels);
        m.put("per_fold", folds);
        return m;
    }
}
