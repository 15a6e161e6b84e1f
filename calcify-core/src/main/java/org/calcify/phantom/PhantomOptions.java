package org.calcify.phantom;

/**
 * What the phantom generator may vary.
 *
 * @param sizeXy     in-plane matrix size (rows = columns); in-plane spacing is drawn in 0.5-0.9 mm
 *                   and scaled by 512 / sizeXy so that smaller matrices still cover the chest
 * @param minSlices  fewest slices of a case
 * @param maxSlices  most slices of a case
 * @param contrast   contrast-filled blood pool (about 350 HU) instead of native blood (about 40 HU)
 */
public record PhantomOptions(int sizeXy, int minSlices, int maxSlices, boolean contrast) {
    public static final PhantomOptions DEFAULT = new PhantomOptions(512, 40, 80, false);

    public PhantomOptions {
        if (sizeXy < 32 || sizeXy > 2048) {
            throw new IllegalArgumentException("size must be in 32-2048, got " + sizeXy);
        }
        if (minSlices < 4 || maxSlices < minSlices || maxSlices > 2000) {
            throw new IllegalArgumentException("slices must be A-B with 4 <= A <= B <= 2000, got " + minSlices + "-" + maxSlices);
        }
    }
}
