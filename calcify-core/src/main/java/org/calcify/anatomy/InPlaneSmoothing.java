package org.calcify.anatomy;

import org.calcify.volume.Volume;

/**
 * A chest CT smoothed in its axial plane by a Gaussian of {@value #SIGMA_MM} mm, evaluated voxel by voxel where it is
 * asked for (the candidates of a scan and the noise windows: a few hundred thousand voxels, not the whole scan). The
 * weights are a sampled Gaussian truncated at 3 standard deviations and normalised, as scipy's {@code gaussian_filter}
 * with {@code truncate=3}; outside the image the edge voxel is repeated ({@code mode='nearest'}). Nothing is smoothed
 * across slices: at 2.5-3 mm a slice is already thicker than any plaque a single slice can miss.
 *
 * <p>Why: under heavy noise a faint calcification shows only a few voxels above 130 HU, no more than the specks noise
 * makes of blood; but its excess HU extends over the whole plaque, while a speck's falls away within the noise's
 * correlation length. Smoothed over about a millimetre the plaque keeps its rise while the noise's standard deviation
 * falls 1.5-3.2x (on the noisy validation cohorts' cases, by kernel), so the smoothed rise tells them apart where the voxels
 * above the threshold cannot (the detector's noise gate).
 */
public final class InPlaneSmoothing {
    /** Standard deviation of the Gaussian, mm. */
    public static final double SIGMA_MM = 0.6;

    private final Volume ct;
    private final int[] axes;
    private final int[] size;
    private final double[] w0;
    private final double[] w1;
    /** The scan's int16 voxels when it holds them (the usual case: read directly, without clamping, away from edges). */
    private final short[] shorts;
    private final int stride0;
    private final int stride1;

    private InPlaneSmoothing(Volume ct, int[] axes, double sigmaMm) {
        this.ct = ct;
        this.axes = axes;
        this.size = new int[] {ct.sizeX(), ct.sizeY(), ct.sizeZ()};
        double[] sp = ct.geometry().spacingMm();
        this.w0 = weights(sigmaMm / sp[axes[0]]);
        this.w1 = weights(sigmaMm / sp[axes[1]]);
        this.shorts = ct.type() == org.calcify.volume.DataType.INT16 ? ct.shorts() : null;
        int[] strides = {1, size[0], size[0] * size[1]};
        this.stride0 = strides[axes[0]];
        this.stride1 = strides[axes[1]];
    }

    /** The scan smoothed in the axial plane of {@code grid} (the scan's own axes that span it). */
    public static InPlaneSmoothing of(Volume ct, CoarseAxialGrid grid) {
        return new InPlaneSmoothing(ct, grid.inPlaneScanAxes(), SIGMA_MM);
    }

    /** As {@link #of}, with a Gaussian of its own and the in-plane axes given (0 x, 1 y, 2 z), for tests. */
    static InPlaneSmoothing of(Volume ct, int axisA, int axisB, double sigmaMm) {
        return new InPlaneSmoothing(ct, new int[] {axisA, axisB}, sigmaMm);
    }

    /** Normalised Gaussian weights, index 0 at offset -r, r = (int) (3 sigma + 0.5) as scipy rounds it. */
    static double[] weights(double sigmaVoxels) {
        int r = (int) (3 * sigmaVoxels + 0.5);
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            w[k + r] = r == 0 ? 1 : Math.exp(-0.5 * k * k / (sigmaVoxels * sigmaVoxels));
            sum += w[k + r];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** The smoothed HU at scan voxel (x, y, z), the scan's own index order. */
    public double at(int x, int y, int z) {
        int[] v = {x, y, z};
        int a0 = axes[0];
        int a1 = axes[1];
        int c0 = v[a0];
        int c1 = v[a1];
        int r0 = w0.length / 2;
        int r1 = w1.length / 2;
        double sum = 0;
        if (shorts != null && c0 >= r0 && c0 + r0 < size[a0] && c1 >= r1 && c1 + r1 < size[a1]) {
            int corner = (z * size[1] + y) * size[0] + x - r0 * stride0 - r1 * stride1;
            for (int b = 0; b < w1.length; b++) {
                int row = corner + b * stride1;
                double rowSum = 0;
                for (int a = 0; a < w0.length; a++) {
                    rowSum += w0[a] * shorts[row + a * stride0];
                }
                sum += w1[b] * rowSum;
            }
            return sum;
        }
        for (int b = -r1; b <= r1; b++) {
            v[a1] = Math.min(size[a1] - 1, Math.max(0, c1 + b));
            double row = 0;
            for (int a = -r0; a <= r0; a++) {
                v[a0] = Math.min(size[a0] - 1, Math.max(0, c0 + a));
                row += w0[a + r0] * ct.valueAt((v[2] * size[1] + v[1]) * size[0] + v[0]);
            }
            sum += w1[b + r1] * row;
        }
        return sum;
    }

    /** The smoothed HU at the scan voxel of linear index {@code i} (x fastest). */
    public double atIndex(int i) {
        int plane = size[0] * size[1];
        int z = i / plane;
        int y = (i - z * plane) / size[0];
        return at(i - z * plane - y * size[0], y, z);
    }
}
