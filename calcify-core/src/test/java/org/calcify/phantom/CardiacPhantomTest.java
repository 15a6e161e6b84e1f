package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phantom: deterministic, truthful labels, files nibabel reads as written, fast enough. */
class CardiacPhantomTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameVoxelsDifferentSeedDifferentCase() {
        PhantomOptions o = PhantomOptions.builder().sizeXy(96).slices(10, 14).build();
        PhantomCase a = CardiacPhantom.generate(o, 77);
        PhantomCase b = CardiacPhantom.generate(o, 77);
        PhantomCase c = CardiacPhantom.generate(o, 78);
        assertThat(a.ct().shorts()).isEqualTo(b.ct().shorts());
        assertThat(a.labels().bytes()).isEqualTo(b.labels().bytes());
        assertThat(a.ct().geometry()).isEqualTo(b.ct().geometry());
        assertThat(a.patient()).isEqualTo(b.patient());
        assertThat(c.ct().shorts()).isNotEqualTo(a.ct().shorts());
        assertThat(PhantomCohort.caseSeed(5, 3)).isEqualTo(PhantomCohort.caseSeed(5, 3)).isNotEqualTo(PhantomCohort.caseSeed(5, 4));
    }

    /** Checked in NumPy on the written files: labels 0-5 only on voxels >= 130 HU; bright unlabelled bone exists; shapes and dtypes. */
    private static final String ORACLE = """
            import sys, numpy as np, nibabel as nib
            for case in sys.argv[2:]:
                ci = nib.load(sys.argv[1] + '/' + case + '/ct.nii.gz')
                li = nib.load(sys.argv[1] + '/' + case + '/labels.nii.gz')
                ct = np.asarray(ci.dataobj); lab = np.asarray(li.dataobj)
                assert ci.get_data_dtype() == np.int16 and li.get_data_dtype() == np.uint8, (ci.get_data_dtype(), li.get_data_dtype())
                assert np.allclose(ci.affine, li.affine)
                print(case, ct.shape[2], ct.shape[1], ct.shape[0], int(lab.max()), int(((lab > 0) & (ct < 130)).sum()),
                      int(((lab == 0) & (ct >= 300)).sum()), int(((lab >= 1) & (lab <= 4)).sum()), int((lab == 5).sum()),
                      int(ct.astype(np.int64).sum()), float(np.median(ct)), int(ct.min()), int(ct.max()))
            """;

    @Test
    void writtenCohortHasTruthfulLabels() throws IOException {
        int n = 6;
        PhantomCohort.write(dir, n, 4, PhantomOptions.builder().sizeXy(128).slices(12, 18).build(), null);
        String[] args = new String[n + 1];
        args[0] = dir.toString();
        for (int i = 0; i < n; i++) {
            args[i + 1] = PhantomCohort.caseName(i);
        }
        List<String> lines = PythonOracle.run(ORACLE, args).lines().toList();
        assertThat(lines).hasSize(n);
        long coronary = 0;
        long nonCoronary = 0;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).split(" ");
            Volume ct = VolumeIO.read(dir.resolve(f[0]).resolve("ct.nii.gz"));
            assertThat(ct.type()).isEqualTo(DataType.INT16);
            assertThat(new int[] {ct.sizeZ(), ct.sizeY(), ct.sizeX()})
                    .containsExactly(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            long sum = 0;
            for (short s : ct.shorts()) {
                sum += s;
            }
            assertThat(sum).as("voxel sum as nibabel reads it").isEqualTo(Long.parseLong(f[9]));
            assertThat(Integer.parseInt(f[4])).as("max label").isBetween(0, 5);
            assertThat(Integer.parseInt(f[5])).as("labelled voxels under 130 HU").isZero();
            assertThat(Integer.parseInt(f[6])).as("unlabelled bone >= 300 HU").isPositive();
            assertThat(Double.parseDouble(f[10])).as("median HU: mostly air, lung, fat").isNegative();
            assertThat(Integer.parseInt(f[11])).isGreaterThanOrEqualTo(-1024);
            coronary += Long.parseLong(f[7]);
            nonCoronary += Long.parseLong(f[8]);
        }
        assertThat(coronary).as("coronary calcium voxels in the cohort").isPositive();
        assertThat(nonCoronary).as("non-coronary calcium voxels in the cohort").isPositive();
        List<String> csv = Files.readAllLines(dir.resolve("cohort.csv"));
        assertThat(csv).hasSize(n + 1);
        assertThat(csv.get(0)).startsWith("case,fold,seed,age,sex,bmi,smoking,diabetes,hypertension,cholesterol_mmol_l")
                .contains("agatston", "volume_mm3", "mass_mg", "category");
    }

    @Test
    void contrastLumenIsBrightButNeverLabelled() {
        PhantomCase c = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(128).slices(16, 16).contrast(true).build(), PhantomCohort.caseSeed(2, 0));
        short[] hu = c.ct().shorts();
        byte[] lab = c.labels().bytes();
        double blood = Double.parseDouble(c.ct().metadata().get("phantom.bloodHu"));
        assertThat(blood).as("contrast-filled blood pool HU (native blood is about 40)").isGreaterThan(200);
        int lumen = 0;
        for (int i = 0; i < hu.length; i++) {
            if (lab[i] != 0) {
                assertThat((double) hu[i]).as("labelled voxel HU with contrast").isGreaterThanOrEqualTo(blood + CardiacPhantom.CONTRAST_MARGIN_HU);
            } else if (hu[i] >= blood - 50 && hu[i] <= blood + 50) {
                lumen++;
            }
        }
        assertThat(lumen).as("contrast-filled blood voxels").isGreaterThan(1000);
    }

    /** A case's scene and a renderer of its noise-free tissue at 120 kVp. */
    private static SliceRenderer renderer(Scene s, boolean coronaries) {
        return new SliceRenderer(s, Materials.draw(new SplittableRandom(1), 120, s.patient.ageYears(), false), coronaries);
    }

    /** No coronary plaque has bone (ribs, cartilage, sternum, spine) within 6 mm of its centre, over many random anatomies. */
    @Test
    void coronaryPlaquesKeepClearOfBone() {
        int plaques = 0;
        for (int i = 0; i < 300; i++) {
            Scene s = CardiacPhantom.scene(PhantomCohort.caseSeed(13, i), false);
            SliceRenderer tissue = renderer(s, true);
            for (Plaque p : Plaque.coronary(s.anatomy, s.coronaryTree, 20, -200, 200, new SplittableRandom(i))) {
                plaques++;
                double[] c = p.centreMm();
                for (int k = 0; k < 26; k++) {
                    double du = (k % 3 - 1) * 6;
                    double dv = (k / 3 % 3 - 1) * 6;
                    double dw = (k / 9 - 1) * 6;
                    double scale = 6 / Math.max(6, Math.sqrt(du * du + dv * dv + dw * dw)); // points on a 6 mm sphere
                    SliceRenderer.Point at = tissue.at(c[0] + du * scale, c[1] + dv * scale, c[2] + dw * scale);
                    assertThat(at.hu()).as("tissue 6 mm from a coronary plaque, anatomy %d", i).isLessThan(200f);
                    assertThat(at.code()).as("anatomy code 6 mm from a coronary plaque, anatomy %d", i).isNotEqualTo(AnatomyCode.BONE_B);
                }
            }
        }
        assertThat(plaques).isGreaterThan(5000);
    }

    /**
     * Vessels never cut bone nor leave the thoracic cavity: wherever the tissue without the coronary tree
     * is bone or cartilage, or outside the cavity, drawing the tree (lumens and fat sleeves) changes nothing.
     * A vessel drawn through a rib used to leave a bone fragment inside its fat sleeve: an unlabelled "plaque".
     */
    @Test
    void vesselsNeverCutBoneNorLeaveTheCavity() {
        int bone = 0;
        int outside = 0;
        for (int i = 0; i < 200; i++) {
            Scene s = CardiacPhantom.scene(PhantomCohort.caseSeed(14, i), false);
            SliceRenderer plainTissue = renderer(s, false);
            SliceRenderer withTree = renderer(s, true);
            for (Vessel v : s.coronaryTree) {
                double[] p = v.pointsMm();
                for (int j = 0; j < v.size(); j += 4) {
                    double reach = v.radiiMm()[j] + v.sleeveMm()[j] * 0.9;
                    for (int k = 0; k < 7; k++) {
                        double u = p[3 * j] + (k == 1 ? reach : k == 2 ? -reach : 0);
                        double vv = p[3 * j + 1] + (k == 3 ? reach : k == 4 ? -reach : 0);
                        double w = p[3 * j + 2] + (k == 5 ? reach : k == 6 ? -reach : 0);
                        SliceRenderer.Point at = plainTissue.at(u, vv, w);
                        float plain = at.hu();
                        boolean isBone = plain >= 150 || at.code() == AnatomyCode.BONE_B;
                        boolean out = !s.body.insideCavity(u, vv, 0);
                        if (isBone || out) {
                            bone += isBone ? 1 : 0;
                            outside += out ? 1 : 0;
                            assertThat(withTree.tissueAt(u, vv, w)).as("anatomy %d, vessel %d at (%.1f, %.1f, %.1f)", i, v.label(), u, vv, w)
                                    .isEqualTo(plain);
                        }
                    }
                }
            }
        }
        assertThat(bone + outside).as("vessel points over bone or outside the cavity, checked").isPositive();
    }

    /**
     * The LM runs in epicardial fat from its ostium wherever its sleeve is at least 1 mm: its lumen is ringed
     * by fat, not by myocardium or blood.
     */
    @Test
    void coronariesRunInEpicardialFat() {
        int checked = 0;
        for (int i = 0; i < 12; i++) {
            Scene s = CardiacPhantom.scene(PhantomCohort.caseSeed(12, i), false);
            Materials m = Materials.draw(new SplittableRandom(1), 120, s.patient.ageYears(), false);
            SliceRenderer tissue = new SliceRenderer(s, m);
            Vessel lm = s.coronaryTree.get(0);
            assertThat(lm.label()).isEqualTo(1);
            // noise-free tissue on a circle around the LM's midpoint, perpendicular to its course, just outside the lumen
            double[] p = lm.pointsMm();
            int mid = lm.size() / 2;
            if (lm.sleeveMm()[mid] < 1) {
                continue;
            }
            checked++;
            double[] e1 = new double[3];
            double[] e2 = new double[3];
            crossSection(lm, mid, e1, e2);
            double rad = lm.radiiMm()[mid] + lm.sleeveMm()[mid] / 2;
            assertThat(tissue.tissueAt(p[3 * mid], p[3 * mid + 1], p[3 * mid + 2])).as("LM lumen").isEqualTo(m.blood());
            for (int k = 0; k < 12; k++) {
                double c = Math.cos(Math.PI * k / 6) * rad;
                double sn = Math.sin(Math.PI * k / 6) * rad;
                float h = tissue.tissueAt(p[3 * mid] + c * e1[0] + sn * e2[0], p[3 * mid + 1] + c * e1[1] + sn * e2[1],
                        p[3 * mid + 2] + c * e1[2] + sn * e2[2]);
                assertThat(h).as("HU %.1f mm from the LM's centre line, case %d", rad, i).isLessThan(-50f);
            }
        }
        assertThat(checked).as("cases whose LM has a sleeve of 1 mm or more").isGreaterThanOrEqualTo(4);
    }

    /**
     * Not every coronary is framed by fat: where a vessel dips onto the myocardium (no sleeve), some of
     * the tissue just outside its lumen is myocardium (or blood), in some but not most cases of a cohort.
     */
    @Test
    void someCoronariesLieAgainstTheMyocardium() {
        int dipped = 0;
        int cases = 0;
        for (int i = 0; i < 40; i++) {
            Scene s = CardiacPhantom.scene(PhantomCohort.caseSeed(21, i), false);
            Materials m = Materials.draw(new SplittableRandom(1), 120, s.patient.ageYears(), false);
            SliceRenderer tissue = new SliceRenderer(s, m);
            boolean any = false;
            for (Vessel v : s.coronaryTree) {
                double[] p = v.pointsMm();
                int bare = 0;
                int against = 0;
                for (int j = 1; j < v.size() - 1; j += 3) {
                    if (v.sleeveMm()[j] > 0) {
                        continue;
                    }
                    // tissue on a circle 0.6 mm outside the lumen, across the vessel: some of it is the heart's wall
                    double[] e1 = new double[3];
                    double[] e2 = new double[3];
                    crossSection(v, j, e1, e2);
                    double rad = v.radiiMm()[j] + 0.6;
                    int wall = 0;
                    for (int k = 0; k < 12; k++) {
                        double c = Math.cos(Math.PI * k / 6) * rad;
                        double sn = Math.sin(Math.PI * k / 6) * rad;
                        float h = tissue.tissueAt(p[3 * j] + c * e1[0] + sn * e2[0], p[3 * j + 1] + c * e1[1] + sn * e2[1],
                                p[3 * j + 2] + c * e1[2] + sn * e2[2]);
                        wall += h >= m.blood() - 1 && h <= m.myocardium() + 1 ? 1 : 0;
                    }
                    bare++;
                    against += wall > 0 ? 1 : 0;
                }
                if (bare > 0) {
                    // the dip's deepest points lie against the wall; its flanks, without a sleeve yet, may still lie in the fat band
                    assertThat(against).as("points against the myocardium of a dip, case %d, vessel %d", i, v.label()).isPositive();
                    dipped++;
                    any = true;
                }
            }
            cases += any ? 1 : 0;
        }
        assertThat(cases).as("cases with a coronary against the myocardium").isBetween(5, 35);
        assertThat(dipped).isPositive();
    }

    private static void crossSection(Vessel v, int i, double[] e1, double[] e2) {
        double[] p = v.pointsMm();
        double[] axis = Plaque.unit(p[3 * i + 3] - p[3 * i - 3], p[3 * i + 4] - p[3 * i - 2], p[3 * i + 5] - p[3 * i - 1]);
        double[] a = Plaque.unit(-axis[1], axis[0], 0);
        System.arraycopy(a, 0, e1, 0, 3);
        e2[0] = axis[1] * a[2] - axis[2] * a[1];
        e2[1] = axis[2] * a[0] - axis[0] * a[2];
        e2[2] = axis[0] * a[1] - axis[1] * a[0];
    }

    @Test
    void refusesAbsurdOptions() {
        assertThatThrownBy(() -> PhantomOptions.builder().sizeXy(8).slices(10, 20).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhantomOptions.builder().sizeXy(128).slices(20, 10).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A-B");
        assertThatThrownBy(() -> PhantomOptions.builder().sliceThicknessMm(Range.of(0.5, 20)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slice thickness");
        assertThatThrownBy(() -> PhantomOptions.builder().noiseHu(Range.of(-5, 10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise");
        assertThatThrownBy(() -> PhantomOptions.builder().kvp(Range.of(20, 140)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kVp");
        assertThatThrownBy(() -> PhantomOptions.builder().kernels().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel");
        assertThatThrownBy(() -> Range.parse("5..x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5..x");
        assertThatThrownBy(() -> Range.of(3, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
