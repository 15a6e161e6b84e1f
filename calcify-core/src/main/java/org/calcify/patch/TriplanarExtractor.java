package org.calcify.patch;

/**
 * Cuts the forum thread's 2.5D tri-planar patches, centred on voxel (z, y, x), zero outside the scan:
 * <ul>
 *   <li>axial: slice z, rows y-hy..y+hy, columns x-hx..x+hx — (2hy+1) x (2hx+1), row-major (y, x);</li>
 *   <li>sagittal: slices z-hz..z+hz, rows y-hy..y+hy at column x — (2hz+1) x (2hy+1), (z, y);</li>
 *   <li>coronal: slices z-hz..z+hz, columns x-hx..x+hx at row y — (2hz+1) x (2hx+1), (z, x).</li>
 * </ul>
 * With {@link PatchShape#THREAD} these are 65x65, 21x65 and 21x65. Every plane is a set of row
 * copies (sagittal and coronal rows from the source's reordered copies), so extraction runs near memory speed.
 * Instances are immutable and thread-safe.
 */
public final class TriplanarExtractor {
    private final PatchShape shape;

    public TriplanarExtractor(PatchShape shape) {
        this.shape = shape;
    }

    public PatchShape shape() {
        return shape;
    }

    /**
     * Writes the three planes of the patch centred on (z, y, x) into the given arrays at the given
     * offsets. The centre may lie anywhere, even outside the scan (the patch is then partly or
     * wholly zero).
     */
    public void extract(PatchSource src, int z, int y, int x,
                        byte[] axial, int axialOffset, byte[] sagittal, int sagittalOffset, byte[] coronal, int coronalOffset) {
        int hz = shape.halfZ();
        int hy = shape.halfY();
        int hx = shape.halfX();
        int sy = shape.sizeY();
        int sx = shape.sizeX();
        int nz = src.sizeZ();
        int ny = src.sizeY();
        int nx = src.sizeX();
        byte[] zyx = src.zyx();
        byte[] yzx = src.yzx();
        byte[] xzy = src.xzy();
        boolean sliceInside = z >= 0 && z < nz;
        boolean rowInside = y >= 0 && y < ny;
        boolean colInside = x >= 0 && x < nx;

        // axial: rows of slice z
        for (int r = 0; r < sy; r++) {
            int yy = y - hy + r;
            int dst = axialOffset + r * sx;
            if (sliceInside && yy >= 0 && yy < ny) {
                Rows.copy(zyx, (z * ny + yy) * nx, nx, x - hx, axial, dst, sx);
            } else {
                java.util.Arrays.fill(axial, dst, dst + sx, (byte) 0);
            }
        }
        for (int s = 0; s < shape.sizeZ(); s++) {
            int zz = z - hz + s;
            boolean zIn = zz >= 0 && zz < nz;
            // sagittal: in slice zz, column x, rows y-hy..y+hy = a contiguous run of the (x, z, y) copy
            int dstS = sagittalOffset + s * sy;
            if (zIn && colInside) {
                Rows.copy(xzy, (x * nz + zz) * ny, ny, y - hy, sagittal, dstS, sy);
            } else {
                java.util.Arrays.fill(sagittal, dstS, dstS + sy, (byte) 0);
            }
            // coronal: in slice zz, row y, columns x-hx..x+hx, from the (y, z, x) copy
            int dstC = coronalOffset + s * sx;
            if (zIn && rowInside) {
                Rows.copy(yzx, (y * nz + zz) * nx, nx, x - hx, coronal, dstC, sx);
            } else {
                java.util.Arrays.fill(coronal, dstC, dstC + sx, (byte) 0);
            }
        }
    }

    /** The patch centred on (z, y, x) as three new arrays. */
    public TriplanarPatch extract(PatchSource src, int z, int y, int x) {
        byte[] a = new byte[shape.axialLength()];
        byte[] s = new byte[shape.sagittalLength()];
        byte[] c = new byte[shape.coronalLength()];
        extract(src, z, y, x, a, 0, s, 0, c, 0);
        return new TriplanarPatch(shape, a, s, c);
    }
}
