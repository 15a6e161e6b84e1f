package org.calcify.patch;

/**
 * Samples a {@link ContextCube} around voxel (z, y, x) of a window-levelled scan by trilinear
 * interpolation of its uint8 values, zero outside the scan (as the fine patches are), rounded to uint8.
 * Sample (i, j, k) sits at voxel coordinates (z + (i - hz) rz, y + (j - hy) ry, x + (k - hx) rx), with
 * r the context spacing over the scan's spacing on each axis; the interpolation tables depend only on
 * those ratios, so they are built once. Thread-safe.
 */
public final class ContextExtractor {
    private final ContextCube cube;
    private final int[][] base = new int[3][];
    private final float[][] frac = new float[3][];

    /** @param voxelSpacingZyx the scan's voxel spacing (z, y, x) in mm */
    public ContextExtractor(ContextCube cube, double[] voxelSpacingZyx) {
        this.cube = cube;
        int[] sizes = cube.sizesZyx();
        double[] step = cube.spacingZyx();
        for (int a = 0; a < 3; a++) {
            if (!(voxelSpacingZyx[a] > 0)) {
                throw new IllegalArgumentException("voxel spacing must be positive, got " + voxelSpacingZyx[a]);
            }
            double r = step[a] / voxelSpacingZyx[a];
            int half = sizes[a] / 2;
            base[a] = new int[sizes[a]];
            frac[a] = new float[sizes[a]];
            for (int i = 0; i < sizes[a]; i++) {
                double p = (i - half) * r;
                double f = Math.floor(p);
                base[a][i] = (int) f;
                frac[a][i] = (float) (p - f);
            }
        }
    }

    public ContextCube cube() {
        return cube;
    }

    /** Writes the context cube centred on (z, y, x) into {@code out} at {@code offset}, (z, y, x) C order. */
    public void extract(PatchSource src, int z, int y, int x, byte[] out, int offset) {
        int nz = src.sizeZ();
        int ny = src.sizeY();
        int nx = src.sizeX();
        byte[] v = src.zyx();
        int[] bz = base[0];
        int[] by = base[1];
        int[] bx = base[2];
        float[] fz = frac[0];
        float[] fy = frac[1];
        float[] fx = frac[2];
        int dst = offset;
        for (int i = 0; i < bz.length; i++) {
            int z0 = z + bz[i];
            float wz = fz[i];
            for (int j = 0; j < by.length; j++) {
                int y0 = y + by[j];
                float wy = fy[j];
                for (int k = 0; k < bx.length; k++) {
                    int x0 = x + bx[k];
                    float wx = fx[k];
                    float c00 = lerp(at(v, nz, ny, nx, z0, y0, x0), at(v, nz, ny, nx, z0, y0, x0 + 1), wx);
                    float c01 = lerp(at(v, nz, ny, nx, z0, y0 + 1, x0), at(v, nz, ny, nx, z0, y0 + 1, x0 + 1), wx);
                    float c10 = lerp(at(v, nz, ny, nx, z0 + 1, y0, x0), at(v, nz, ny, nx, z0 + 1, y0, x0 + 1), wx);
                    float c11 = lerp(at(v, nz, ny, nx, z0 + 1, y0 + 1, x0), at(v, nz, ny, nx, z0 + 1, y0 + 1, x0 + 1), wx);
                    float s = lerp(lerp(c00, c01, wy), lerp(c10, c11, wy), wz);
                    out[dst++] = (byte) Math.min(255, Math.round(s));
                }
            }
        }
    }

    /** The context cube centred on (z, y, x) as a new array. */
    public byte[] extract(PatchSource src, int z, int y, int x) {
        byte[] out = new byte[cube.length()];
        extract(src, z, y, x, out, 0);
        return out;
    }

    private static float at(byte[] v, int nz, int ny, int nx, int z, int y, int x) {
        if (z < 0 || z >= nz || y < 0 || y >= ny || x < 0 || x >= nx) {
            return 0;
        }
        return v[(z * ny + y) * nx + x] & 0xFF;
    }

    private static float lerp(float a, float b, float w) {
        return a + (b - a) * w;
    }
}
