package org.calcify.seed;

import java.util.List;
import org.calcify.patch.PatchShape;
import org.calcify.window.WindowLevel;

/**
 * Settings of a seed-extract job.
 *
 * @param folds   fold numbers to process (empty: every fold found)
 * @param compat  reproduce the thread exactly (80-slice centring without the z shift; 512x512, at most 80 slices)
 * @param format  output layout
 * @param window  window/level to uint8 (the thread's c=50, w=400 by default)
 * @param shape   patch half-sizes (the thread's 21x65x65 by default)
 * @param threads worker threads
 */
public record SeedExtractOptions(List<Integer> folds, boolean compat, SeedOutputFormat format, WindowLevel window,
                                 PatchShape shape, int threads) {
    public SeedExtractOptions {
        folds = List.copyOf(folds);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1");
        }
        if (compat && !shape.equals(PatchShape.THREAD)) {
            throw new IllegalArgumentException("--compat reproduces the thread's 65x65 / 21x65 patches; it takes no other size");
        }
    }

    public static SeedExtractOptions defaults() {
        return new SeedExtractOptions(List.of(), false, SeedOutputFormat.PKL, WindowLevel.of(50, 400), PatchShape.THREAD,
                Runtime.getRuntime().availableProcessors());
    }
}
