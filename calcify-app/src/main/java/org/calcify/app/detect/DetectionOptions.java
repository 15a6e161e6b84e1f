package org.calcify.app.detect;

import org.calcify.detect.NoiseGate;

/**
 * How a cohort is detected. Build with {@link #builder()}; every setting has a default.
 *
 * @param voxelsPerLesion  voxels classified per candidate component (the peak first), at least 1
 * @param threads          scans processed at once, at least 1
 * @param allowContrast    score contrast-enhanced scans (with a warning) instead of refusing them
 * @param allowSharpKernel score sharp-kernel reconstructions (with a warning) instead of refusing them
 * @param writeAnatomy     also write the located anatomy as {@code anatomy.nii.gz}
 * @param noiseGate        candidates that do not pass it are taken for noise (see {@link NoiseGate})
 * @param writeCandidates  also write every candidate found, with the gate's and the classifier's verdicts, as
 *                         {@code candidates.csv} ({@link CandidateRow})
 */
public record DetectionOptions(int voxelsPerLesion, int threads, boolean allowContrast, boolean allowSharpKernel, boolean writeAnatomy,
                               NoiseGate noiseGate, boolean writeCandidates) {

    public DetectionOptions {
        if (voxelsPerLesion < 1) {
            throw new IllegalArgumentException("classify at least one voxel per lesion, got " + voxelsPerLesion);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        java.util.Objects.requireNonNull(noiseGate, "noiseGate");
    }

    /** Options without the candidates' table. */
    public DetectionOptions(int voxelsPerLesion, int threads, boolean allowContrast, boolean allowSharpKernel, boolean writeAnatomy,
                            NoiseGate noiseGate) {
        this(voxelsPerLesion, threads, allowContrast, allowSharpKernel, writeAnatomy, noiseGate, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings with defaults: 8 voxels per lesion, 1 thread, contrast and sharp kernels refused, no anatomy file, no candidates' table. */
    public static final class Builder {
        private int voxelsPerLesion = 8;
        private int threads = 1;
        private boolean allowContrast;
        private boolean allowSharpKernel;
        private boolean writeAnatomy;
        private boolean writeCandidates;
        private double minSignificance = NoiseGate.DEFAULT.minSignificance();
        private double minNoiseExcess = NoiseGate.DEFAULT.minNoiseExcess();
        private NoiseGate.Background noiseBackground = NoiseGate.DEFAULT.background();
        private double minSmoothedRise = NoiseGate.DEFAULT.minSmoothedRise();
        private NoiseGate.VoxelCount noiseVoxels = NoiseGate.DEFAULT.voxelCount();

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

        public Builder writeCandidates(boolean on) {
            this.writeCandidates = on;
            return this;
        }

        public Builder minSignificance(double s) {
            this.minSignificance = s;
            return this;
        }

        public Builder minNoiseExcess(double z) {
            this.minNoiseExcess = z;
            return this;
        }

        public Builder noiseBackground(NoiseGate.Background b) {
            this.noiseBackground = b;
            return this;
        }

        public Builder minSmoothedRise(double z) {
            this.minSmoothedRise = z;
            return this;
        }

        /** How a candidate's voxels count in the noise tests ({@link NoiseGate.VoxelCount}). */
        public Builder noiseVoxels(NoiseGate.VoxelCount count) {
            this.noiseVoxels = count;
            return this;
        }

        public DetectionOptions build() {
            return new DetectionOptions(voxelsPerLesion, threads, allowContrast, allowSharpKernel, writeAnatomy,
                    new NoiseGate(minSignificance, minNoiseExcess, noiseBackground, minSmoothedRise, noiseVoxels), writeCandidates);
        }
    }
}
