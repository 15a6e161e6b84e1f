package org.calcify.anatomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InPlaneSmoothingTest {

    /**
     * Every voxel, edges included, is scipy's {@code gaussian_filter} with the same standard deviation in mm on each
     * in-plane axis, none across slices, {@code truncate=3} and {@code mode='nearest'}: on anisotropic pixels, for a
     * scan stored axially (x, y in-plane) and one whose slices run along y (x, z in-plane, as a coronal NIfTI).
     */
    @Test
    void smoothedHuIsScipysGaussianFilterOverThePlane(@TempDir Path dir) throws IOException {
        int nz = 5;
        int ny = 9;
        int nx = 13;
        Random r = new Random(3);
        short[] hu = new short[nz * ny * nx];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (r.nextInt(1400) - 400);
        }
        double[] spacing = {0.45, 0.8, 0.7};
        Volume ct = Volume.of(Geometry.of(nx, ny, nz).withSpacing(spacing), DataType.INT16, hu);
        Path file = PythonOracle.writeInt16(dir.resolve("ct.raw"), hu);
        for (int[] axes : new int[][] {{0, 1}, {0, 2}}) {
            InPlaneSmoothing smoothing = InPlaneSmoothing.of(ct, axes[0], axes[1], 0.9);
            // numpy's axes are z, y, x: scan axis a is numpy axis 2 - a
            String out = PythonOracle.run("""
                    import sys, numpy as np
                    from scipy import ndimage as ndi
                    nz, ny, nx, a0, a1 = map(int, sys.argv[2:7])
                    sp = [float(v) for v in sys.argv[7:10]]
                    ct = np.fromfile(sys.argv[1], dtype='<i2').reshape(nz, ny, nx).astype(np.float64)
                    sigma = [0.0, 0.0, 0.0]
                    for a in (a0, a1):
                        sigma[2 - a] = 0.9 / sp[a]
                    sm = ndi.gaussian_filter(ct, sigma, mode='nearest', truncate=3.0)
                    for v in sm.ravel():
                        print(repr(float(v)))
                    """, file.toString(), "" + nz, "" + ny, "" + nx, "" + axes[0], "" + axes[1],
                    "" + spacing[0], "" + spacing[1], "" + spacing[2]);
            List<String> lines = out.lines().toList();
            assertThat(lines).hasSize(hu.length);
            for (int i = 0; i < hu.length; i++) {
                assertThat(smoothing.atIndex(i)).as("axes %d %d, voxel %d", axes[0], axes[1], i)
                        .isCloseTo(Double.parseDouble(lines.get(i)), within(1e-9));
            }
        }
    }

    /** A sigma well under a voxel leaves the scan as it is; the weights always sum to one. */
    @Test
    void aNarrowGaussianIsTheIdentityAndWeightsSumToOne() {
        assertThat(InPlaneSmoothing.weights(0.1)).containsExactly(1.0);
        for (double s : new double[] {0.2, 0.6, 1.5, 4}) {
            assertThat(java.util.Arrays.stream(InPlaneSmoothing.weights(s)).sum()).isCloseTo(1.0, within(1e-12));
        }
        Volume ct = Volume.of(Geometry.of(3, 3, 2), DataType.INT16, new short[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18});
        InPlaneSmoothing s = InPlaneSmoothing.of(ct, 0, 1, 0.1);
        for (int i = 0; i < 18; i++) {
            assertThat(s.atIndex(i)).isEqualTo(i + 1.0);
        }
    }
}
