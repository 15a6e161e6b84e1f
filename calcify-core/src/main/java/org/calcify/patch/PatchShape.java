package org.calcify.patch;

/**
 * The extent of a patch around its centre voxel, as half-sizes: a half-size h gives 2h + 1 voxels.
 * The forum thread's tri-planar patches and Calcify's default cube are {@link #THREAD}: 21 slices
 * (z), 65 rows (y), 65 columns (x).
 *
 * @param halfZ slices on each side of the centre
 * @param halfY rows on each side of the centre
 * @param halfX columns on each side of the centre
 */
public record PatchShape(int halfZ, int halfY, int halfX) {
    /** 21 x 65 x 65 (z, y, x): axial 65x65, sagittal 21x65, coronal 21x65. */
    public static final PatchShape THREAD = new PatchShape(10, 32, 32);

    public PatchShape {
        if (halfZ < 0 || halfY < 0 || halfX < 0) {
            throw new IllegalArgumentException("half-sizes must be >= 0, got " + halfZ + ", " + halfY + ", " + halfX);
        }
        if ((long) (2 * halfZ + 1) * (2 * halfY + 1) * (2 * halfX + 1) > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("patch too large");
        }
    }

    /** A shape from odd full sizes (z, y, x), e.g. 21, 65, 65. */
    public static PatchShape ofSizes(int sizeZ, int sizeY, int sizeX) {
        for (int s : new int[] {sizeZ, sizeY, sizeX}) {
            if (s < 1 || s % 2 == 0) {
                throw new IllegalArgumentException("patch sizes must be odd and positive (a centre voxel), got "
                        + sizeZ + "x" + sizeY + "x" + sizeX);
            }
        }
        return new PatchShape(sizeZ / 2, sizeY / 2, sizeX / 2);
    }

    public int sizeZ() { return 2 * halfZ + 1; }
    public int sizeY() { return 2 * halfY + 1; }
    public int sizeX() { return 2 * halfX + 1; }

    /** Voxels of the axial plane: sizeY x sizeX. */
    public int axialLength() { return sizeY() * sizeX(); }

    /** Voxels of the sagittal plane: sizeZ x sizeY. */
    public int sagittalLength() { return sizeZ() * sizeY(); }

    /** Voxels of the coronal plane: sizeZ x sizeX. */
    public int coronalLength() { return sizeZ() * sizeX(); }

    /** Voxels of the cube: sizeZ x sizeY x sizeX. */
    public int cubeLength() { return sizeZ() * sizeY() * sizeX(); }

    @Override
    public String toString() {
        return sizeZ() + "x" + sizeY() + "x" + sizeX();
    }
}
