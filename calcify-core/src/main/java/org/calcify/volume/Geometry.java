package org.calcify.volume;

import java.util.Arrays;

/**
 * The grid of a volume in patient space.
 *
 * <p>Axis convention (used everywhere in Calcify): voxel arrays are indexed (z, y, x) =
 * (slice, row, column) in C order, so the flat index of voxel (z, y, x) is
 * {@code (z * sizeY + y) * sizeX + x}. Index i = x runs along a row, j = y down the rows,
 * k = z across slices.
 *
 * <p>World coordinates are millimetres in the DICOM patient frame LPS (+x to the patient's
 * left, +y posterior, +z superior). {@code direction} is a 3x3 row-major matrix whose
 * <em>columns</em> are the unit vectors of the x, y and z index axes in LPS (ITK's convention):
 * {@code world = origin + direction * diag(spacing) * (x, y, z)}. {@code origin} is the world
 * position of the centre of voxel (0, 0, 0).
 */
public final class Geometry {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private final int sizeX;
    private final int sizeY;
    private final int sizeZ;
    private final double[] spacingMm; // x, y, z
    private final double[] originMm; // LPS
    private final double[] direction; // row-major 3x3, columns = axis directions

    private Geometry(int sizeX, int sizeY, int sizeZ, double[] spacingMm, double[] originMm, double[] direction) {
        if (sizeX <= 0 || sizeY <= 0 || sizeZ <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + sizeX + "x" + sizeY + "x" + sizeZ);
        }
        if (voxelCount(sizeX, sizeY, sizeZ) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("volume of " + sizeX + "x" + sizeY + "x" + sizeZ
                    + " voxels exceeds the 2^31 voxels Calcify holds in one array");
        }
        check3("spacing", spacingMm);
        check3("origin", originMm);
        if (direction.length != 9) {
            throw new IllegalArgumentException("direction must have 9 elements");
        }
        for (double s : spacingMm) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacingMm));
            }
        }
        this.sizeX = sizeX;
        this.sizeY = sizeY;
        this.sizeZ = sizeZ;
        this.spacingMm = spacingMm.clone();
        this.originMm = originMm.clone();
        this.direction = direction.clone();
    }

    /** sizeX * sizeY * sizeZ, or Long.MAX_VALUE when the product overflows a long. */
    private static long voxelCount(int sizeX, int sizeY, int sizeZ) {
        try {
            return Math.multiplyExact(Math.multiplyExact((long) sizeX, sizeY), sizeZ);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void check3(String what, double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(what + " must have 3 elements");
        }
    }

    /** A grid with 1 mm spacing, origin 0 and identity direction. */
    public static Geometry of(int sizeX, int sizeY, int sizeZ) {
        return new Geometry(sizeX, sizeY, sizeZ, new double[] {1, 1, 1}, new double[3], IDENTITY);
    }

    /**
     * @param spacingMm (x, y, z) spacing in mm
     * @param originMm  LPS position of voxel (0, 0, 0) in mm
     * @param direction row-major 3x3, columns are the x, y, z axis unit vectors in LPS
     */
    public static Geometry of(int sizeX, int sizeY, int sizeZ, double[] spacingMm, double[] originMm, double[] direction) {
        return new Geometry(sizeX, sizeY, sizeZ, spacingMm, originMm, direction);
    }

    public Geometry withSpacing(double[] newSpacingMm) {
        return new Geometry(sizeX, sizeY, sizeZ, newSpacingMm, originMm, direction);
    }

    public Geometry withOrigin(double[] newOriginMm) {
        return new Geometry(sizeX, sizeY, sizeZ, spacingMm, newOriginMm, direction);
    }

    public Geometry withDirection(double[] newDirection) {
        return new Geometry(sizeX, sizeY, sizeZ, spacingMm, originMm, newDirection);
    }

    public Geometry withSize(int newX, int newY, int newZ) {
        return new Geometry(newX, newY, newZ, spacingMm, originMm, direction);
    }

    public int sizeX() { return sizeX; }
    public int sizeY() { return sizeY; }
    public int sizeZ() { return sizeZ; }

    /** Number of voxels. */
    public int voxelCount() {
        return sizeX * sizeY * sizeZ;
    }

    /** Shape in array order (z, y, x). */
    public int[] shapeZyx() {
        return new int[] {sizeZ, sizeY, sizeX};
    }

    /** Spacing (x, y, z) in mm. */
    public double[] spacingMm() { return spacingMm.clone(); }
    public double spacingX() { return spacingMm[0]; }
    public double spacingY() { return spacingMm[1]; }
    public double spacingZ() { return spacingMm[2]; }

    /** LPS origin in mm (centre of voxel 0,0,0). */
    public double[] originMm() { return originMm.clone(); }

    /** Row-major 3x3 direction matrix; column c is the LPS unit vector of index axis c (x, y, z). */
    public double[] direction() { return direction.clone(); }

    /** Direction cosine of index axis {@code axis} (0 = x, 1 = y, 2 = z) as an LPS vector. */
    public double[] axis(int axis) {
        return new double[] {direction[axis], direction[3 + axis], direction[6 + axis]};
    }

    /** Flat C-order index of voxel (z, y, x). */
    public int index(int z, int y, int x) {
        return (z * sizeY + y) * sizeX + x;
    }

    public boolean contains(int z, int y, int x) {
        return z >= 0 && y >= 0 && x >= 0 && z < sizeZ && y < sizeY && x < sizeX;
    }

    /** World (LPS, mm) position of the continuous index (x, y, z). Note the (x, y, z) order. */
    public double[] indexToWorld(double x, double y, double z) {
        double sx = x * spacingMm[0];
        double sy = y * spacingMm[1];
        double sz = z * spacingMm[2];
        return new double[] {
            originMm[0] + direction[0] * sx + direction[1] * sy + direction[2] * sz,
            originMm[1] + direction[3] * sx + direction[4] * sy + direction[5] * sz,
            originMm[2] + direction[6] * sx + direction[7] * sy + direction[8] * sz,
        };
    }

    /** Continuous index (x, y, z) of a world (LPS, mm) point; inverts {@link #indexToWorld}. */
    public double[] worldToIndex(double wx, double wy, double wz) {
        double[] inv = Matrix3.inverse(direction);
        double dx = wx - originMm[0];
        double dy = wy - originMm[1];
        double dz = wz - originMm[2];
        return new double[] {
            (inv[0] * dx + inv[1] * dy + inv[2] * dz) / spacingMm[0],
            (inv[3] * dx + inv[4] * dy + inv[5] * dz) / spacingMm[1],
            (inv[6] * dx + inv[7] * dy + inv[8] * dz) / spacingMm[2],
        };
    }

    /**
     * The 4x4 index-to-LPS affine, row-major, acting on (x, y, z, 1).
     */
    public double[] affineLps() {
        double[] a = new double[16];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                a[r * 4 + c] = direction[r * 3 + c] * spacingMm[c];
            }
            a[r * 4 + 3] = originMm[r];
        }
        a[15] = 1;
        return a;
    }

    /** True when both grids have the same size and (within {@code tolMm}) the same world placement. */
    public boolean sameGrid(Geometry o, double tolMm) {
        if (sizeX != o.sizeX || sizeY != o.sizeY || sizeZ != o.sizeZ) {
            return false;
        }
        double[] a = affineLps();
        double[] b = o.affineLps();
        for (int i = 0; i < 12; i++) {
            if (Math.abs(a[i] - b[i]) > tolMm) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && sizeX == g.sizeX && sizeY == g.sizeY && sizeZ == g.sizeZ
                && Arrays.equals(spacingMm, g.spacingMm) && Arrays.equals(originMm, g.originMm)
                && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * sizeX + sizeY) + sizeZ) + Arrays.hashCode(spacingMm);
    }

    @Override
    public String toString() {
        return "Geometry[" + sizeX + "x" + sizeY + "x" + sizeZ + " (x,y,z), spacing " + Arrays.toString(spacingMm)
                + " mm, origin " + Arrays.toString(originMm) + ", direction " + Arrays.toString(direction) + "]";
    }
}
