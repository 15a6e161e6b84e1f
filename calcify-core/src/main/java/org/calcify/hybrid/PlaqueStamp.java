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

    /** This stamp without the voxels {@code drop} accepts (they keep their HU). */
    public PlaqueStamp without(java.util.function.IntPredicate drop) {
        int[] v = new int[voxels.length];
        float[] a = new float[voxels.length];
        int n = 0;
        for (int k = 0; k < voxels.length; k++) {
            if (!drop.test(voxels[k])) {
                v[n] = voxels[k];
                a[n++] = addedHu[k];
            }
        }
        return n == voxels.length ? this : new PlaqueStamp(java.util.Arrays.copyOf(v, n), java.util.Arrays.copyOf(a, n));
    }

    /** The HU added to a background voxel of {@code hu}, as written: rounded, within int16. */
    public static short apply(int hu, float addedHu) {
        long v = hu + Math.round(addedHu);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
