package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which voxels carry a plaque's label: those at or above 130 HU where the plaques themselves add at least
 * {@link PhantomOptions#labelMinCalciumHu()}. The oracle is the scan drawn twice without noise, with the plaques and
 * without them: their difference is what the plaques add, blurred as the slice is, computed apart from the label code.
 */
class PlaqueLabelTest {
    @Test
    void labelsOnlyWhereThePlaquesAddTheCalcium() {
        PhantomOptions o = PhantomOptions.builder().sizeXy(192).slices(14, 18).noiseHu(Range.of(45, 50))
                .sliceThicknessMm(Range.of(2.5, 3)).build();
        int n = o.sizeXy();
        long dropped = 0;
        long kept = 0;
        for (int c = 0; c < 3; c++) {
            SplittableRandom r = new SplittableRandom(PhantomCohort.caseSeed(41, c));
            PatientRecord patient = PatientRecord.random(r);
            Scene scene = Scene.random(patient, new SplittableRandom(r.nextLong()), false);
            Acquisition acq = Acquisition.draw(o, scene, new SplittableRandom(r.nextLong()));
            Materials m = Materials.draw(new SplittableRandom(r.nextLong()), acq.kvp(), patient.ageYears(), false);
            double t = acq.sliceThicknessMm();
            double wMin = acq.firstSliceW() - t / 2;
            double wMax = acq.firstSliceW() + (acq.slices() - 0.5) * t;
            List<Plaque> plaques = new ArrayList<>();
            // faint and mid-density plaques only: dense ones also add streaks, which the difference would count
            for (Plaque p : Plaque.coronary(scene.anatomy, scene.coronaryTree, 12, wMin + 1, wMax - 1, r)) {
                if (p.amplitudeHu() * m.denseScale() <= 500) {
                    plaques.add(p);
                }
            }
            assertThat(plaques).as("plaques drawn in case %d", c).isNotEmpty();
            int size = n * n * acq.slices();
            long seed = r.nextLong();
            short[] with = draw(scene, m, acq, plaques, n, seed, true, 0, size)[0];
            short[] without = draw(scene, m, acq, List.of(), n, seed, true, 0, size)[0];
            short[][] all = draw(scene, m, acq, plaques, n, seed, false, 0, size);
            short[][] min30 = draw(scene, m, acq, plaques, n, seed, false, 30, size);
            assertThat(min30[0]).as("the CT does not depend on which voxels are labelled").isEqualTo(all[0]);
            for (int i = 0; i < size; i++) {
                int added = with[i] - without[i];
                if (Math.abs(added - 30) <= 1) {
                    continue; // rounding to int16 decides these
                }
                boolean expected = all[1][i] != 0 && added >= 30;
                assertThat(min30[1][i] != 0).as("voxel %d of case %d: plaques add %d HU, labelled over the support: %s", i, c, added,
                        all[1][i] != 0).isEqualTo(expected);
                if (all[1][i] != 0) {
                    if (expected) {
                        kept++;
                    } else {
                        dropped++;
                    }
                }
            }
        }
        assertThat(kept).as("labelled voxels the plaques lift").isPositive();
        assertThat(dropped).as("voxels of the support that noise alone lifted over 130 HU").isPositive();
    }

    /** The scan's HU and labels, as shorts (labels widened). */
    private static short[][] draw(Scene scene, Materials m, Acquisition acq, List<Plaque> plaques, int n, long seed, boolean noiseFree,
                                  double minCalciumHu, int size) {
        short[] ct = new short[size];
        byte[] labels = new byte[size];
        new Scanner(scene, m, acq, plaques, n, seed, noiseFree, CardiacPhantom.CALCIUM_HU, minCalciumHu).run(ct, labels, new byte[size]);
        short[] lab = new short[size];
        for (int i = 0; i < size; i++) {
            lab[i] = labels[i];
        }
        return new short[][] {ct, lab};
    }
}
