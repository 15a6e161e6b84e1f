package org.calcify.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One random volume written by nibabel in patient order (LPS) and in eleven other storages (axes reversed
 * and permuted, with nibabel's own affine for each): read back and put in patient order, every one must be
 * the LPS file voxel for voxel, on the same grid.
 */
class PatientOrderTest {
    static final String[] STORAGES = {"LPS", "RAS", "LAS", "RPS", "LPI", "RAI", "PLS", "ASR", "SPL", "IRA", "PSL", "SLA"};

    @TempDir
    Path tmp;

    @Test
    void everyStorageComesBackInPatientOrderVoxelForVoxel() throws Exception {
        PythonOracle.run("""
                import sys, numpy as np, nibabel as nib
                from nibabel.orientations import axcodes2ornt, ornt_transform, apply_orientation, inv_ornt_aff
                out = sys.argv[1]
                a = np.random.default_rng(3).integers(-1024, 2000, size=(7, 6, 5)).astype(np.int16)  # x, y, z
                aff = np.diag([-0.8, -0.7, 2.5, 1.0]); aff[:3, 3] = [10, -20, 30]  # LPS storage, NIfTI's RAS world
                for codes in sys.argv[2:]:
                    t = ornt_transform(axcodes2ornt(tuple('LPS')), axcodes2ornt(tuple(codes)))
                    nib.save(nib.Nifti1Image(apply_orientation(a, t), aff @ inv_ornt_aff(t, a.shape)), f"{out}/{codes}.nii")
                """, withArgs(tmp.toString(), STORAGES));
        Volume lps = VolumeIO.read(tmp.resolve("LPS.nii"));
        assertThat(PatientOrder.of(lps.geometry()).isIdentity()).isTrue();
        assertThat(PatientOrder.of(lps.geometry()).apply(lps)).isSameAs(lps);
        for (String codes : STORAGES) {
            Volume v = VolumeIO.read(tmp.resolve(codes + ".nii"));
            PatientOrder order = PatientOrder.of(v.geometry());
            assertThat(order.isIdentity()).as(codes).isEqualTo(codes.equals("LPS"));
            Volume p = order.apply(v);
            assertThat(p.shorts()).as(codes).containsExactly(lps.shorts());
            Geometry g = p.geometry();
            assertThat(g.shapeZyx()).as(codes).containsExactly(lps.geometry().shapeZyx());
            assertThat(g.spacingMm()).as(codes).containsExactly(lps.geometry().spacingMm(), within(1e-6));
            assertThat(g.originMm()).as(codes).containsExactly(lps.geometry().originMm(), within(1e-4));
            assertThat(g.direction()).as(codes).containsExactly(lps.geometry().direction(), within(1e-9));
            assertThat(PatientOrder.of(g).isIdentity()).as(codes).isTrue();
            // voxel by voxel: the patient-order index of every stored voxel holds its value
            Geometry sg = v.geometry();
            for (int z = 0; z < sg.sizeZ(); z++) {
                for (int y = 0; y < sg.sizeY(); y++) {
                    for (int x = 0; x < sg.sizeX(); x++) {
                        int[] q = order.toPatient(sg, z, y, x);
                        assertThat(p.value(q[0], q[1], q[2])).as(codes).isEqualTo(v.value(z, y, x));
                    }
                }
            }
        }
    }

    private static String[] withArgs(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
