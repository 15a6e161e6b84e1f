package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * Correlated CT noise of filtered back-projection: complex white Gaussian noise shaped in the 2D
 * frequency domain by the kernel's amplitude filter {@code H(f) = sqrt(f) · exp(-(f/fc)^2)} (so the noise
 * power spectrum is {@code f · A(f)^2}, see {@link Kernel}) and transformed back; the real and imaginary
 * parts are two independent fields with that spectrum, so one inverse FFT gives the noise of two slices.
 * The filter is scaled so that each field's standard deviation is exactly {@code sdHu} (sum of H^2 =
 * sd^2 for the unnormalised inverse transform). Fields are made on the next power-of-two grid and cropped.
 */
final class NoiseField {
    private final int n;
    private final int grid;
    private final double[] filter;
    private final Fft fft;

    /** Standard-normal draws for the white noise (looked up: the filter's sums make the field Gaussian). */
    private static final double[] GAUSS = gaussTable(1 << 16);

    /**
     * @param n            image size (n x n pixels)
     * @param pixelMm      pixel spacing, mm
     * @param cutoffPerMm  kernel cut-off, cycles/mm
     * @param sdHu         standard deviation of each field, HU
     */
    NoiseField(int n, double pixelMm, double cutoffPerMm, double sdHu) {
        this.n = n;
        this.grid = Integer.highestOneBit(Math.max(2, n - 1)) << 1;
        this.fft = new Fft(grid);
        this.filter = new double[grid * grid];
        double sum = 0;
        for (int ky = 0; ky < grid; ky++) {
            double fy = (ky <= grid / 2 ? ky : ky - grid) / (grid * pixelMm);
            for (int kx = 0; kx < grid; kx++) {
                double fx = (kx <= grid / 2 ? kx : kx - grid) / (grid * pixelMm);
                double h = Kernel.noiseAmplitude(Math.hypot(fx, fy), cutoffPerMm);
                filter[ky * grid + kx] = h;
                sum += h * h;
            }
        }
        double scale = sum > 0 ? sdHu / Math.sqrt(sum) : 0;
        for (int i = 0; i < filter.length; i++) {
            filter[i] *= scale;
        }
    }

    /** Two independent n x n noise fields (row-major) from {@code r}: {@code out[0]} and {@code out[1]}. */
    float[][] pair(SplittableRandom r) {
        int m = grid * grid;
        float[] re = new float[m];
        float[] im = new float[m];
        int mask = GAUSS.length - 1;
        for (int i = 0; i < m; i++) {
            long bits = r.nextLong();
            double h = filter[i];
            re[i] = (float) (h * GAUSS[(int) bits & mask]);
            im[i] = (float) (h * GAUSS[(int) (bits >>> 32) & mask]);
        }
        fft.transform2d(re, im, +1);
        float[][] out = new float[2][n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                out[0][y * n + x] = re[y * grid + x];
                out[1][y * n + x] = im[y * grid + x];
            }
        }
        return out;
    }

    private static double[] gaussTable(int size) {
        double[] t = new double[size];
        SplittableRandom r = new SplittableRandom(0x5EED);
        for (int i = 0; i < size; i++) {
            t[i] = Plaque.gaussian(r);
        }
        double mean = 0;
        for (double v : t) {
            mean += v / size;
        }
        double var = 0;
        for (double v : t) {
            var += (v - mean) * (v - mean) / size;
        }
        double sd = Math.sqrt(var);
        for (int i = 0; i < size; i++) {
            t[i] = (t[i] - mean) / sd; // exactly mean 0 and variance 1
        }
        return t;
    }
}
