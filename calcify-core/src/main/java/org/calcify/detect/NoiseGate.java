package org.calcify.detect;

import org.calcify.anatomy.InPlaneSmoothing;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.Component;

/**
 * What keeps the scan's noise from the classifier: a candidate in the heart region is classified only when it stands
 * out of the noise by two measures, each against the noise measured in the heart ({@link ThoraxAnatomy#noiseHu()})
 * and the HU of the tissue it lies in: by default the upper quartile of its surroundings ({@link LocalBackground}:
 * fat around an artery's calcification, blood around a speck of noise), or the blood pool's HU for every candidate.
 *
 * <ul>
 *   <li><b>significance</b> ({@link HeartRegionGate#significance}): the peak's rise above that tissue times the
 *   square root of the voxel count, over the noise;</li>
 *   <li><b>noise excess</b> ({@link #noiseExcess}): how far the component's mean HU lies above the mean that noise
 *   alone gives the voxels it lifts over the candidate threshold, in standard errors of that mean. Where blood
 *   (about 40 HU) carries 40-50 HU of noise, one voxel in 25 to 50 crosses 130 HU, and clusters of those crossings
 *   peak well above 150 HU (significance 8-13) while their mean stays near the noise's own (about 145-150 HU): a
 *   calcification's voxels lie above it throughout.</li>
 * </ul>
 *
 * A candidate that fails them is kept all the same when its <b>smoothed rise</b> ({@link #smoothedRise}) is high: the
 * peak of the scan smoothed in-plane over about a millimetre ({@link InPlaneSmoothing}) within the candidate, above the
 * same tissue, over the noise left after that smoothing ({@link ThoraxAnatomy#smoothedNoiseHu()}). Both tests above
 * look only at the voxels over the threshold, and under 40-50 HU of noise a faint plaque shows as few of them, and as
 * faint, as a speck; but its excess HU extends over the whole plaque, which smoothing keeps while it divides the
 * noise by 1.5-3.2.
 *
 * @param minSignificance candidates less significant than this are noise (0: no test)
 * @param minNoiseExcess  candidates with a smaller noise excess are noise (0 and below: no test)
 * @param background      what the rises are measured from
 * @param minSmoothedRise candidates failing the tests above are kept when their smoothed rise is at least this (0 and
 *                        below: never)
 * @param voxelCount      how a candidate's voxels count in both tests' square root
 */
