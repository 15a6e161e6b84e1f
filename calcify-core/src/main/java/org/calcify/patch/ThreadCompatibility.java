package org.calcify.patch;

/**
 * The forum thread's placement, reproduced only where asked for ({@code --compat}).
 *
 * <p>The thread copies each scan into an 80-slice array starting at slice
 * {@code start = (80 - nz) // 2} and then indexes that array with the voxel's own z, never adding
 * {@code start}. Its patches are therefore centred on scan slice {@code z - start}, not z: for a
 * 60-slice scan every patch is 10 slices off its voxel. Scans of more than 80 slices make
 * {@code start} negative and the copy fails; the script also assumes 512 x 512 slices.
 */
public final class ThreadCompatibility {
    /** The thread's {@code ct_slice_num}. */
    public static final int SLICES = 80;
    /** The thread's in-plane size. */
    public static final int IN_PLANE = 512;

    private ThreadCompatibility() {
    }

    /** The thread's {@code start_index} for a scan of {@code sizeZ} slices. */
    public static int startIndex(int sizeZ) {
        return Math.floorDiv(SLICES - sizeZ, 2);
    }

    /** The scan slice on which the thread centres the patch of a voxel at slice {@code z}. */
    public static int centreSlice(int sizeZ, int z) {
        return z - startIndex(sizeZ);
    }

    /** Why the thread's script cannot process a scan of this size, or {@code null} if it can. */
    public static String unsupportedReason(int sizeZ, int sizeY, int sizeX) {
        if (sizeZ > SLICES) {
            return "scan has " + sizeZ + " slices; the thread's script (--compat) handles at most " + SLICES
                    + " (it crashes); drop --compat for correct patches";
        }
        if (sizeY != IN_PLANE || sizeX != IN_PLANE) {
            return "scan is " + sizeY + "x" + sizeX + " in-plane; the thread's script (--compat) assumes 512x512;"
                    + " drop --compat for correct patches";
        }
        return null;
    }
}
