package org.calcify.io.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;

/**
 * Voxels an oracle script wrote as float64 little endian in our (z, y, x) C order (for a nibabel
 * array indexed [i, j, k] that is {@code arr.ravel(order='F')}), and the comparison against a volume.
 */
public final class OracleVoxels {
    private OracleVoxels() {
    }

    public static double[] load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        double[] out = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    /**
     * Asserts every voxel equals the oracle's: exactly for integer and float64 volumes, within one
     * float32 rounding for float32 volumes (the oracle computes scaling in float64).
     */
    public static void assertSameVoxels(Volume volume, double[] expected, String what) {
        assertThat(volume.geometry().voxelCount()).as(what + " voxel count").isEqualTo(expected.length);
        boolean float32 = volume.type() == DataType.FLOAT32;
        for (int i = 0; i < expected.length; i++) {
            double got = volume.valueAt(i);
            double want = expected[i];
            boolean same = Double.compare(got, want) == 0
                    || (float32 && Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want)))
                    || (got == want);
            if (!same) {
                throw new AssertionError(what + ": voxel " + i + " is " + got + ", oracle says " + want);
            }
        }
    }

    /** Asserts two row-major affines (at least 12 elements) agree within {@code tol} times max(1, |value|). */
    public static void assertSameAffine(double[] got, double[] want, double tol, String what) {
        for (int i = 0; i < 12; i++) {
            double t = tol * Math.max(1, Math.abs(want[i]));
            if (Math.abs(got[i] - want[i]) > t) {
                throw new AssertionError(what + ": affine element " + i + " is " + got[i] + ", oracle says "
                        + want[i] + "\n got " + java.util.Arrays.toString(got) + "\nwant " + java.util.Arrays.toString(want));
            }
        }
    }
}
