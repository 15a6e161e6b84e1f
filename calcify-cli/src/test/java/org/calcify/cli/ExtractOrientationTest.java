package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training patches are cut in patient order, as {@code detect} cuts them: the same voxels of a scan stored LPS
 * and stored RAS with its rows and columns swapped (both written by nibabel, voxels mapped by nibabel) give
 * byte-identical tri-planar patches and context cubes.
 */
class ExtractOrientationTest {
    @Test
    void sameVoxelsInAnotherStorageGiveTheSamePatches(@TempDir Path dir) throws Exception {
        CliRunner p = CliRunner.run("phantom", "--out", dir.resolve("phantom").toString(), "--count", "1", "--seed", "12", "--size", "128",
                "--slices", "24-24");
        assertThat(p.exitCode()).as(p.err()).isZero();
        PythonOracle.run("""
                import sys, numpy as np, nibabel as nib
                from nibabel.orientations import io_orientation, axcodes2ornt, ornt_transform, apply_orientation, inv_ornt_aff
                src, out = sys.argv[1], sys.argv[2]
                im = nib.load(src)
                a = np.asarray(im.dataobj)
                t = ornt_transform(io_orientation(im.affine), axcodes2ornt(tuple('ARS')))
                b = apply_orientation(a, t)
                nib.save(im, f"{out}/lps.nii.gz")
                img = nib.Nifti1Image(b, im.affine @ inv_ornt_aff(t, a.shape)); img.set_data_dtype(np.int16)
                nib.save(img, f"{out}/ars.nii.gz")
                rng = np.random.default_rng(5)
                ijk = np.stack([rng.integers(0, n, 30) for n in a.shape], 1)  # nibabel (x, y, z) indices
                world = nib.affines.apply_affine(im.affine, ijk)
                ijk2 = np.rint(nib.affines.apply_affine(np.linalg.inv(img.affine), world)).astype(int)
                assert all(a[tuple(u)] == b[tuple(v)] for u, v in zip(ijk, ijk2))
                for name, idx in (('lps', ijk), ('ars', ijk2)):
                    with open(f"{out}/{name}.csv", 'w') as f:
                        f.write('scan,z,y,x,label\\n')
                        for x, y, z in idx:
                            f.write(f"0,{z},{y},{x},0\\n")
                """, dir.resolve("phantom/case-0000/ct.nii.gz").toString(), dir.toString());
        for (String s : new String[] {"lps", "ars"}) {
            CliRunner r = CliRunner.run("extract", "--scan", dir.resolve(s + ".nii.gz").toString(), "--voxels", dir.resolve(s + ".csv").toString(),
                    "--size", "9,17,17", "--context", "--output", dir.resolve("out-" + s).toString(), "--quiet");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        }
        String verdict = PythonOracle.run("""
                import sys, numpy as np
                d = sys.argv[1]
                for f in ['axial.npy', 'sagittal.npy', 'coronal.npy', 'context.npy']:
                    a, b = np.load(f"{d}/out-lps/{f}"), np.load(f"{d}/out-ars/{f}")
                    assert a.shape == b.shape and a.shape[0] == 30, (f, a.shape, b.shape)
                    assert a.std() > 0, f
                    assert np.array_equal(a, b), (f, int((a != b).sum()))
                print('ok')
                """, dir.toString());
        assertThat(verdict.trim()).isEqualTo("ok");
    }
}
