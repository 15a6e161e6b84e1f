package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.calcify.volume.Volume;

/** Voxel-by-voxel comparisons of a {@link Volume} with reference values. */
final class VolumeAssert {
    private VolumeAssert() {
    }

    /** Every voxel equals {@code expected} (float32 volumes to float32 precision). */
    static void assertVoxelsEqual(Volume v, double[] expected, String what) {
        assertThat(v.geometry().voxelCount()).as(what + ": voxel count").isEqualTo(expected.length);
        int bad = 0;
        int firstBad = -1;
        for (int i = 0; i < expected.length; i++) {
            double got = v.valueAt(i);
            double want = expected[i];
            boolean ok = v.type().isInteger() ? got == want : Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want));
            if (!ok) {
                if (firstBad < 0) {
                    firstBad = i;
                }
                bad++;
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + expected.length + " voxels differ; first at flat index " + firstBad
                    + ": got " + v.valueAt(firstBad) + ", expected " + expected[firstBad]);
        }
    }

    /**
     * For lossy codecs whose decoders may round differently: every voxel within {@code tolerance},
     * at most {@code maxFraction} of them different at all.
     */
    static void assertVoxelsClose(Volume v, double[] expected, double tolerance, double maxFraction, String what) {
        assertThat(v.geometry().voxelCount()).as(what + ": voxel count").isEqualTo(expected.length);
        int differ = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(v.valueAt(i) - expected[i]);
            worst = Math.max(worst, d);
            if (d != 0) {
                differ++;
            }
        }
        assertThat(worst).as(what + ": largest difference").isLessThanOrEqualTo(tolerance);
        assertThat((double) differ / expected.length).as(what + ": fraction of voxels that differ").isLessThanOrEqualTo(maxFraction);
    }

    static void assertSameVoxels(Volume a, Volume b, String what) {
        double[] e = new double[b.geometry().voxelCount()];
        for (int i = 0; i < e.length; i++) {
            e[i] = b.valueAt(i);
        }
        assertVoxelsEqual(a, e, what);
    }
}
