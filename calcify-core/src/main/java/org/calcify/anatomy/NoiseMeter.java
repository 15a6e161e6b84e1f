package org.calcify.anatomy;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.calcify.volume.Volume;

/**
 * Image noise as the median standard deviation of HU in small in-plane windows (about
 * {@value #WINDOW_MM} mm across) placed in a homogeneous region (deep inside the heart: blood and
 * myocardium differ by a few HU). Windows whose mean lies far from the region's median (fat,
 * calcium) are skipped. With correlated noise a small window
 * sees a little less than the full standard deviation; what it measures is the noise a lesion of
 * that size sits in.
 */
final class NoiseMeter {
    static final double WINDOW_MM = 5;
    static final double MIN_MEAN_HU = -60;
    static final double MAX_MEAN_HU = 160;
    static final double MAX_OFF_MEDIAN_HU = 60;
    private static final int MAX_WINDOWS = 3000;

    private NoiseMeter() {
    }

    /**
     * @param where        coarse voxels to centre windows on
     * @param expectedHu   the region's typical HU (its median); windows whose mean is more than
     *                     {@value #MAX_OFF_MEDIAN_HU} HU from it are skipped as well
     */
    static double medianWindowSd(Volume ct, CoarseAxialGrid grid, boolean[] where, double expectedHu) {
        return medianWindowSd(ct, grid, where, expectedHu, ct::valueAt);
    }

    /**
     * As above, of the values {@code value} gives each scan voxel (by its linear index, x fastest) instead of its HU:
     * the noise of a smoothed scan ({@link InPlaneSmoothing}) in the same windows.
     */
    static double medianWindowSd(Volume ct, CoarseAxialGrid grid, boolean[] where, double expectedHu, IntToDoubleFunction value) {
        int total = (int) Morphology.count(where);
        if (total == 0) {
            return Double.NaN;
        }
        int step = Math.max(1, total / MAX_WINDOWS);
        int[] axes = grid.inPlaneScanAxes();
        double[] sp = ct.geometry().spacingMm();
        int[] size = {ct.sizeX(), ct.sizeY(), ct.sizeZ()};
        int h0 = Math.max(1, (int) Math.round(WINDOW_MM / 2 / sp[axes[0]]));
        int h1 = Math.max(1, (int) Math.round(WINDOW_MM / 2 / sp[axes[1]]));
        double[] sds = new double[total / step + 1];
        int k = 0;
        int seen = 0;
        int[] xyz = new int[3];
        for (int i = 0; i < where.length; i++) {
            if (!where[i] || seen++ % step != 0) {
                continue;
            }
            int[] zyx = grid.scanVoxelOf(i);
            double sum = 0;
            double sum2 = 0;
            int count = 0;
            for (int a = -h0; a <= h0; a++) {
                for (int b = -h1; b <= h1; b++) {
                    xyz[0] = zyx[2];
                    xyz[1] = zyx[1];
                    xyz[2] = zyx[0];
                    xyz[axes[0]] += a;
                    xyz[axes[1]] += b;
                    if (xyz[axes[0]] < 0 || xyz[axes[1]] < 0 || xyz[axes[0]] >= size[axes[0]] || xyz[axes[1]] >= size[axes[1]]) {
                        continue;
                    }
                    double v = value.applyAsDouble((xyz[2] * size[1] + xyz[1]) * size[0] + xyz[0]);
                    sum += v;
                    sum2 += v * v;
                    count++;
                }
            }
            double mean = sum / count;
            boolean usual = Double.isNaN(expectedHu) ? mean >= MIN_MEAN_HU && mean <= MAX_MEAN_HU
                    : Math.abs(mean - expectedHu) <= MAX_OFF_MEDIAN_HU;
            if (count < 4 || !usual) {
                continue;
            }
            sds[k++] = Math.sqrt(Math.max(0, (sum2 - sum * mean) / (count - 1)));
        }
        if (k == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(sds, k);
        Arrays.sort(v);
        return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }
}
