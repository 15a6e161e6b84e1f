package org.calcify.hybrid;

/**
 * What one plaque adds to a scan: the voxels whose HU it changes (where its blurred, slice-averaged
 * attenuation rounds to at least 1 HU) and the HU it adds there, before rounding.
 *
 * @param voxels  flat (z, y, x) C-order indices, ascending
 * @param addedHu HU added at each, same order (all at least 0.5)
 */
public record PlaqueStamp(int[] voxels, float[] addedHu) {
    public PlaqueStamp {
        if (voxels.length != addedHu.length) {
            throw new IllegalArgumentException("voxels and addedHu differ in length");
        }
    }

    /** Number of changed voxels. */
    public int size() {
        return voxels.length;
    }

    /** The HU added to a background voxel of {@code hu}, as written: rounded, within int16. */
    public static short apply(int hu, float addedHu) {
        long v = hu + Math.round(addedHu);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
