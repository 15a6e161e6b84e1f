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
        double[] sds = new double[windowCapacity(where)];
        int[] k = {0};
        forEachWindow(ct, grid, where, expectedHu, value, (w, count, sum, sum2) -> {
            double mean = sum / count;
            if (k[0] < sds.length) {
                sds[k[0]++] = Math.sqrt(Math.max(0, (sum2 - sum * mean) / (count - 1)));
            }
        });
        return median(sds, k[0]);
    }

    /**
     * How far the noise is correlated in-plane: its coherence area in scan voxels (1 for white noise; the number of
     * voxels a cluster of noise holds per independent draw). In the same windows as {@link #medianWindowSd}, the lag-d
     * correlation along each in-plane axis from mean squared differences, rho(d) = 1 - E[(v_i - v_(i+d))^2] / (2 var),
     * for d = 1..{@value #MAX_LAG}; per axis the median over windows, and the area is the product over the two axes of
     * 1 + 2 (sum of the positive rho(d)). A window's variance about its own mean falls short of the noise's by the
     * correlated noise in that mean: E[s^2] = var (n - area) / (n - 1) for n voxels, so the area is found by fixed-point
     * iteration from 1. NaN when no window was measured.
     */
    static double coherenceAreaVoxels(Volume ct, CoarseAxialGrid grid, boolean[] where, double expectedHu) {
        int cap = windowCapacity(where);
        double[][] ratio = new double[2 * MAX_LAG][cap]; // E[(v_i - v_(i+d))^2] / (2 s^2) per window
        double[] voxels = new double[cap];
        int[] k = {0};
        int[] size = {ct.sizeX(), ct.sizeY(), ct.sizeZ()};
        int[] stride = {1, size[0], size[0] * size[1]};
        forEachWindow(ct, grid, where, expectedHu, ct::valueAt, (w, count, sum, sum2) -> {
            if (k[0] >= cap) {
                return;
            }
            double var = (sum2 - sum * sum / count) / (count - 1);
            if (!(var > 0)) {
                return;
            }
            for (int a = 0; a < 2; a++) {
                int along = w.axes[a];
                int across = w.axes[1 - a];
                int half = a == 0 ? w.h0 : w.h1;
                int halfAcross = a == 0 ? w.h1 : w.h0;
                for (int d = 1; d <= MAX_LAG; d++) {
                    double sq = 0;
                    int n = 0;
                    for (int i = -half; i + d <= half; i++) {
                        for (int j = -halfAcross; j <= halfAcross; j++) {
                            int p = w.centre[along] + i;
                            int q = w.centre[across] + j;
                            if (p < 0 || p + d >= size[along] || q < 0 || q >= size[across]) {
                                continue;
                            }
                            int base = w.centreIndex + (p - w.centre[along]) * stride[along] + (q - w.centre[across]) * stride[across];
                            double diff = ct.valueAt(base) - ct.valueAt(base + d * stride[along]);
                            sq += diff * diff;
                            n++;
                        }
                    }
                    ratio[a * MAX_LAG + d - 1][k[0]] = n == 0 ? 1 : sq / n / (2 * var);
                }
            }
            voxels[k[0]++] = count;
        });
        if (k[0] == 0) {
            return Double.NaN;
        }
        double n = median(voxels, k[0]);
        double[] medianRatio = new double[2 * MAX_LAG];
        for (int i = 0; i < medianRatio.length; i++) {
            medianRatio[i] = median(ratio[i], k[0]);
        }
        double area = 1;
        for (int iteration = 0; iteration < 50; iteration++) {
            double shortfall = Math.max(0, (n - Math.min(area, n / 2)) / (n - 1)); // s^2 / var, at most halved
            double next = 1;
            for (int a = 0; a < 2; a++) {
                double sum = 0;
                for (int d = 1; d <= MAX_LAG; d++) {
                    sum += Math.max(0, 1 - medianRatio[a * MAX_LAG + d - 1] * shortfall);
                }
                next *= 1 + 2 * sum;
            }
            boolean converged = Math.abs(next - area) < 1e-6;
            area = next;
            if (converged) {
                break;
            }
        }
        return area;
    }

    /** Lags over which {@link #coherenceAreaVoxels} sums the noise's correlation. */
    static final int MAX_LAG = 3;

    /** One accepted window: its centre (x, y, z scan indices and linear index), half sizes and in-plane axes. */
    private record Window(int[] centre, int centreIndex, int h0, int h1, int[] axes) {
    }

    private interface WindowStats {
        void accept(Window w, int count, double sum, double sum2);
    }

    /** Calls {@code stats} for every window centred on {@code where} (thinned) whose mean is usual. */
    private static void forEachWindow(Volume ct, CoarseAxialGrid grid, boolean[] where, double expectedHu, IntToDoubleFunction value,
                                      WindowStats stats) {
        int total = (int) Morphology.count(where);
        if (total == 0) {
            return;
        }
        int step = Math.max(1, total / MAX_WINDOWS);
        int[] axes = grid.inPlaneScanAxes();
        double[] sp = ct.geometry().spacingMm();
        int[] size = {ct.sizeX(), ct.sizeY(), ct.sizeZ()};
        int h0 = Math.max(1, (int) Math.round(WINDOW_MM / 2 / sp[axes[0]]));
        int h1 = Math.max(1, (int) Math.round(WINDOW_MM / 2 / sp[axes[1]]));
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
            int[] centre = {zyx[2], zyx[1], zyx[0]};
            stats.accept(new Window(centre, (zyx[0] * size[1] + zyx[1]) * size[0] + zyx[2], h0, h1, axes), count, sum, sum2);
        }
    }

    /** At most how many windows {@link #forEachWindow} visits: every {@code step}-th of the region's voxels. */
    private static int windowCapacity(boolean[] where) {
        return Math.min(where.length, MAX_WINDOWS * 2 + 1);
    }

    private static double median(double[] values, int k) {
        if (k == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(values, k);
        Arrays.sort(v);
        return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }
}
