package org.calcify.app.detect;

/**
 * How a cohort is detected. Build with {@link #builder()}; every setting has a default.
 *
 * @param voxelsPerLesion  voxels classified per candidate component (the peak first), at least 1
 * @param threads          scans processed at once, at least 1
 * @param allowContrast    score contrast-enhanced scans (with a warning) instead of refusing them
 * @param allowSharpKernel score sharp-kernel reconstructions (with a warning) instead of refusing them
 * @param writeAnatomy     also write the located anatomy as {@code anatomy.nii.gz}
 * @param minSignificance  candidates less significant than this are taken for noise (see {@code HeartRegionGate})
 */
public record DetectionOptions(int voxelsPerLesion, int threads, boolean allowContrast, boolean allowSharpKernel, boolean writeAnatomy,
                               double minSignificance) {

    public DetectionOptions {
        if (voxelsPerLesion < 1) {
            throw new IllegalArgumentException("classify at least one voxel per lesion, got " + voxelsPerLesion);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(minSignificance >= 0)) {
            throw new IllegalArgumentException("the minimum significance must be >= 0, got " + minSignificance);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings with defaults: 8 voxels per lesion, 1 thread, contrast and sharp kernels refused, no anatomy file. */
    public static final class Builder {
        private int voxelsPerLesion = 8;
        private int threads = 1;
        private boolean allowContrast;
        private boolean allowSharpKernel;
        private boolean writeAnatomy;
        private double minSignificance = org.calcify.detect.HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE;

        public Builder voxelsPerLesion(int n) {
            this.voxelsPerLesion = n;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder allowContrast(boolean on) {
            this.allowContrast = on;
            return this;
        }

        public Builder allowSharpKernel(boolean on) {
            this.allowSharpKernel = on;
            return this;
        }

        public Builder writeAnatomy(boolean on) {
            this.writeAnatomy = on;
            return this;
        }

        public Builder minSignificance(double s) {
            this.minSignificance = s;
            return this;
        }

        public DetectionOptions build() {
            return new DetectionOptions(voxelsPerLesion, threads, allowContrast, allowSharpKernel, writeAnatomy, minSignificance);
        }
    }
}
