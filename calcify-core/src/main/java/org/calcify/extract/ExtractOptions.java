package org.calcify.extract;

import org.calcify.candidate.CandidateFinder;
import org.calcify.detect.HeartRegionGate;
import org.calcify.patch.ContextCube;
import org.calcify.patch.PatchShape;
import org.calcify.window.WindowLevel;

/**
 * Settings of {@link PatchExtraction}.
 *
 * @param mode       tri-planar or cube
 * @param shape      patch half-sizes
 * @param window     window/level to uint8
 * @param spacingMm  (x, y, z) spacing to resample each scan to first, or null to keep it
 * @param candidates candidate finder when voxels come from candidates, else null
 * @param stride     (z, y, x) grid stride when voxels come from a sliding window, else null
 * @param perClass   class-balanced sampling: at most this many voxels per label (0: keep all)
 * @param seed       seed of the sampling
 * @param context    coarse context cube cut beside every patch ({@code context.npy}), or null for none
 * @param heartRegionOnly with candidates: keep only those in the heart region, as {@code calcify detect} classifies
 * @param perNegatives with {@code perClass}: the quota of label 0 (no calcium), 0 for the same as every label
 * @param minSignificance with {@code heartRegionOnly}: candidates less significant than this are dropped as noise
 *                        ({@link HeartRegionGate#significance}; detect's default unless told, 0 keeps all)
 */
public record ExtractOptions(PatchMode mode, PatchShape shape, WindowLevel window, double[] spacingMm,
                             CandidateFinder candidates, int[] stride, int perClass, long seed, ContextCube context,
                             boolean heartRegionOnly, int perNegatives, double minSignificance) {

    public ExtractOptions {
        if (!(minSignificance >= 0) || Double.isInfinite(minSignificance)) {
            throw new IllegalArgumentException("the minimum significance must be a number >= 0, got " + minSignificance);
        }
    }

    /** Candidates in the heart region gated as {@code calcify detect} gates them by default. */
    public ExtractOptions(PatchMode mode, PatchShape shape, WindowLevel window, double[] spacingMm,
                          CandidateFinder candidates, int[] stride, int perClass, long seed, ContextCube context,
                          boolean heartRegionOnly, int perNegatives) {
        this(mode, shape, window, spacingMm, candidates, stride, perClass, seed, context, heartRegionOnly, perNegatives,
                HeartRegionGate.DEFAULT_MIN_SIGNIFICANCE);
    }

    /** Every label with the same quota. */
    public ExtractOptions(PatchMode mode, PatchShape shape, WindowLevel window, double[] spacingMm,
                          CandidateFinder candidates, int[] stride, int perClass, long seed, ContextCube context,
                          boolean heartRegionOnly) {
        this(mode, shape, window, spacingMm, candidates, stride, perClass, seed, context, heartRegionOnly, 0);
    }

    /** Candidates from the whole body. */
    public ExtractOptions(PatchMode mode, PatchShape shape, WindowLevel window, double[] spacingMm,
                          CandidateFinder candidates, int[] stride, int perClass, long seed, ContextCube context) {
        this(mode, shape, window, spacingMm, candidates, stride, perClass, seed, context, false);
    }

    /** Without a context cube. */
    public ExtractOptions(PatchMode mode, PatchShape shape, WindowLevel window, double[] spacingMm,
                          CandidateFinder candidates, int[] stride, int perClass, long seed) {
        this(mode, shape, window, spacingMm, candidates, stride, perClass, seed, null);
    }
}
