package org.calcify.phantom;

/**
 * In-place radix-2 complex FFT (single precision) of a power-of-two length, and its 2D form on a square row-major grid.
 * Unnormalised: {@code X[k] = sum_j x[j] exp(sign 2 pi i j k / n)}. The 2D form transforms the rows one
 * by one, then the columns all at once with whole rows as the butterflies' operands, so that every inner
 * loop runs over contiguous memory.
 */
final class Fft {
    private final int n;
    private final int[] reversed;
    private final float[] cos;
    private final float[] sin;

    Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two >= 2, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new float[n / 2];
        sin = new float[n / 2];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = (float) Math.cos(2 * Math.PI * k / n);
            sin[k] = (float) Math.sin(2 * Math.PI * k / n);
        }
    }

    int size() {
        return n;
    }

    /** Transforms the {@code n} contiguous values at {@code off} in place; sign +1 or -1. */
    void transform(float[] re, float[] im, int off, int sign) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                swap(re, off + i, off + j);
                swap(im, off + i, off + j);
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int step = n / len;
            for (int s = 0; s < n; s += len) {
                for (int k = 0; k < half; k++) {
                    float wr = cos[k * step];
                    float wi = sign * sin[k * step];
                    int a = off + s + k;
                    int b = a + half;
                    float xr = re[b] * wr - im[b] * wi;
                    float xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** 2D transform of an n x n row-major grid: rows, then columns. */
    void transform2d(float[] re, float[] im, int sign) {
        for (int y = 0; y < n; y++) {
            transform(re, im, y * n, sign);
        }
        // columns: the same butterflies with whole rows as operands
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                for (int x = 0; x < n; x++) {
                    swap(re, i * n + x, j * n + x);
                    swap(im, i * n + x, j * n + x);
                }
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int step = n / len;
            for (int s = 0; s < n; s += len) {
                for (int k = 0; k < half; k++) {
                    float wr = cos[k * step];
                    float wi = sign * sin[k * step];
                    int a = (s + k) * n;
                    int b = a + half * n;
                    for (int x = 0; x < n; x++) {
                        float br = re[b + x];
                        float bi = im[b + x];
                        float xr = br * wr - bi * wi;
                        float xi = br * wi + bi * wr;
                        re[b + x] = re[a + x] - xr;
                        im[b + x] = im[a + x] - xi;
                        re[a + x] += xr;
                        im[a + x] += xi;
                    }
                }
            }
        }
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
