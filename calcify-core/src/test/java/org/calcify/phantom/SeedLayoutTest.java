package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --seed-layout}: the joblib cohort as Debian's python3-joblib loads it, checked in NumPy
 * against the NIfTI files (nibabel) and cohort.csv, and run through the patch-extraction steps of
 * the forum thread's script.
 */
class SeedLayoutTest {
    private static final String ORACLE = """
            import sys, csv, joblib, numpy as np, nibabel as nib
            d = sys.argv[1]
            rows = list(csv.DictReader(open(d + '/cohort.csv')))
            n = len(rows)
            total_pos = 0
            for k in range(1, 6):
                cts = joblib.load(f'{d}/cross_validation_ct_threshold_{k}.pkl')
                vox = joblib.load(f'{d}/cross_validation_voxel_list_postprocess_{k}.pkl')
                emr = joblib.load(f'{d}/emr_data_{k}.pkl')
                cases = [r for r in rows if int(r['fold']) == k - 1]
                assert len(cts) == len(cases) == len(emr), (k, len(cts), len(cases), len(emr))
                for i, r in enumerate(cases):
                    ct = np.asarray(nib.load(f"{d}/{r['case']}/ct.nii.gz").dataobj).T
                    lab = np.asarray(nib.load(f"{d}/{r['case']}/labels.nii.gz").dataobj).T
                    assert cts[i].dtype == np.int16 and np.array_equal(cts[i], ct)
                    mine = [(z, y, x, a) for (j, z, y, x, a) in vox if j == i]
                    assert all(type(v) is int for t in vox for v in t)
                    for z, y, x, a in mine:
                        assert a == int(1 <= lab[z, y, x] <= 4) and (lab[z, y, x] > 0 or ct[z, y, x] >= 130)
                    labelled = set(zip(*np.nonzero(lab)))
                    assert labelled <= set((z, y, x) for z, y, x, a in mine)
                    total_pos += sum(a for *_, a in mine)
                    e = np.array(emr[i])[[1, 6, 9, 11, 14, 15, 16]]
                    want = [float(r['age']), float(r['sex'] == 'M'), float(r['bmi']), float(r['smoking']),
                            float(r['diabetes']), float(r['hypertension']), float(r['cholesterol_mmol_l'])]
                    assert np.allclose(e, want), (e, want)
                # the thread's patch extraction on the first candidates of the fold
                for image_index, z, y, x, answer in vox[:20]:
                    ct = cts[image_index]
                    start_index = (80 - ct.shape[0]) // 2
                    ext = np.full((80, 512, 512), 0, dtype=np.uint8)
                    ext[start_index:start_index + ct.shape[0], :, :] = np.clip(ct, 0, 255).astype(np.uint8)
                    p = np.pad(ext, ((10, 10), (65, 65), (65, 65)), 'constant', constant_values=0)
                    axial = p[z + 10, y + 65 - 32:y + 65 + 33, x + 65 - 32:x + 65 + 33]
                    assert axial.shape == (65, 65)
            print(n, total_pos)
            """;

    @Test
    void threadCohortMatchesTheNiftiCases(@TempDir Path dir) throws IOException {
        int n = 6;
        PhantomCohort.write(dir, n, 2, PhantomOptions.builder().sizeXy(512).slices(8, 10).build(), true, null);
        String[] out = PythonOracle.run(ORACLE, dir.toString()).trim().split(" ");
        assertThat(Integer.parseInt(out[0])).isEqualTo(n);
        assertThat(Integer.parseInt(out[1])).as("coronary candidates (answer 1)").isPositive();
    }
}
