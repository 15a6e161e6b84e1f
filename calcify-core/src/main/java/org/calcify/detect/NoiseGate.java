package org.calcify.detect;

import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.Component;

/**
 * What keeps the scan's noise from the classifier: a candidate in the heart region is classified only when it stands
 * out of the noise by two measures, each against the noise measured in the heart ({@link ThoraxAnatomy#noiseHu()})
 * and the blood pool's HU.
 *
 * <ul>
 *   <li><b>significance</b> ({@link HeartRegionGate#significance}): the peak's rise above the blood pool times the
 *   square root of the voxel count, over the noise;</li>
 *   <li><b>noise excess</b> ({@link #noiseExcess}): how far the component's mean HU lies above the mean that noise
 *   alone gives the voxels it lifts over the candidate threshold, in standard errors of that mean. Where blood
 *   (about 40 HU) carries 40-50 HU of noise, one voxel in 25 to 50 crosses 130 HU, and clusters of those crossings
 *   peak well above 150 HU (significance 8-13) while their mean stays near the noise's own (about 145-150 HU): a
 *   calcification's voxels lie above it throughout.</li>
 * </ul>
 *
 * @param minSignificance candidates less significant than this are noise (0: no test)
 * @param minNoiseExcess  candidates with a smaller noise excess are noise (0 and below: no test)
 */
public record NoiseGate(double minSignificance, double minNoiseExcess) {

    /**
     * The default noise excess below which a candidate is noise: 4. Chosen, with the significance at its default
     * of 8, on three validation cohorts no benchmark uses, with the shipped model (lesion F1 without the test and
     * with it at 4): 20 phantom cases at 36.7-50 HU of noise (seed 5152) 0.51 -> 0.72, 20 plaque insertions into
     * the real chest with 30 HU of extra noise (seed 4343) 0.89 -> 0.91, and 20 phantom cases of the phantom's
     * whole spread (seed 6262) 0.85 -> 0.91 (docs/benchmarks.md); 3 and 5 gave at most the same on each.
     */
    public static final double DEFAULT_MIN_NOISE_EXCESS = 4;

    /** The detector's default: significance 8 and noise excess 4. */
    public static final NoiseGate DEFAULT = new NoiseGate(HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE, DEFAULT_MIN_NOISE_EXCESS);

    public NoiseGate {
        if (!(minSignificance >= 0) || Double.isInfinite(minSignificance)) {
            throw new IllegalArgumentException("the minimum significance must be a number >= 0, got " + minSignificance);
        }
        if (Double.isNaN(minNoiseExcess) || Double.isInfinite(minNoiseExcess)) {
            throw new IllegalArgumentException("the minimum noise excess must be a number, got " + minNoiseExcess);
        }
    }

    /** Significance only (as training extraction gates candidates: the shipped model learnt on those). */
    public static NoiseGate significanceOnly(double minSignificance) {
        return new NoiseGate(minSignificance, 0);
    }

    /** True when a candidate found at {@code thresholdHu} stands out of the noise by both measures. */
    public boolean passes(Component c, ThoraxAnatomy anatomy, double thresholdHu) {
        return HeartRegionGate.significance(c, anatomy) >= minSignificance
                && (minNoiseExcess <= 0 || noiseExcess(c, anatomy, thresholdHu) >= minNoiseExcess);
    }

    /**
     * A candidate's noise excess: (its mean HU - m) x sqrt(voxels) / s, where m and s are the mean and standard
     * deviation of blood-pool HU plus the measured noise (normal) among the values at or above the candidate
     * threshold. Infinite when the noise or the blood pool was not measured.
     */
    public static double noiseExcess(Component c, ThoraxAnatomy anatomy, double thresholdHu) {
        double noise = anatomy.noiseHu();
        double blood = anatomy.bloodPoolHu();
        if (!(noise > 0) || Double.isNaN(blood)) {
            return Double.POSITIVE_INFINITY;
        }
        double[] tail = upperTail((thresholdHu - blood) / noise);
        double mean = blood + noise * tail[0];
        double sd = noise * tail[1];
        return (c.meanHu() - mean) * Math.sqrt(c.voxels()) / sd;
    }

    /**
     * Mean and standard deviation of a standard normal variable given that it is at least {@code a} (the normal
     * truncated below at {@code a}), by Simpson's rule over the tail with the density taken relative to its value at
     * the cut (so that no value underflows however far out the cut lies).
     */
    static double[] upperTail(double a) {
        // substitute x = a + t: density proportional to exp(-a t - t^2 / 2), t >= 0
        double span = a > 1 ? Math.min(12, 24 / a) : 12 - Math.min(0, a);
        int n = 4000;
        double h = span / n;
        double i0 = 0;
        double i1 = 0;
        double i2 = 0;
        for (int k = 0; k <= n; k++) {
            double t = k * h;
            double w = Math.exp(-a * t - t * t / 2) * (k == 0 || k == n ? 1 : (k % 2 == 1 ? 4 : 2));
            i0 += w;
            i1 += w * t;
            i2 += w * t * t;
        }
        double meanT = i1 / i0;
        double var = Math.max(0, i2 / i0 - meanT * meanT);
        return new double[] {a + meanT, Math.sqrt(var)};
    }
}
