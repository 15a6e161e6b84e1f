package org.calcify.io.joblib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NpyReader;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small seed cohort written with joblib.dump at test time (three folds: uncompressed, compress=3 and
 * gzip; scans of several dtypes; answers as int, numpy.int64, bool and float; EMR as list of lists, 2D array
 * and list of 1D arrays). Python prints what it holds (shapes, dtypes, each voxel tuple with str(answer),
 * each EMR value's repr) and saves every scan as .npy; we compare line by line and voxel by voxel.
 */
class SeedCohortTest {
    private static final String WRITE_COHORT = """
            import sys, joblib, numpy as np
            d = sys.argv[1]
            rng = np.random.default_rng(11)
            dtypes = {1: [np.int16, np.int16, np.float32], 2: [np.float64, np.int32, np.int16], 3: [np.float32, np.float64, np.int16]}
            compress = {1: 0, 2: 3, 3: ('gzip', 3)}
            for k in (1, 2, 3):
                scans = []
                for i, t in enumerate(dtypes[k]):
                    a = rng.integers(-1024, 2000, (5 + i + k % 2, 32, 48)).astype(t)
                    if k == 3 and t == np.float64:
                        a = a + 0.25  # not integral: must become FLOAT32
                    scans.append(a)
                    np.save('%s/expect_%d_%d.npy' % (d, k, i), a)
                voxels = []
                for j in range(12):
                    i = int(rng.integers(0, 3)); s = scans[i].shape
                    z, y, x = (int(rng.integers(0, n)) for n in s)
                    answer = [1, 0, np.int64(1), np.int64(0), True, False, 1.0, np.bool_(True)][j % 8] if k != 2 else int(j % 2)
                    voxels.append((i, z, y, x, answer) if j % 3 else (np.int64(i), np.int64(z), y, x, answer))
                emr_rows = rng.standard_normal((3, 17)).round(3)
                emr = {1: [list(map(float, r)) for r in emr_rows], 2: emr_rows, 3: [r for r in emr_rows]}[k]
                joblib.dump(scans, '%s/cross_validation_ct_threshold_%d.pkl' % (d, k), compress=compress[k])
                joblib.dump(voxels, '%s/cross_validation_voxel_list_postprocess_%d.pkl' % (d, k), compress=compress[k])
                joblib.dump(emr, '%s/emr_data_%d.pkl' % (d, k), compress=compress[k])
                print('fold', k, len(scans))
                for i, a in enumerate(scans):
                    print('scan', i, a.dtype.name, a.shape)
                for v in voxels:
                    print('voxel', *(int(t) for t in v[:4]), ('' if type(v[4]).__module__ == 'builtins' else type(v[4]).__module__ + '.') + type(v[4]).__name__, str(v[4]))
                for r in emr:
                    print('emr', *(repr(float(x)) for x in r))
            """;

    @TempDir
    static Path dir;
    static List<String> pythonLines;

    @BeforeAll
    static void writeCohort() {
        pythonLines = List.of(PythonOracle.run(WRITE_COHORT, dir.toString()).strip().split("\n"));
    }

    @Test
    void readsEveryFoldLikePython() throws IOException {
        assertThat(SeedCohort.isCohortFolder(dir)).isTrue();
        assertThat(new JoblibFormat().canRead(dir)).isFalse();
        SeedCohort cohort = SeedCohort.open(dir);
        assertThat(cohort.foldNumbers()).containsExactly(1, 2, 3);
        List<String> ours = new ArrayList<>();
        for (int k : cohort.foldNumbers()) {
            CohortFold fold = cohort.fold(k);
            ours.add("fold " + k + " " + fold.scanCount());
            for (int i = 0; i < fold.scanCount(); i++) {
                NdArray a = fold.scanArray(i);
                ours.add("scan " + i + " " + a.dtype().numpyName() + " " + a.shapeText());
            }
            for (CandidateVoxel c : fold.candidates()) {
                ours.add("voxel " + c.imageIndex() + " " + c.z() + " " + c.y() + " " + c.x() + " " + c.answerType() + " " + c.answerText());
            }
            for (double[] row : fold.emrRows()) {
                StringBuilder sb = new StringBuilder("emr");
                for (double v : row) {
                    sb.append(' ').append(PythonText.floatRepr(v));
                }
                ours.add(sb.toString());
            }
        }
        assertThat(ours).containsExactlyElementsOf(pythonLines);
    }

    @Test
    void scansBecomeInt16WhenIntegralElseFloat32VoxelByVoxel() throws IOException {
        SeedCohort cohort = SeedCohort.open(dir);
        for (int k : cohort.foldNumbers()) {
            CohortFold fold = cohort.fold(k);
            for (int i = 0; i < fold.scanCount(); i++) {
                NdArray expected = NpyReader.read(dir.resolve("expect_" + k + "_" + i + ".npy"));
                Volume v = fold.scan(i);
                boolean fractional = k == 3 && i == 1;
                assertThat(v.type()).as("fold %d scan %d", k, i).isEqualTo(fractional ? DataType.FLOAT32 : DataType.INT16);
                assertThat(v.metadata()).containsEntry("source.dtype", expected.dtype().numpyName());
                assertThat(v.geometry().shapeZyx()).containsExactly(expected.shape());
                for (int j = 0; j < expected.size(); j++) {
                    double want = fractional ? (float) expected.getDouble(j) : expected.getDouble(j);
                    if (v.valueAt(j) != want) {
                        throw new AssertionError("fold " + k + " scan " + i + " voxel " + j + ": " + v.valueAt(j) + " != " + want);
                    }
                }
            }
        }
    }

    @Test
    void summarisesForCalcifyInfo() throws IOException {
        CohortSummary s = SeedCohort.open(dir).summary();
        assertThat(s.folds()).hasSize(3);
        CohortSummary.Fold f1 = s.folds().get(0);
        assertThat(f1.scans()).hasSize(3);
        assertThat(f1.emrRows()).isEqualTo(3);
        assertThat(f1.emrColumns()).isEqualTo(17);
        long pythonVoxels = pythonLines.stream().takeWhile(l -> !l.startsWith("fold 2")).filter(l -> l.startsWith("voxel")).count();
        assertThat(f1.candidates()).isEqualTo((int) pythonVoxels);
        long ones = pythonLines.stream().takeWhile(l -> !l.startsWith("fold 2")).filter(l -> l.startsWith("voxel") && l.endsWith(" 1")).count();
        assertThat(f1.answerCounts().get("1")).isEqualTo(ones);
        assertThat(s.lines()).anyMatch(l -> l.startsWith("fold 2: 3 scans, 12 candidate voxels"));
    }

    @Test
    void refusesInconsistentCohortsWithClearErrors(@TempDir Path bad) throws IOException {
        PythonOracle.run("""
                import sys, os, joblib, numpy as np
                d = sys.argv[1]
                scans = [np.zeros((5, 8, 9), np.int16), np.zeros((6, 8, 9), np.int16)]
                def fold(name, voxels, emr, skip=None):
                    os.makedirs(d + '/' + name)
                    files = {'cross_validation_ct_threshold_1.pkl': scans, 'cross_validation_voxel_list_postprocess_1.pkl': voxels,
                             'emr_data_1.pkl': emr}
                    for f, v in files.items():
                        if f != skip:
                            joblib.dump(v, d + '/' + name + '/' + f)
                fold('outside', [(0, 1, 2, 3, 1), (1, 6, 0, 0, 0)], [[1.0], [2.0]])
                fold('index', [(2, 0, 0, 0, 1)], [[1.0], [2.0]])
                fold('emr', [(0, 0, 0, 0, 1)], [[1.0], [2.0], [3.0]])
                fold('missing', [(0, 0, 0, 0, 1)], [[1.0], [2.0]], skip='emr_data_1.pkl')
                """, bad.toString());
        assertThatThrownBy(() -> SeedCohort.open(bad.resolve("outside")).fold(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("entry 1: voxel (z, y, x) = (6, 0, 0) is outside scan 1 of shape (6, 8, 9)");
        assertThatThrownBy(() -> SeedCohort.open(bad.resolve("index")).fold(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("image_index 2 is out of range (fold has 2 scans)");
        assertThatThrownBy(() -> SeedCohort.open(bad.resolve("emr")).fold(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has 3 EMR rows but fold 1 has 2 scans");
        assertThatThrownBy(() -> SeedCohort.open(bad.resolve("missing"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fold 1 lacks emr_data_1.pkl");
        assertThat(SeedCohort.isCohortFolder(bad)).isFalse();
        assertThat(Files.exists(bad.resolve("outside/emr_data_1.pkl"))).isTrue();
    }
}
