package org.calcify.patch;

import org.calcify.volume.DataType;
import org.calcify.volume.Volume;

/**
 * A window-levelled uint8 scan prepared for fast patch extraction: the (z, y, x) array plus two
 * reordered copies, (y, z, x) for coronal planes and (x, z, y) for sagittal planes, so that every
 * plane is a run of contiguous rows a few hundred bytes apart (prefetch- and TLB-friendly) instead of
 * rows one slice apart or a gather with a stride of one image row per voxel. Built once per scan,
 * shared by all threads. The two copies are made on the first tri-planar cut only (cubes and context
 * cubes read the (z, y, x) array): a detector that cuts cubes never pays two volumes of memory for them.
 */
public final class PatchSource {
    private final int sizeZ;
    private final int sizeY;
    private final int sizeX;
    private final byte[] zyx;
    private volatile byte[] yzx;
    private volatile byte[] xzy;

    private PatchSource(int sizeZ, int sizeY, int sizeX, byte[] zyx) {
        this.sizeZ = sizeZ;
        this.sizeY = sizeY;
        this.sizeX = sizeX;
        this.zyx = zyx;
    }

    /** From a uint8 volume (e.g. {@code WindowLevel.applyToVolume}). */
    public static PatchSource of(Volume uint8) {
        if (uint8.type() != DataType.UINT8) {
            throw new IllegalArgumentException("patches are cut from window-levelled uint8 volumes, got " + uint8.type());
        }
        return new PatchSource(uint8.sizeZ(), uint8.sizeY(), uint8.sizeX(), uint8.bytes());
    }

    /** From a raw (z, y, x) C-order uint8 array; the array is shared, not copied. */
    public static PatchSource of(byte[] zyx, int sizeZ, int sizeY, int sizeX) {
        if ((long) sizeZ * sizeY * sizeX != zyx.length) {
            throw new IllegalArgumentException("array of " + zyx.length + " bytes is not " + sizeZ + "x" + sizeY + "x" + sizeX);
        }
        return new PatchSource(sizeZ, sizeY, sizeX, zyx);
    }

    /** (z, y, x) -> (y, z, x): whole rows move, so this is a series of row copies. */
    private static byte[] toYzx(byte[] zyx, int nz, int ny, int nx) {
        byte[] t = new byte[zyx.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                System.arraycopy(zyx, (z * ny + y) * nx, t, (y * nz + z) * nx, nx);
            }
        }
        return t;
    }

    /** (z, y, x) -> (x, z, y): a blocked transpose of each slice keeps both sides in cache. */
    private static byte[] toXzy(byte[] zyx, int nz, int ny, int nx) {
        byte[] t = new byte[zyx.length];
        int plane = ny * nx;
        final int b = 32;
        for (int z = 0; z < nz; z++) {
            int base = z * plane;
            for (int y0 = 0; y0 < ny; y0 += b) {
                int y1 = Math.min(ny, y0 + b);
                for (int x0 = 0; x0 < nx; x0 += b) {
                    int x1 = Math.min(nx, x0 + b);
                    for (int y = y0; y < y1; y++) {
                        int src = base + y * nx;
                        for (int x = x0; x < x1; x++) {
                            t[(x * nz + z) * ny + y] = zyx[src + x];
                        }
                    }
                }
            }
        }
        return t;
    }

    public int sizeZ() { return sizeZ; }
    public int sizeY() { return sizeY; }
    public int sizeX() { return sizeX; }

    /** The (z, y, x) array (shared). */
    byte[] zyx() { return zyx; }

    /** The (y, z, x) copy: coronal rows (made on first use). */
    byte[] yzx() {
        byte[] t = yzx;
        if (t == null) {
            synchronized (this) {
                t = yzx;
                if (t == null) {
                    t = toYzx(zyx, sizeZ, sizeY, sizeX);
                    yzx = t;
                }
            }
        }
        return t;
    }

    /** The (x, z, y) copy: sagittal rows (made on first use). */
    byte[] xzy() {
        byte[] t = xzy;
        if (t == null) {
            synchronized (this) {
                t = xzy;
                if (t == null) {
                    t = toXzy(zyx, sizeZ, sizeY, sizeX);
                    xzy = t;
                }
            }
        }
        return t;
    }

    /** Value of voxel (z, y, x), 0 outside the scan. */
    public int value(int z, int y, int x) {
        if (z < 0 || y < 0 || x < 0 || z >= sizeZ || y >= sizeY || x >= sizeX) {
            return 0;
        }
        return zyx[(z * sizeY + y) * sizeX + x] & 0xFF;
    }
}
