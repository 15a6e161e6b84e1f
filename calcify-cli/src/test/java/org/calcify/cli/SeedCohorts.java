package org.calcify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;

/** Writes small seed cohorts with Debian's python3-joblib, and runs the forum thread's own script. */
final class SeedCohorts {
    private SeedCohorts() {
    }

    /**
     * A cohort in the thread's layout. {@code spec} is a Python literal: a list of folds, each a list of
     * scans (z, y, x) shapes, e.g. "[[(6, 512, 512), (11, 512, 512)], [(9, 512, 512)]]". Scans hold random
     * HU in -1100..1500 with a few bright 1000 HU markers; voxels are chosen at markers, borders and at
     * random, answers as int, numpy.int64 and bool; EMR rows of 20 floats. {@code compress} is passed to
     * joblib.dump (e.g. "0" or "3").
     */
    static void write(Path dir, String spec, String compress) {
        PythonOracle.run("""
                import sys, ast, os, joblib, numpy as np
                out, spec, compress = sys.argv[1], ast.literal_eval(sys.argv[2]), int(sys.argv[3])
                os.makedirs(out, exist_ok=True)
                rng = np.random.default_rng(5)
                for f, shapes in enumerate(spec, start=1):
                    cts, voxels, emr = [], [], []
                    for i, (nz, ny, nx) in enumerate(shapes):
                        ct = rng.integers(-1100, 1500, size=(nz, ny, nx)).astype(np.int16)
                        pts = [(0, 0, 0), (nz - 1, ny - 1, nx - 1), (nz // 2, ny // 2, nx // 2), (nz - 1, 0, nx - 1)]
                        pts += [(int(rng.integers(nz)), int(rng.integers(ny)), int(rng.integers(nx))) for _ in range(3)]
                        for k, (z, y, x) in enumerate(pts):
                            ans = [1, np.int64(0), True, 0, np.int64(1), False, 1][k]
                            voxels.append((i, z, y, x, ans))
                        cts.append(ct)
                        emr.append([float(v) for v in rng.normal(size=20)])
                    joblib.dump(cts, f'{out}/cross_validation_ct_threshold_{f}.pkl', compress=compress)
                    joblib.dump(voxels, f'{out}/cross_validation_voxel_list_postprocess_{f}.pkl', compress=compress)
                    joblib.dump(emr, f'{out}/emr_data_{f}.pkl', compress=compress)
                """, dir.toString(), spec, compress);
    }

    /** Runs the thread's script (verbatim but for paths and fold count) on a cohort. */
    static void runThreadScript(Path cohort, Path out, int folds) throws IOException {
        String script;
        try (InputStream in = SeedCohorts.class.getResourceAsStream("forum_thread_script.py")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.createDirectories(out);
        PythonOracle.run(script, cohort.toString(), out.toString(), Integer.toString(folds));
    }
}
