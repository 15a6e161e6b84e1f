package org.calcify.hybrid;

import java.util.Arrays;
import org.calcify.volume.Geometry;

/**
 * Images a {@link PlaqueModel} the way the scanner would have: each blob is blurred by the in-plane
 * point-spread function (a Gaussian of {@code psfMm} along the image's row and column axes, done
 * exactly: a Gaussian blob convolved with a Gaussian stays Gaussian, its covariance the sum and its
 * amplitude scaled by the square root of the ratio of determinants, so the calcium's mass is kept),
 * then averaged over the reconstructed slice: {@link #subSamples} planes evenly spread across the
 * slice thickness along the z index axis (partial volume). The result is the HU added to each voxel
 * where it rounds to at least 1 HU.
 */
public final class PlaqueStamper {
    /** Blobs are evaluated out to where they fall below this HU (the sum of all tails stays below 0.5). */
    private static final double TAIL_HU = 0.02;
    /** Sub-sampling step across the slice, mm. */
    static final double SUB_SAMPLE_MM = 0.25;

    private final Geometry g;
    private final double thicknessMm;
    private final double psfMm;

    /**
     * @param g           the scan's grid
     * @param thicknessMm reconstructed slice thickness, mm
     * @param psfMm       in-plane point-spread function, Gaussian sigma in mm
     */
    public PlaqueStamper(Geometry g, double thicknessMm, double psfMm) {
        if (!(thicknessMm > 0) || !(psfMm >= 0)) {
            throw new IllegalArgumentException("slice thickness must be > 0 and PSF >= 0 mm");
        }
        this.g = g;
        this.thicknessMm = thicknessMm;
        this.psfMm = psfMm;
    }

    /** Number of planes averaged across one slice. */
    public int subSamples() {
        return Math.max(5, (int) Math.ceil(thicknessMm / SUB_SAMPLE_MM));
    }

    /** The voxels the plaque changes and the HU it adds there. */
    public PlaqueStamp stamp(PlaqueModel p) {
        int nb = p.blobs().size();
        double[][] mu = new double[nb][];
        double[][] inv = new double[nb][];
        double[] amp = new double[nb];
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] ex = g.axis(0);
        double[] ey = g.axis(1);
        double[] ez = g.axis(2);
        double half = thicknessMm / 2;
        for (int b = 0; b < nb; b++) {
            PlaqueModel.Blob blob = p.blobs().get(b);
            double sl = blob.sigmaLongMm();
            double sp = blob.sigmaPerpMm();
            double[] a = blob.axis();
            double[] cov = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    cov[3 * i + j] = (i == j ? sp * sp : 0) + (sl * sl - sp * sp) * a[i] * a[j]
                            + psfMm * psfMm * (ex[i] * ex[j] + ey[i] * ey[j]);
                }
            }
            double det0 = sl * sl * sp * sp * sp * sp;
            double det1 = det(cov);
            amp[b] = blob.amplitudeHu() * Math.sqrt(det0 / det1);
            inv[b] = inverse(cov, det1);
            mu[b] = blob.centreLps();
            double lambdaMax = Math.max(sl * sl, sp * sp) + psfMm * psfMm;
            double r = Math.sqrt(lambdaMax * 2 * Math.log(Math.max(1.0, amp[b] / TAIL_HU)));
            for (int k = 0; k < 3; k++) {
                double reach = r + half * Math.abs(ez[k]);
                lo[k] = Math.min(lo[k], mu[b][k] - reach);
                hi[k] = Math.max(hi[k], mu[b][k] + reach);
            }
        }
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            double[] idx = g.worldToIndex((corner & 1) == 0 ? lo[0] : hi[0], (corner & 2) == 0 ? lo[1] : hi[1],
                    (corner & 4) == 0 ? lo[2] : hi[2]);
            for (int k = 0; k < 3; k++) {
                min[k] = Math.min(min[k], (int) Math.floor(idx[k]));
                max[k] = Math.max(max[k], (int) Math.ceil(idx[k]));
            }
        }
        int[] size = {g.sizeX(), g.sizeY(), g.sizeZ()};
        for (int k = 0; k < 3; k++) {
            min[k] = Math.max(0, min[k]);
            max[k] = Math.min(size[k] - 1, max[k]);
        }
        int subs = subSamples();
        double[] offsets = new double[subs];
        for (int s = 0; s < subs; s++) {
            offsets[s] = ((s + 0.5) / subs - 0.5) * thicknessMm / g.spacingZ();
        }
        int cap = 1024;
        int[] vox = new int[cap];
        float[] add = new float[cap];
        int n = 0;
        for (int z = min[2]; z <= max[2]; z++) {
            for (int y = min[1]; y <= max[1]; y++) {
                for (int x = min[0]; x <= max[0]; x++) {
                    double sum = 0;
                    for (double off : offsets) {
                        double[] w = g.indexToWorld(x, y, z + off);
                        for (int b = 0; b < nb; b++) {
                            sum += amp[b] * Math.exp(-0.5 * quad(inv[b], w[0] - mu[b][0], w[1] - mu[b][1], w[2] - mu[b][2]));
                        }
                    }
                    double v = sum / subs;
                    if (v >= 0.5) {
                        if (n == cap) {
                            cap *= 2;
                            vox = Arrays.copyOf(vox, cap);
                            add = Arrays.copyOf(add, cap);
                        }
                        vox[n] = g.index(z, y, x);
                        add[n++] = (float) v;
                    }
                }
            }
        }
        return new PlaqueStamp(Arrays.copyOf(vox, n), Arrays.copyOf(add, n));
    }

    private static double quad(double[] m, double x, double y, double z) {
        return x * (m[0] * x + m[1] * y + m[2] * z) + y * (m[3] * x + m[4] * y + m[5] * z) + z * (m[6] * x + m[7] * y + m[8] * z);
    }

    static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static double[] inverse(double[] m, double det) {
        return new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
        };
    }
}
