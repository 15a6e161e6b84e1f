package org.calcify.patch;

/**
 * Puts per-patch outputs back into a volume, averaging where patches overlap (TorchIO's
 * {@code GridAggregator}): each output is either one value spread over a box around its centre
 * (e.g. a classification probability painted over the stride cell) or a dense block of the patch's
 * shape. {@link #output()} divides the sums by the count of contributions; voxels no patch reached
 * get {@code NaN}.
 */
public final class GridAggregator {
    private final int nz;
    private final int ny;
    private final int nx;
    private final float[] sum;
    private final int[] count;

    public GridAggregator(int sizeZ, int sizeY, int sizeX) {
        this.nz = sizeZ;
        this.ny = sizeY;
        this.nx = sizeX;
        this.sum = new float[sizeZ * sizeY * sizeX];
        this.count = new int[sum.length];
    }

    /** Adds {@code value} to every voxel of the box of half-sizes {@code half} around the centre (clipped). */
    public void addValue(int z, int y, int x, PatchShape half, float value) {
        for (int zz = Math.max(0, z - half.halfZ()); zz <= Math.min(nz - 1, z + half.halfZ()); zz++) {
            for (int yy = Math.max(0, y - half.halfY()); yy <= Math.min(ny - 1, y + half.halfY()); yy++) {
                int row = (zz * ny + yy) * nx;
                for (int xx = Math.max(0, x - half.halfX()); xx <= Math.min(nx - 1, x + half.halfX()); xx++) {
                    sum[row + xx] += value;
                    count[row + xx]++;
                }
            }
        }
    }

    /** Adds a dense block of {@code shape} (z, y, x C order) centred on (z, y, x); parts outside are dropped. */
    public void addBlock(int z, int y, int x, PatchShape shape, float[] block, int offset) {
        for (int s = 0; s < shape.sizeZ(); s++) {
            int zz = z - shape.halfZ() + s;
            if (zz < 0 || zz >= nz) {
                continue;
            }
            for (int r = 0; r < shape.sizeY(); r++) {
                int yy = y - shape.halfY() + r;
                if (yy < 0 || yy >= ny) {
                    continue;
                }
                int src = offset + (s * shape.sizeY() + r) * shape.sizeX();
                for (int c = 0; c < shape.sizeX(); c++) {
                    int xx = x - shape.halfX() + c;
                    if (xx >= 0 && xx < nx) {
                        int i = (zz * ny + yy) * nx + xx;
                        sum[i] += block[src + c];
                        count[i]++;
                    }
                }
            }
        }
    }

    /** The averaged volume, (z, y, x) C order; NaN where nothing was added. */
    public float[] output() {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = count[i] == 0 ? Float.NaN : sum[i] / count[i];
        }
        return out;
    }
}
