package org.calcify.patch;

/**
 * Cuts 3D cubes centred on voxel (z, y, x): slices z-hz..z+hz x rows y-hy..y+hy x columns x-hx..x+hx,
 * (z, y, x) C order, zero outside the scan. Thread-safe.
 */
public final class CubeExtractor {
    private final PatchShape shape;

    public CubeExtractor(PatchShape shape) {
        this.shape = shape;
    }

    public PatchShape shape() {
        return shape;
    }

    /** Writes the cube centred on (z, y, x) into {@code out} at {@code offset}. */
    public void extract(PatchSource src, int z, int y, int x, byte[] out, int offset) {
        int sy = shape.sizeY();
        int sx = shape.sizeX();
        int nz = src.sizeZ();
        int ny = src.sizeY();
        int nx = src.sizeX();
        byte[] zyx = src.zyx();
        int dst = offset;
        for (int s = 0; s < shape.sizeZ(); s++) {
            int zz = z - shape.halfZ() + s;
            for (int r = 0; r < sy; r++, dst += sx) {
                int yy = y - shape.halfY() + r;
                if (zz >= 0 && zz < nz && yy >= 0 && yy < ny) {
                    Rows.copy(zyx, (zz * ny + yy) * nx, nx, x - shape.halfX(), out, dst, sx);
                } else {
                    java.util.Arrays.fill(out, dst, dst + sx, (byte) 0);
                }
            }
        }
    }

    /** The cube centred on (z, y, x) as a new array. */
    public byte[] extract(PatchSource src, int z, int y, int x) {
        byte[] out = new byte[shape.cubeLength()];
        extract(src, z, y, x, out, 0);
        return out;
    }
}
