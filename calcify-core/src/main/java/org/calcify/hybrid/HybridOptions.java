package org.calcify.hybrid;

/**
 * What {@link HybridGenerator} may vary per case; built with {@link #builder()}, every setting optional.
 *
 * @param minCoronary        fewest coronary plaques in a case with plaques
 * @param maxCoronary        most coronary plaques
 * @param minNonCoronary     fewest non-coronary calcifications (aortic root, mitral annulus)
 * @param maxNonCoronary     most non-coronary calcifications
 * @param emptyFraction      share of cases left without any plaque (the background as it is, after augmentation)
 * @param maxShiftMm         largest in-plane shift, mm (drawn uniformly per axis, rounded to whole voxels)
 * @param maxCropSlices      most slices cropped at each end of the z axis
 * @param maxExtraNoiseHu    largest extra noise (standard deviation, HU); each case draws 0 to this
 * @param noiseCorrelationMm in-plane correlation (Gaussian sigma) of the extra noise, mm
 * @param minPsfMm           smallest in-plane point-spread function (Gaussian sigma) the plaques are blurred by, mm
 * @param maxPsfMm           largest point-spread function, mm
 * @param extensiveShare     share of coronary plaques drawn {@linkplain PlaqueSampler#extensive extensive} (following the
 *                           artery's path for 10-30 mm, 1.0-2.5 mm across); 0 draws none and leaves every other draw as it was
 */
public record HybridOptions(int minCoronary, int maxCoronary, int minNonCoronary, int maxNonCoronary, double emptyFraction,
                            double maxShiftMm, int maxCropSlices, double maxExtraNoiseHu, double noiseCorrelationMm,
                            double minPsfMm, double maxPsfMm, double extensiveShare) {
    /** The defaults: 1-4 coronary and 0-1 non-coronary plaques, 20% empty, 10 mm shifts, 1 slice crops, no extra noise, none extensive. */
    public static final HybridOptions DEFAULT = builder().build();

    public HybridOptions {
        check(minCoronary >= 0 && maxCoronary >= minCoronary && maxCoronary <= 50, "coronary plaques must be A-B with 0 <= A <= B <= 50, got "
                + minCoronary + "-" + maxCoronary);
        check(minNonCoronary >= 0 && maxNonCoronary >= minNonCoronary && maxNonCoronary <= 20,
                "non-coronary calcifications must be A-B with 0 <= A <= B <= 20, got " + minNonCoronary + "-" + maxNonCoronary);
        check(emptyFraction >= 0 && emptyFraction <= 1, "empty fraction must be in 0-1, got " + emptyFraction);
        check(maxShiftMm >= 0 && maxShiftMm <= 100, "shift must be 0-100 mm, got " + maxShiftMm);
        check(maxCropSlices >= 0 && maxCropSlices <= 100, "slice crop must be 0-100, got " + maxCropSlices);
        check(maxExtraNoiseHu >= 0 && maxExtraNoiseHu <= 200, "extra noise must be 0-200 HU, got " + maxExtraNoiseHu);
        check(noiseCorrelationMm > 0 && noiseCorrelationMm <= 10, "noise correlation must be in (0, 10] mm, got " + noiseCorrelationMm);
        check(minPsfMm >= 0 && maxPsfMm >= minPsfMm && maxPsfMm <= 5, "PSF must be A-B mm with 0 <= A <= B <= 5, got " + minPsfMm + "-" + maxPsfMm);
        check(extensiveShare >= 0 && extensiveShare <= 1, "extensive plaque share must be in 0-1, got " + extensiveShare);
        check(maxCoronary + maxNonCoronary > 0 || emptyFraction == 1, "cases with plaques need at least one plaque (raise the plaque counts)");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HybridOptions}; {@link #build()} validates. */
    public static final class Builder {
        private int minCoronary = 1;
        private int maxCoronary = 4;
        private int minNonCoronary = 0;
        private int maxNonCoronary = 1;
        private double emptyFraction = 0.2;
        private double maxShiftMm = 10;
        private int maxCropSlices = 1;
        private double maxExtraNoiseHu = 0;
        private double noiseCorrelationMm = 0.8;
        private double minPsfMm = 0.5;
        private double maxPsfMm = 0.8;
        private double extensiveShare = 0;

        private Builder() {
        }

        public Builder optCoronary(int min, int max) {
            minCoronary = min;
            maxCoronary = max;
            return this;
        }

        public Builder optNonCoronary(int min, int max) {
            minNonCoronary = min;
            maxNonCoronary = max;
            return this;
        }

        public Builder optEmptyFraction(double f) {
            emptyFraction = f;
            return this;
        }

        public Builder optMaxShiftMm(double mm) {
            maxShiftMm = mm;
            return this;
        }

        public Builder optMaxCropSlices(int n) {
            maxCropSlices = n;
            return this;
        }

        public Builder optMaxExtraNoiseHu(double hu) {
            maxExtraNoiseHu = hu;
            return this;
        }

        public Builder optNoiseCorrelationMm(double mm) {
            noiseCorrelationMm = mm;
            return this;
        }

        public Builder optPsfMm(double min, double max) {
            minPsfMm = min;
            maxPsfMm = max;
            return this;
        }

        public Builder optExtensiveShare(double share) {
            extensiveShare = share;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} naming the setting that is out of range. */
        public HybridOptions build() {
            return new HybridOptions(minCoronary, maxCoronary, minNonCoronary, maxNonCoronary, emptyFraction, maxShiftMm,
                    maxCropSlices, maxExtraNoiseHu, noiseCorrelationMm, minPsfMm, maxPsfMm, extensiveShare);
        }
    }
}
