package org.calcify.hybrid;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * What a hybrid case changes in its real background before plaques go in; only changes that keep
 * the scan real. No left-right flip (the chest is not symmetric), no resampling to other slice
 * thicknesses (5 mm data cannot become thin slices, and thicker slices would need the raw data).
 *
 * <ol>
 *   <li>an in-plane shift by whole voxels (the image content moves, the geometry stays; the strip
 *       uncovered at the edge is air, {@value #FILL_HU} HU): the noise texture stays exactly as
 *       reconstructed;</li>
 *   <li>a crop of whole slices at either end of the z index axis (the origin moves with it);</li>
 *   <li>optional extra noise to mimic a lower dose: white Gaussian noise blurred in-plane by a Gaussian
 *       of {@code noiseCorrelationMm} (so that it is correlated like reconstructed CT noise, not
 *       pixel-independent) and scaled to a standard deviation of {@code extraNoiseHu}, added to every
 *       voxel above {@value #FILL_HU} HU (the reconstruction circle's padding stays as it is). CT noise
 *       variance goes as 1 / dose, so a scan with noise σ₀ plus extra noise σₑ looks like one taken at
 *       σ₀² / (σ₀² + σₑ²) of the dose; real low-dose noise is also streakier than this.</li>
 * </ol>
 *
 * @param shiftXVoxels       content shift along the x index axis, voxels (positive: towards larger x)
 * @param shiftYVoxels       content shift along the y index axis, voxels
 * @param cropFirstSlices    slices dropped at z index 0 onwards
 * @param cropLastSlices     slices dropped at the last z index backwards
 * @param extraNoiseHu       standard deviation of the added noise, HU (0: none)
 * @param noiseCorrelationMm in-plane sigma of the Gaussian that correlates the added noise, mm
 * @param noiseSeed          seed of the added noise (slice z uses a seed derived from it and z)
 */
public record Augmentation(int shiftXVoxels, int shiftYVoxels, int cropFirstSlices, int cropLastSlices,
                           double extraNoiseHu, double noiseCorrelationMm, long noiseSeed) {
    /** HU of the strip a shift uncovers, and the floor below which no noise is added. */
    public static final int FILL_HU = -1024;

    /** No change at all. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0, 0, 1, 0);

    public Augmentation {
        if (cropFirstSlices < 0 || cropLastSlices < 0) {
            throw new IllegalArgumentException("slice crops must be >= 0");
        }
        if (!(extraNoiseHu >= 0) || !Double.isFinite(extraNoiseHu)) {
            throw new IllegalArgumentException("extra noise must be >= 0 HU, got " + extraNoiseHu);
        }
        if (!(noiseCorrelationMm > 0)) {
            throw new IllegalArgumentException("noise correlation must be > 0 mm, got " + noiseCorrelationMm);
        }
    }

    /** The augmented copy of {@code ct} (int16 HU); {@code ct} itself is not changed. */
    public Volume apply(Volume ct) {
        Geometry g = ct.geometry();
        int nx = g.sizeX();
        int ny = g.sizeY();
        int nz = g.sizeZ() - cropFirstSlices - cropLastSlices;
        if (nz < 1) {
            throw new IllegalArgumentException("cropping " + cropFirstSlices + " + " + cropLastSlices + " slices leaves none of "
                    + g.sizeZ());
        }
        double[] origin = g.indexToWorld(0, 0, cropFirstSlices);
        Geometry out = Geometry.of(nx, ny, nz, g.spacingMm(), origin, g.direction());
        short[] src = ct.shorts();
        short[] dst = new short[out.voxelCount()];
        int plane = nx * ny;
        IntStream.range(0, nz).parallel().forEach(z -> {
            int srcBase = (z + cropFirstSlices) * plane;
            int dstBase = z * plane;
            for (int y = 0; y < ny; y++) {
                int sy = y - shiftYVoxels;
                for (int x = 0; x < nx; x++) {
                    int sx = x - shiftXVoxels;
                    boolean inside = sy >= 0 && sy < ny && sx >= 0 && sx < nx;
                    dst[dstBase + y * nx + x] = inside ? src[srcBase + sy * nx + sx] : (short) FILL_HU;
                }
            }
            if (extraNoiseHu > 0) {
                addNoise(dst, dstBase, nx, ny, g.spacingX(), g.spacingY(), z);
            }
        });
        return Volume.ofShorts(out, dst).withMetadata(ct.metadata());
    }

    /** Source voxel (z, y, x) of augmented voxel (z, y, x), or null when it lies in the uncovered strip. */
    public int[] toSource(int z, int y, int x, Geometry source) {
        int sz = z + cropFirstSlices;
        int sy = y - shiftYVoxels;
        int sx = x - shiftXVoxels;
        return source.contains(sz, sy, sx) ? new int[] {sz, sy, sx} : null;
    }

    private void addNoise(short[] dst, int base, int nx, int ny, double pxMm, double pyMm, int z) {
        SplittableRandom r = new SplittableRandom(noiseSeed ^ (0x9E3779B97F4A7C15L * (z + 1L)));
        float[] white = new float[nx * ny];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) r.nextGaussian();
        }
        float[] kx = kernel(noiseCorrelationMm / pxMm);
        float[] ky = kernel(noiseCorrelationMm / pyMm);
        float[] tmp = new float[white.length];
        convolve(white, tmp, nx, ny, kx, 1, nx);
        convolve(tmp, white, ny, nx, ky, nx, 1);
        // the standard deviation of unit white noise after both kernels
        double sx = 0;
        for (float k : kx) {
            sx += k * k;
        }
        double sy = 0;
        for (float k : ky) {
            sy += k * k;
        }
        double scale = extraNoiseHu / Math.sqrt(sx * sy);
        for (int i = 0; i < white.length; i++) {
            int v = dst[base + i];
            if (v > FILL_HU) {
                long n = Math.round(v + scale * white[i]);
                dst[base + i] = (short) Math.max(FILL_HU, Math.min(Short.MAX_VALUE, n));
            }
        }
    }

    /** A normalised Gaussian kernel of {@code sigmaPx} pixels, at least 3 taps. */
    static float[] kernel(double sigmaPx) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigmaPx));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /**
     * 1D convolution of every line of a plane: {@code lines} lines of {@code len} samples, sample step
     * {@code step}, line step {@code lineStep}; edges clamp.
     */
    private static void convolve(float[] in, float[] out, int len, int lines, float[] k, int step, int lineStep) {
        int radius = k.length / 2;
        for (int line = 0; line < lines; line++) {
            int base = line * lineStep;
            for (int i = 0; i < len; i++) {
                float acc = 0;
                for (int t = -radius; t <= radius; t++) {
                    int j = Math.min(len - 1, Math.max(0, i + t));
                    acc += k[t + radius] * in[base + j * step];
                }
                out[base + i * step] = acc;
            }
        }
    }
}
