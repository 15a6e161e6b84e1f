package org.calcify.extract;

import org.calcify.candidate.CandidateFinder;
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
 */
public record ExtractOptions(PatchMode mode, PatchShape shape, WindowLevel window, double[] spacingMm,
                             CandidateFinder candidates, int[] stride, int perClass, long seed, ContextCube context,
                             boolean heartRegionOnly, int perNegatives) {

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
