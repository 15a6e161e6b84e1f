package org.calcify.volume;

/**
 * Resamples a volume to a new voxel spacing with trilinear interpolation, keeping its origin (the
 * centre of voxel 0,0,0) and direction, so that world coordinates keep their meaning. The new size
 * along each axis is {@code round((n - 1) * old / new) + 1}: the new grid spans the old one. Done as
 * three separable 1D passes (x, then y, then z). INT16 input gives INT16 output (rounded), UINT8 gives
 * UINT8; everything else gives FLOAT32.
 */
public final class Resampler {
    private Resampler() {
    }

    /** @param spacingMm new (x, y, z) spacing in mm */
    public static Volume toSpacing(Volume v, double[] spacingMm) {
        Geometry g = v.geometry();
        int[] n = {g.sizeX(), g.sizeY(), g.sizeZ()};
        int[] m = new int[3];
        double[] step = new double[3];
        for (int a = 0; a < 3; a++) {
            if (!(spacingMm[a] > 0)) {
                throw new IllegalArgumentException("spacing must be positive");
            }
            double old = g.spacingMm()[a];
            m[a] = (int) Math.round((n[a] - 1) * old / spacingMm[a]) + 1;
            step[a] = spacingMm[a] / old; // new index -> old index
        }
        float[] src = new float[g.voxelCount()];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) v.valueAt(i);
        }
        // pass along x: (nz, ny, nx) -> (nz, ny, mx)
        float[] a1 = new float[n[2] * n[1] * m[0]];
        for (int row = 0; row < n[2] * n[1]; row++) {
            interpolate(src, row * n[0], 1, n[0], a1, row * m[0], 1, m[0], step[0]);
        }
        // pass along y: (nz, ny, mx) -> (nz, my, mx)
        float[] a2 = new float[n[2] * m[1] * m[0]];
        for (int z = 0; z < n[2]; z++) {
            for (int x = 0; x < m[0]; x++) {
                interpolate(a1, z * n[1] * m[0] + x, m[0], n[1], a2, z * m[1] * m[0] + x, m[0], m[1], step[1]);
            }
        }
        // pass along z: (nz, my, mx) -> (mz, my, mx)
        int plane = m[1] * m[0];
        float[] a3 = new float[m[2] * plane];
        for (int p = 0; p < plane; p++) {
            interpolate(a2, p, plane, n[2], a3, p, plane, m[2], step[2]);
        }
        Geometry out = Geometry.of(m[0], m[1], m[2], spacingMm, g.originMm(), g.direction());
        Volume result = switch (v.type()) {
            case INT16, UINT8 -> Volume.ofFloats(out, a3).convertTo(v.type());
            default -> Volume.ofFloats(out, a3);
        };
        return result.withMetadata(v.metadata()).withMetadata("resampled_from_spacing_mm",
                java.util.Arrays.toString(g.spacingMm()));
    }

    private static void interpolate(float[] in, int inStart, int inStride, int inCount,
                                     float[] out, int outStart, int outStride, int outCount, double step) {
        for (int j = 0; j < outCount; j++) {
            double pos = j * step;
            int i0 = (int) Math.floor(pos);
            if (i0 >= inCount - 1) {
                out[outStart + j * outStride] = in[inStart + (inCount - 1) * inStride];
                continue;
            }
            double f = pos - i0;
            float a = in[inStart + i0 * inStride];
            float b = in[inStart + (i0 + 1) * inStride];
            out[outStart + j * outStride] = (float) (a + (b - a) * f);
        }
    }
}
