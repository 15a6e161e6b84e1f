package org.calcify.spark;

import java.io.Serializable;
import org.calcify.candidate.CandidateFinder;
import org.calcify.extract.ExtractOptions;
import org.calcify.extract.PatchMode;
import org.calcify.patch.ContextCube;
import org.calcify.patch.PatchShape;
import org.calcify.window.WindowPreset;

/**
 * What {@code cohort extract} cuts, as a task receives it: candidates (every voxel at or above {@code thresholdHu},
 * in 3D components) sampled class-balanced, as {@code calcify extract --candidates} does.
 *
 * @param sizeZyx   odd patch extents, Z,Y,X
 * @param window    window text ({@code 50,400}, {@code lo..hi} or a preset)
 * @param context   the context cube's text, or null for none
 * @param minSignificance with {@code heartRegion}: the noise gate's significance (as {@code calcify extract --min-significance})
 * @param perClass  at most this many voxels per label and partition (0: all)
 */
record ExtractSettings(PatchMode mode, int[] sizeZyx, String window, double thresholdHu, double minAreaMm2, boolean heartRegion,
                       double minSignificance, int perClass, int perNegatives, long seed, String context) implements Serializable {

    /** Checked options ({@link IllegalArgumentException} naming the bad one). */
    ExtractOptions options() {
        CandidateFinder finder = CandidateFinder.builder().thresholdHu(thresholdHu).minAreaMm2(minAreaMm2).build();
        return new ExtractOptions(mode, PatchShape.ofSizes(sizeZyx[0], sizeZyx[1], sizeZyx[2]), WindowPreset.parse(window), null, finder,
                null, perClass, seed, context == null ? null : ContextCube.parse(context), heartRegion, perNegatives,
                minSignificance);
    }
}
