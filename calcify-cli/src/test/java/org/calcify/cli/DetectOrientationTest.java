package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same chest stored in other axis orders (as nibabel, dcm2niix and other tools write NIfTI) is the same
 * patient: {@code detect} with the bundled model must find the same lesions, label them with the same
 * arteries and give the same scores. Before the network's patches were cut in patient order, a scan stored
 * with x reversed showed the network a mirrored heart (the real chest's x-reversed copy scored 33 instead of 0).
 * Before scans stored in sagittal or coronal slices were reordered into axial ones, they were refused ("slices are
 * not axial").
 */
class DetectOrientationTest {
    /**
     * LPS (a DICOM series' order), RAS (nibabel), LAS (dcm2niix), rows and columns swapped, slices reversed, and
     * sagittal (SPL) and coronal (LSA) slices: the last two are detected and scored as their axial slices.
     */
    static final String[] STORAGES = {"RAS", "LAS", "PLS", "RPI", "SPL", "LSA"};

    @Test
    void everyStorageGivesTheSameLesionsAndScores(@TempDir Path dir) throws Exception {
        Path scans = dir.resolve("scans");
        CliRunner p = CliRunner.run("phantom", "--out", dir.resolve("phantom").toString(), "--count", "1", "--seed", "11", "--size", "256");
        assertThat(p.exitCode()).as(p.err()).isZero();
        Files.createDirectories(scans);
        // nibabel writes every storage from the phantom's own file (LPS), with its own affine arithmetic
        PythonOracle.run("""
                import sys, shutil, numpy as np, nibabel as nib
                from nibabel.orientations import io_orientation, axcodes2ornt, ornt_transform, apply_orientation, inv_ornt_aff, aff2axcodes
                src, out = sys.argv[1], sys.argv[2]
                im = nib.load(src)
                assert aff2axcodes(im.affine) == ('L', 'P', 'S'), aff2axcodes(im.affine)
                a = np.asarray(im.dataobj)
                shutil.copy(src, f"{out}/LPS.nii.gz")
                for codes in sys.argv[3:]:
                    t = ornt_transform(io_orientation(im.affine), axcodes2ornt(tuple(codes)))
                    img = nib.Nifti1Image(apply_orientation(a, t), im.affine @ inv_ornt_aff(t, a.shape))
                    img.set_data_dtype(np.int16)
                    nib.save(img, f"{out}/{codes}.nii.gz")
                """, withArgs(dir.resolve("phantom/case-0000/ct.nii.gz").toString(), scans.toString()));
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("detect", "--input", scans.toString(), "--out", out.toString(), "--threads", "2", "--quiet");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, json, csv, numpy as np, nibabel as nib
                from nibabel.orientations import io_orientation, axcodes2ornt, ornt_transform, apply_orientation
                out = sys.argv[1]
                def lps(case):
                    im = nib.load(f"{out}/{case}/labels.nii.gz")
                    t = ornt_transform(io_orientation(im.affine), axcodes2ornt(tuple('LPS')))
                    return apply_orientation(np.asarray(im.dataobj), t)
                ref = lps('LPS')
                assert (ref > 0).sum() > 0, 'the phantom case must have detected calcium'
                rows = {r['case']: r for r in csv.DictReader(open(f"{out}/cohort.csv"))}
                cols = ['agatston', 'volume_mm3', 'mass_mg', 'category', 'lesions', 'agatston_LM', 'agatston_LAD', 'agatston_LCX', 'agatston_RCA']
                for case in sys.argv[2:]:
                    lab = lps(case)
                    diff = int((lab != ref).sum())
                    assert diff == 0, f"{case}: {diff} voxels labelled differently from LPS"
                    for c in cols:
                        assert rows[case][c] == rows['LPS'][c], (case, c, rows[case][c], rows['LPS'][c])
                print('ok', int((ref > 0).sum()), rows['LPS']['agatston'])
                """, withArgs(out.toString()));
        assertThat(verdict).startsWith("ok");
        // score reads the sagittal scan with the LPS scan's label map (another grid of the same voxels) and with its own
        // (the axial grid detect wrote it on): both are the LPS scores
        String lpsAgatston = verdict.strip().split(" ")[2];
        for (String labels : new String[] {"LPS", "SPL"}) {
            CliRunner s = CliRunner.run("score", "--ct", scans.resolve("SPL.nii.gz").toString(), "--labels",
                    out.resolve(labels).resolve("labels.nii.gz").toString(), "--json");
            assertThat(s.exitCode()).as(s.err()).isZero();
            assertThat(org.calcify.io.text.JsonFiles.mapper().readTree(s.out()).path("agatston").asDouble()).as(labels)
                    .isEqualTo(Double.parseDouble(lpsAgatston));
        }
        // render draws each view from the plane it is named: the sagittal and the coronal storage give the LPS picture
        byte[] lpsPng = null;
        for (String storage : new String[] {"LPS", "SPL", "LSA"}) {
            Path png = dir.resolve(storage + ".png");
            CliRunner v = CliRunner.run("render", "scan", scans.resolve(storage + ".nii.gz").toString(), "--labels",
                    out.resolve("LPS").resolve("labels.nii.gz").toString(), "--out", png.toString());
            assertThat(v.exitCode()).as(v.err()).isZero();
            if (lpsPng == null) {
                lpsPng = Files.readAllBytes(png);
            } else {
                assertThat(Files.readAllBytes(png)).as(storage).isEqualTo(lpsPng);
            }
        }
    }

    private static String[] withArgs(String... first) {
        String[] out = java.util.Arrays.copyOf(first, first.length + STORAGES.length);
        System.arraycopy(STORAGES, 0, out, first.length, STORAGES.length);
        return out;
    }
}
