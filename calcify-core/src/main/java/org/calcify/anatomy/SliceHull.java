package org.calcify.anatomy;

import java.util.Arrays;
import java.util.stream.IntStream;

/** The convex hull of a mask in each slice, filled (Andrew's monotone chain over each row's end points). */
final class SliceHull {
    private SliceHull() {
    }

    /** Per slice, every voxel inside the convex hull of the mask's voxels in that slice (their centres). */
    static boolean[] fill(boolean[] mask, int nz, int ny, int nx) {
        boolean[] out = new boolean[mask.length];
        int plane = ny * nx;
        IntStream.range(0, nz).parallel().forEach(z -> fillSlice(mask, out, z * plane, ny, nx));
        return out;
    }

    private static void fillSlice(boolean[] mask, boolean[] out, int base, int ny, int nx) {
        // the two end points of every row are enough: the hull of a row's voxels is their segment
        long[] pts = new long[2 * ny];
        int n = 0;
        for (int y = 0; y < ny; y++) {
            int first = -1;
            int last = -1;
            int row = base + y * nx;
            for (int x = 0; x < nx; x++) {
                if (mask[row + x]) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                }
            }
            if (first >= 0) {
                pts[n++] = pack(first, y);
                if (last != first) {
                    pts[n++] = pack(last, y);
                }
            }
        }
        if (n == 0) {
            return;
        }
        long[] sorted = Arrays.copyOf(pts, n);
        Arrays.sort(sorted); // by x, then y
        long[] hull = new long[2 * n + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                k--;
            }
            hull[k++] = sorted[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                k--;
            }
            hull[k++] = sorted[i];
        }
        int m = Math.max(1, k - 1); // the last point repeats the first
        for (int y = 0; y < ny; y++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < m; e++) {
                long a = hull[e];
                long b = hull[(e + 1) % m];
                int ay = y(a);
                int by = y(b);
                if (m == 1 || (ay == y && by == y)) {
                    if (ay == y) {
                        lo = Math.min(lo, Math.min(x(a), x(b)));
                        hi = Math.max(hi, Math.max(x(a), x(b)));
                    }
                    continue;
                }
                if ((ay <= y && by >= y) || (by <= y && ay >= y)) {
                    double t = (double) (y - ay) / (by - ay);
                    double x = x(a) + t * (x(b) - x(a));
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (lo <= hi) {
                int x0 = (int) Math.ceil(lo - 1e-9);
                int x1 = (int) Math.floor(hi + 1e-9);
                int row = base + y * nx;
                for (int x = Math.max(0, x0); x <= Math.min(nx - 1, x1); x++) {
                    out[row + x] = true;
                }
            }
        }
    }

    private static long pack(int x, int y) {
        return ((long) x << 32) | y;
    }

    private static int x(long p) {
        return (int) (p >>> 32);
    }

    private static int y(long p) {
        return (int) p;
    }

    private static long cross(long o, long a, long b) {
        return (long) (x(a) - x(o)) * (y(b) - y(o)) - (long) (y(a) - y(o)) * (x(b) - x(o));
    }
}
