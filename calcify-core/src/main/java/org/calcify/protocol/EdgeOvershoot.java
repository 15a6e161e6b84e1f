package org.calcify.protocol;

import java.util.Arrays;
import org.calcify.volume.Volume;

/**
 * How far soft tissue overshoots at its borders with the lungs: the signature of a sharp (lung, bone,
 * high-resolution) reconstruction kernel, measured from the image alone, for files that do not name their
 * kernel (NIfTI, NRRD, stripped DICOM) or name one Calcify does not know.
 *
 * <p>Along every row and column of sampled axial slices, in both directions, an edge is where lung (below
 * {@value #LUNG_HU} HU) meets tissue. Kept are edges with lung behind them (the mean over 1.5–4 mm on the lung
 * side below {@value #DEEP_LUNG_HU} HU) and soft tissue ahead (the mean over 4–7 mm into the tissue, the
 * plateau, within ±{@value #SOFT_HU} HU). The overshoot of an edge is the highest value within about 1.5 mm of
 * the border minus its plateau. A soft-tissue kernel blurs the border, so the border reads below the
 * plateau (the median on the project's real chest, kernel B: −43 HU; phantoms with noise of 10–50 HU,
 * white or correlated: −32 to +2 HU). A sharp kernel's edge enhancement rings above it (the same chest,
 * kernel L: +205 HU), which puts the rim of the heart, the vessels and the airways above 130 HU.
 */
public final class EdgeOvershoot {
    /** A median overshoot above this, HU, is a sharp kernel's. */
    public static final double SHARP_HU = 100;
    static final double LUNG_HU = -500;
    static final double DEEP_LUNG_HU = -750;
    static final double SOFT_HU = 100;
    /** Fewer edges than this: not measured. */
    static final int MIN_EDGES = 500;
    /** Most slices looked at, evenly spread. */
    static final int MAX_SLICES = 48;

    private EdgeOvershoot() {
    }

    /**
     * The median overshoot of the scan's lung–soft-tissue edges, HU; NaN when too few edges were found.
     *
     * <p>Each sampled slice is read once; the lung–tissue crossings are found by comparing neighbours in memory
     * order (along a row for the rows, between consecutive rows for the columns), and only at a crossing are the
     * lung, plateau and rim read. The edges and their overshoots are those of a walk along every line in both
     * directions, so the median is the same to the last bit, found in a quarter of the walk's time (docs/benchmarks.md).
     */
    public static double medianHu(Volume ct) {
        float[] found = overshoots(ct);
        int n = found.length;
        if (n < MIN_EDGES) {
            return Double.NaN;
        }
        return n % 2 == 1 ? found[n / 2] : (found[n / 2 - 1] + found[n / 2]) / 2.0;
    }

    /** The overshoot of every edge kept, HU, in ascending order. */
    static float[] overshoots(Volume ct) {
        int nz = ct.sizeZ();
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        var g = ct.geometry();
        int step = Math.max(1, (nz + MAX_SLICES - 1) / MAX_SLICES);
        Edges edges = new Edges();
        float[] plane = new float[nx * ny];
        int words = (nx + 63) >>> 6;
        long[] lung = new long[ny * words];
        // the last word's pairs (i, i + 1) with i + 1 < nx
        int tail = (nx - 1) - ((words - 1) << 6);
        long lastPairs = tail >= 64 ? -1L : (1L << tail) - 1;
        Window alongX = Window.of(g.spacingX());
        Window alongY = Window.of(g.spacingY());
        for (int z = step / 2; z < nz; z += step) {
            ct.readLine(g.index(z, 0, 0), 1, nx * ny, plane);
            // the slice's lung voxels as bits, a row in words of 64: a crossing is where a voxel and its neighbour differ
            Arrays.fill(lung, 0L);
            for (int y = 0; y < ny; y++) {
                int row = y * nx;
                int rowWord = y * words;
                for (int x = 0; x < nx; x++) {
                    lung[rowWord + (x >>> 6)] |= (plane[row + x] < LUNG_HU ? 1L : 0L) << x;
                }
            }
            // rows: lines along x, stride 1; bit i of a word marks the pair (i, i + 1)
            for (int y = 0; y < ny; y++) {
                int rowWord = y * words;
                for (int w = 0; w < words; w++) {
                    long cur = lung[rowWord + w];
                    long next = (cur >>> 1) | (w + 1 < words ? lung[rowWord + w + 1] << 63 : 0L);
                    long diff = cur ^ next;
                    if (w == words - 1) {
                        diff &= lastPairs;
                    }
                    for (; diff != 0; diff &= diff - 1) {
                        crossing(plane, y * nx, 1, nx, (w << 6) + Long.numberOfTrailingZeros(diff), alongX, edges);
                    }
                }
            }
            // columns: lines along y, stride nx; a word of row y against the same word of row y + 1
            for (int y = 0; y + 1 < ny; y++) {
                int rowWord = y * words;
                for (int w = 0; w < words; w++) {
                    for (long diff = lung[rowWord + w] ^ lung[rowWord + words + w]; diff != 0; diff &= diff - 1) {
                        crossing(plane, (w << 6) + Long.numberOfTrailingZeros(diff), nx, ny, y, alongY, edges);
                    }
                }
            }
        }
        return edges.sorted();
    }