public record NoiseGate(double minSignificance, double minNoiseExcess, Background background, double minSmoothedRise,
                        VoxelCount voxelCount) {

    /** How a candidate's voxels count as draws of the noise in the tests' square root. */
    public enum VoxelCount {
        /** Every voxel, as if the noise were white (the tests as chosen, and as training extraction gates). */
        EVERY,
        /**
         * Voxels over the noise's coherence area ({@link ThoraxAnatomy#noiseCoherenceVoxels()}), at least one: a
         * kernel correlates the noise over several voxels, and a cluster of it holds fewer independent draws than
         * voxels (the hybrid cases' noise: about 8 voxels per draw). Every voxel where the coherence was not measured.
         */
        INDEPENDENT
    }

    /** What a candidate's rise is measured from. */
    public enum Background {
        /** The blood pool's HU, measured once per scan (the tests as the shipped model was trained with). */
        BLOOD_POOL,
        /**
         * The upper quartile of the HU of the tissue around the candidate ({@link LocalBackground}): fat for a
         * calcification on an artery, blood or myocardium for a speck of noise.
         */
        LOCAL
    }

    /**
     * The default noise excess below which a candidate is noise: 3. Chosen, with the significance at its default
     * of 8, on five validation cohorts no benchmark uses, with the model shipped then, v3 (docs/detect.md): phantom cases at
     * 36.7-50 HU of noise (seeds 5152, 5153), plaque insertions into the real chest with 30 HU of extra noise (seeds
     * 4343, 4344) and phantom cases of the phantom's whole spread (seed 6262). 3 and 4 tied on mean lesion F1; 3
     * loses fewer true lesions. Lesion F1 without the test and with it: 0.498 -> 0.726, 0.513 -> 0.729, 0.887 ->
     * 0.904, 0.930 -> 0.943, 0.865 -> 0.906.
     */
    public static final double DEFAULT_MIN_NOISE_EXCESS = 3;

    /**
     * The default smoothed rise from which a candidate that fails the other tests is kept: 4.5. Chosen on the five
     * validation cohorts (see {@link #DEFAULT_MIN_NOISE_EXCESS}), lesion F1 without the rescue and with it at 4, 4.5
     * and 5: noisy 5152 0.785, 0.826, 0.830, 0.825; noisy 5153 0.779, 0.824, 0.851, 0.819; hybrid 4343 0.922, 0.923,
     * 0.923, 0.922; hybrid 4344 0.948, 0.935, 0.943, 0.948; phantom 6262 0.925, 0.904, 0.930, 0.930 (means 0.872,
     * 0.882, 0.895, 0.889).
     */
    public static final double DEFAULT_MIN_SMOOTHED_RISE = 4.5;

    /**
     * The detector's default significance with voxels counted over the noise's coherence area: 4. Chosen with
     * {@code calcify evaluate} on five validation cohorts of 20 cases each (regenerated with today's generators, seeds
     * 5152, 5153, 4343, 4344, 6262; model v5), mean lesion F1 over significance and noise excess (every voxel counted,
     * 8 and 3: 0.843): 4 and 3: 0.849; 4 and 2: 0.848; 4 and 1: 0.846; 5 and 2: 0.847; 3 and 2: 0.840.
     */
    public static final double DEFAULT_MIN_SIGNIFICANCE = 4;

    /**
     * The detector's default: significance 4 and noise excess 3 with a candidate's voxels counted over the noise's
     * coherence area ({@link VoxelCount#INDEPENDENT}), measured from each candidate's surroundings, rescued for a
     * smoothed rise of 4.5. (Every voxel counted, the tests were significance 8 and excess 3; on the five validation
     * cohorts of the earlier generators, lesion F1 measured from the blood pool -> from the surroundings: 0.726 ->
     * 0.785, 0.729 -> 0.779, 0.904 -> 0.922, 0.943 -> 0.948, 0.906 -> 0.925.)
     */
    public static final NoiseGate DEFAULT = new NoiseGate(DEFAULT_MIN_SIGNIFICANCE, DEFAULT_MIN_NOISE_EXCESS,
            Background.LOCAL, DEFAULT_MIN_SMOOTHED_RISE, VoxelCount.INDEPENDENT);

    public NoiseGate {
        if (!(minSignificance >= 0) || Double.isInfinite(minSignificance)) {
            throw new IllegalArgumentException("the minimum significance must be a number >= 0, got " + minSignificance);
        }
        if (Double.isNaN(minNoiseExcess) || Double.isInfinite(minNoiseExcess)) {
            throw new IllegalArgumentException("the minimum noise excess must be a number, got " + minNoiseExcess);
        }
        java.util.Objects.requireNonNull(background, "background");
        if (Double.isNaN(minSmoothedRise) || Double.isInfinite(minSmoothedRise)) {
            throw new IllegalArgumentException("the minimum smoothed rise must be a number, got " + minSmoothedRise);
        }
        java.util.Objects.requireNonNull(voxelCount, "voxelCount");
    }

    /** Every voxel counted (as the thresholds were chosen). */
    public NoiseGate(double minSignificance, double minNoiseExcess, Background background, double minSmoothedRise) {
        this(minSignificance, minNoiseExcess, background, minSmoothedRise, VoxelCount.EVERY);
    }

    /** The two tests without the smoothed rise. */
    public NoiseGate(double minSignificance, double minNoiseExcess, Background background) {
        this(minSignificance, minNoiseExcess, background, 0);
    }

    /**
     * How many draws of the noise a candidate of {@code voxels} holds, by this gate's {@link VoxelCount}: the voxels, or
     * the voxels over the noise's coherence area (at least 1) where that was measured.
     */
    public double draws(int voxels, ThoraxAnatomy anatomy) {
        double area = anatomy.noiseCoherenceVoxels();
        return voxelCount == VoxelCount.INDEPENDENT && area > 1 ? Math.max(1, voxels / area) : voxels;
    }

    /** Significance only (as training extraction gates candidates: the shipped model learnt on those). */
    public static NoiseGate significanceOnly(double minSignificance) {
        return new NoiseGate(minSignificance, 0, Background.BLOOD_POOL, 0);
    }

    /**
     * True when a candidate found at {@code thresholdHu} stands out of the noise by both measures. The noise excess
     * is asked for only where the noise can make candidates at all: where it puts at least one voxel of the heart
     * region above the threshold, on average ({@link #expectedNoiseVoxels}). At 15 HU of noise over 40 HU blood that
     * is about one voxel in 10^9, so there every cluster above 130 HU is something, however faint: a 2-voxel plaque
     * of 132 HU in a scan of 7 HU noise has a mean as low as noise's would be, but noise never gets there.
     */
    public boolean passes(Component c, ThoraxAnatomy anatomy, double thresholdHu) {
        return passes(c, anatomy, thresholdHu, anatomy.bloodPoolHu());
    }

    /**
     * As {@link #passes(Component, ThoraxAnatomy, double)}, with both rises measured from {@code localHu} (the
     * tissue around the candidate, {@link LocalBackground}) when this gate's background is {@link Background#LOCAL}
     * and it was measured; from the blood pool otherwise.
     */
    public boolean passes(Component c, ThoraxAnatomy anatomy, double thresholdHu, double localHu) {
        return measure(c, anatomy, thresholdHu, localHu).passes();
    }

    /**
     * What this gate's two tests measure of a candidate, and whether it passes them (as {@link #passes}).
     *
     * @param tissueHu     the HU both rises are measured from (the candidate's surroundings, or the blood pool)
     * @param significance the significance with the voxels counted as this gate counts them
     * @param noiseExcess  the noise excess, counted so; NaN where not asked: the significance failed already, this gate
     *                     has no excess test, or the scan's noise cannot make candidates
     * @param passes       whether the candidate passes both tests
     */
    public record Measures(double tissueHu, double significance, double noiseExcess, boolean passes) {
    }

    /** Measures {@code c} as {@link #passes(Component, ThoraxAnatomy, double, double)} tests it. */
    public Measures measure(Component c, ThoraxAnatomy anatomy, double thresholdHu, double localHu) {
        double from = from(anatomy, localHu);
        // both tests grow with sqrt(voxels): rescaled to sqrt(independent draws)
        double perDraw = Math.sqrt(draws(c.voxels(), anatomy) / c.voxels());
        double significance = HeartRegionGate.significance(c, anatomy.noiseHu(), from) * perDraw;
        boolean passes = significance >= minSignificance;
        double excess = Double.NaN;
        // the excess only where it decides (its normal tails cost more than all else here, and noisy scans have thousands of specks)
        if (passes && minNoiseExcess > 0 && expectedNoiseVoxels(c, anatomy, thresholdHu) >= 1) {
            excess = noiseExcess(c, anatomy.noiseHu(), from, thresholdHu) * perDraw;
            passes = excess >= minNoiseExcess;
        }
        return new Measures(from, significance, excess, passes);
    }

    /** What rises are measured from: the candidate's surroundings when this gate uses them and they were measured. */
    private double from(ThoraxAnatomy anatomy, double localHu) {
        double blood = anatomy.bloodPoolHu();
        // a scan whose blood pool was not measured keeps every candidate, as before
        return background == Background.LOCAL && !Double.isNaN(localHu) && !Double.isNaN(blood) ? localHu : blood;
    }

    /**
     * True when a candidate that fails {@link #passes} may be kept for its smoothed rise: this gate asks for one, and
     * the scan's noise can make candidates like it at all ({@link #expectedNoiseVoxels} at least 1, as for the noise
     * excess). In a quiet scan the tests of {@link #passes} stand alone: what fails them there is not hidden by noise.
     */
    public boolean asksSmoothedRise(Component c, ThoraxAnatomy anatomy, double thresholdHu) {
        return minSmoothedRise > 0 && anatomy.smoothedNoiseHu() > 0 && expectedNoiseVoxels(c, anatomy, thresholdHu) >= 1;
    }

    /**
     * True when the candidate's smoothed peak ({@code smoothedPeakHu}, the highest {@link InPlaneSmoothing} value among
     * its voxels) rises at least {@link #minSmoothedRise} above its tissue (for a candidate {@link #asksSmoothedRise}
     * asks it of).
     */
    public boolean keepsForSmoothedRise(double smoothedPeakHu, ThoraxAnatomy anatomy, double localHu) {
        return minSmoothedRise > 0 && smoothedRise(smoothedPeakHu, anatomy.smoothedNoiseHu(), from(anatomy, localHu)) >= minSmoothedRise;
    }

    /**
     * A candidate's smoothed rise: (its smoothed peak - the tissue's HU) / the smoothed scan's noise. NaN (never
     * kept) when that noise or the tissue was not measured.
     */
    public static double smoothedRise(double smoothedPeakHu, double smoothedNoiseHu, double tissueHu) {
        return smoothedNoiseHu > 0 ? (smoothedPeakHu - tissueHu) / smoothedNoiseHu : Double.NaN;
    }

    /**
     * How many voxels of the heart region the measured noise alone lifts from the blood pool's HU to
     * {@code thresholdHu} or above, on average (the region's voxel count, with the candidate's voxel size, times the
     * normal tail beyond the threshold). Infinite when the noise, the blood pool or the region was not measured.
     */
    public static double expectedNoiseVoxels(Component c, ThoraxAnatomy anatomy, double thresholdHu) {
        double noise = anatomy.noiseHu();
        double blood = anatomy.bloodPoolHu();
        double voxelMm3 = c.volumeMm3() / c.voxels();
        if (!(noise > 0) || Double.isNaN(blood) || !(anatomy.heartRegionMl() > 0) || !(voxelMm3 > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return anatomy.heartRegionMl() * 1000 / voxelMm3 * upperTail((thresholdHu - blood) / noise)[2];
    }

    /**
     * A candidate's noise excess: (its mean HU - m) x sqrt(voxels) / s, where m and s are the mean and standard
     * deviation of blood-pool HU plus the measured noise (normal) among the values at or above the candidate
     * threshold. Infinite when the noise or the blood pool was not measured.
     */
    public static double noiseExcess(Component c, ThoraxAnatomy anatomy, double thresholdHu) {
        return noiseExcess(c, anatomy.noiseHu(), anatomy.bloodPoolHu(), thresholdHu);
    }

    /** As above, with the noise and the tissue's HU (blood's, or the candidate's surroundings') given. */
    public static double noiseExcess(Component c, double noise, double blood, double thresholdHu) {
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
     * truncated below at {@code a}), and the probability that it is ({@code P(X >= a)}), by Simpson's rule over the
     * tail with the density taken relative to its value at the cut (so that the moments never underflow however far
     * out the cut lies; the probability does, to 0, beyond about 38).
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
        double tail = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI) * i0 * h / 3;
        return new double[] {a + meanT, Math.sqrt(var), tail};
    }
}
