package org.calcify.anatomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseMeterTest {

    /**
     * The coherence area of white noise, of noise smoothed by a 5 × 5 box and of noise smoothed by Gaussians (as
     * reconstruction kernels texture it) is the one numpy finds from the lag correlations of the whole volume
     * (np.corrcoef of the scan and its shifted copy, lags 1 to 3 on each in-plane axis): within 12 %, though Calcify
     * measures in 5 mm windows only.
     */
    @Test
    void coherenceAreaIsNumpysFromTheWholeVolumesLagCorrelations(@TempDir Path dir) throws IOException {
        int nz = 12;
        int ny = 96;
        int nx = 96;
        double[] spacing = {0.7, 0.7, 3.0};
        Geometry g = Geometry.of(nx, ny, nz).withSpacing(spacing);
        Random r = new Random(5);
        short[] white = new short[nz * ny * nx];
        for (int i = 0; i < white.length; i++) {
            white[i] = (short) Math.round(100 * r.nextGaussian());
        }
        Volume whiteCt = Volume.of(g, DataType.INT16, white);
        String[] kinds = {"white", "box 5x5", "gaussian 0.5 mm", "gaussian 1.0 mm"};
        for (String kind : kinds) {
            short[] hu = new short[white.length];
            if (kind.startsWith("gaussian")) {
                double sigmaMm = Double.parseDouble(kind.split(" ")[1]);
                InPlaneSmoothing s = InPlaneSmoothing.of(whiteCt, 0, 1, sigmaMm);
                double scale = 30 / sd(s, white.length);
                for (int i = 0; i < hu.length; i++) {
                    hu[i] = (short) Math.round(40 + scale * s.atIndex(i));
                }
            } else if (kind.startsWith("box")) {
                for (int z = 0; z < nz; z++) {
                    for (int y = 0; y < ny; y++) {
                        for (int x = 0; x < nx; x++) {
                            double sum = 0;
                            for (int dy = -2; dy <= 2; dy++) {
                                for (int dx = -2; dx <= 2; dx++) {
                                    sum += white[(z * ny + Math.floorMod(y + dy, ny)) * nx + Math.floorMod(x + dx, nx)];
                                }
                            }
                            hu[(z * ny + y) * nx + x] = (short) Math.round(40 + 0.3 * sum / 5);
                        }
                    }
                }
            } else {
                for (int i = 0; i < hu.length; i++) {
                    hu[i] = (short) Math.round(40 + 0.3 * white[i]);
                }
            }
            Volume ct = Volume.of(g, DataType.INT16, hu);
            Path file = PythonOracle.writeInt16(dir.resolve("ct.raw"), hu);
            String out = PythonOracle.run("""
                    import sys, numpy as np
                    nz, ny, nx = map(int, sys.argv[2:5])
                    v = np.fromfile(sys.argv[1], dtype='<i2').reshape(nz, ny, nx).astype(np.float64)
                    area = 1.0
                    for axis in (1, 2):
                        total = 0.0
                        for d in (1, 2, 3):
                            a = np.take(v, range(0, v.shape[axis] - d), axis=axis).ravel()
                            b = np.take(v, range(d, v.shape[axis]), axis=axis).ravel()
                            total += max(0.0, np.corrcoef(a, b)[0, 1])
                        area *= 1 + 2 * total
                    print(repr(area))
                    """, file.toString(), "" + nz, "" + ny, "" + nx);
            double expected = Double.parseDouble(out.trim());
            CoarseAxialGrid grid = CoarseAxialGrid.of(ct);
            boolean[] where = new boolean[grid.voxelCount()];
            Arrays.fill(where, true);
            double measured = NoiseMeter.coherenceAreaVoxels(ct, grid, where, 40);
            assertThat(measured).as("%s: numpy %.3f", kind, expected).isCloseTo(expected, within(0.12 * expected));
            if (kind.equals("white")) {
                assertThat(measured).isLessThan(1.2);
            }
            if (kind.startsWith("box")) {
                // lags 1-3 of a 5-voxel box along each axis: (1 + 2 (0.8 + 0.6 + 0.4))^2
                assertThat(expected).isCloseTo(4.6 * 4.6, within(2.0));
            }
        }
    }

    /** No window in the region: NaN, not a number made up. */
    @Test
    void noWindowGivesNaN() {
        Volume ct = Volume.zeros(Geometry.of(20, 20, 3), DataType.INT16);
        CoarseAxialGrid grid = CoarseAxialGrid.of(ct);
        assertThat(NoiseMeter.coherenceAreaVoxels(ct, grid, new boolean[grid.voxelCount()], 40)).isNaN();
    }

    private static double sd(InPlaneSmoothing s, int n) {
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double v = s.atIndex(i);
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / n;
        return Math.sqrt(sum2 / n - mean * mean);
    }
}