    /**
     * Samples {@code k} and {@code k + 1} of a line on either side of the lung threshold: lung then tissue is an edge
     * at {@code k + 1} seen walking forward, tissue then lung one at {@code k} seen walking back. A sample that is
     * neither below the threshold nor at or above it (NaN) makes no edge, as in the walk.
     */
    private static void crossing(float[] plane, int base, int stride, int length, int k, Window w, Edges edges) {
        float a = plane[base + k * stride];
        float b = plane[base + (k + 1) * stride];
        if (a < LUNG_HU && b >= LUNG_HU) {
            edges.measure(plane, base, stride, length, k + 1, 1, w);
        } else if (b < LUNG_HU && a >= LUNG_HU) {
            edges.measure(plane, base, stride, length, k, -1, w);
        }
    }

    /** The sample windows of one axis, in samples of its spacing: the rim, the lung behind and the plateau ahead. */
    private record Window(int rim, int lungFrom, int lungTo, int platFrom, int platTo) {
        static Window of(double px) {
            int rim = Math.max(2, (int) Math.round(1.5 / px));
            int lungFrom = Math.max(2, (int) Math.round(1.5 / px));
            int lungTo = Math.max(lungFrom + 1, (int) Math.round(4.0 / px));
            int platFrom = Math.max(rim + 2, (int) Math.round(4.0 / px));
            int platTo = Math.max(platFrom + 2, (int) Math.round(7.0 / px));
            return new Window(rim, lungFrom, lungTo, platFrom, platTo);
        }
    }

    /** The overshoots of the edges kept so far. */
    private static final class Edges {
        private float[] found = new float[1 << 14];
        private int n;

        /**
         * The edge at sample {@code e} of the line {@code base + k * stride} (k in [0, length)) whose lung lies
         * behind it in direction {@code dir}: kept, with its overshoot, when it has deep lung behind and a soft
         * tissue plateau ahead, both wholly on the line.
         */
        void measure(float[] a, int base, int stride, int length, int e, int dir, Window w) {
            int lungEnd = e - dir * w.lungTo();
            int platEnd = e + dir * w.platTo();
            if (lungEnd < 0 || lungEnd >= length || platEnd < 0 || platEnd >= length) {
                return;
            }
            double lung = mean(a, base, stride, e - dir * w.lungFrom(), lungEnd);
            double plateau = mean(a, base, stride, e + dir * w.platFrom(), platEnd);
            if (!(lung < DEEP_LUNG_HU) || Math.abs(plateau) > SOFT_HU) {
                return;
            }
            float top = a[base + e * stride];
            for (int k = 1; k <= w.rim(); k++) {
                top = Math.max(top, a[base + (e + dir * k) * stride]);
            }
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = (float) (top - plateau);
        }

        float[] sorted() {
            float[] out = Arrays.copyOf(found, n);
            Arrays.sort(out);
            return out;
        }
    }

    /** Mean of samples from .. to (both included, in either order) of the line {@code base + k * stride}, summed in index order. */
    private static double mean(float[] a, int base, int stride, int from, int to) {
        int lo = Math.min(from, to);
        int hi = Math.max(from, to);
        double s = 0;
        for (int i = lo; i <= hi; i++) {
            s += a[base + i * stride];
        }
        return s / (hi - lo + 1);
    }
}
