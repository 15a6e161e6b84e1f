package org.calcify.anatomy;

import java.util.BitSet;
import java.util.stream.IntStream;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.candidate.Connectivity;

/**
 * Binary morphology on a (z, y, x) grid with anisotropic spacing, in millimetres: exact Euclidean
 * distance transforms (Felzenszwalb and Huttenlocher's lower envelope of parabolas, one pass per
 * axis), and erosion, dilation, opening, hole filling and component selection built on them. Masks
 * are {@code boolean[]} in C order. Voxels beyond the grid count as neither foreground nor
 * background: a distance is measured to the nearest voxel inside the grid only.
 */
public final class Morphology {
    private static final float FAR = 1e20f;

    private final int nz;
    private final int ny;
    private final int nx;
    private final double[] spacingZyxMm;

    /** A grid of nz x ny x nx voxels with the given (z, y, x) spacing in mm. */
    public Morphology(int nz, int ny, int nx, double[] spacingZyxMm) {
        this.nz = nz;
        this.ny = ny;
        this.nx = nx;
        this.spacingZyxMm = spacingZyxMm.clone();
    }

    static Morphology of(CoarseAxialGrid g) {
        return new Morphology(g.sizeZ(), g.sizeY(), g.sizeX(), g.spacingZyxMm());
    }

    int voxelCount() {
        return nz * ny * nx;
    }

    /**
     * Squared distance in mm² from every voxel to the nearest voxel where {@code target} is true
     * (0 on target voxels; {@value #FAR} when there is none). With {@code inPlaneOnly} distances stay
     * within each slice.
     */
    public float[] squaredDistanceTo(boolean[] target, boolean inPlaneOnly) {
        int n = voxelCount();
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = target[i] ? 0 : FAR;
        }
        int plane = ny * nx;
        // along x: the distance to the nearest target in the row, by two linear scans (the envelope is
        // only needed once the values are no longer 0 or far); a task per slice, its rows in memory order
        IntStream.range(0, nz).parallel().forEach(z -> {
            for (int row = z * ny; row < (z + 1) * ny; row++) {
                nearestInRow(d, row * nx, nx, spacingZyxMm[2]);
            }
        });
        // along y: a task per slice, one envelope for all its columns (the slice stays in cache)
        IntStream.range(0, nz).parallel().forEach(z -> {
            Envelope e = new Envelope(ny);
            for (int x = 0; x < nx; x++) {
                e.run(d, z * plane + x, nx, ny, spacingZyxMm[1]);
            }
        });
        if (!inPlaneOnly && nz > 1) {
            // along z: a task per row of the plane, one envelope for its columns
            IntStream.range(0, ny).parallel().forEach(y -> {
                Envelope e = new Envelope(nz);
                for (int p = y * nx; p < (y + 1) * nx; p++) {
                    e.run(d, p, plane, nz, spacingZyxMm[0]);
                }
            });
        }
        return d;
    }

    /**
     * One row of a 0-or-{@value #FAR} map, in place: the squared distance (stepMm apart) to its nearest 0,
     * {@value #FAR} where the row has none — what the lower envelope gives such a row, by a scan each way.
     */
    private static void nearestInRow(float[] d, int start, int n, double stepMm) {
        double w2 = stepMm * stepMm;
        int last = -1;
        for (int q = 0; q < n; q++) {
            if (d[start + q] == 0) {
                last = q;
            } else if (last >= 0) {
                d[start + q] = (float) (w2 * (q - last) * (q - last));
            }
        }
        if (last < 0) {
            return;
        }
        int next = -1;
        for (int q = n - 1; q >= 0; q--) {
            if (d[start + q] == 0) {
                next = q;
            } else if (next >= 0) {
                float ahead = (float) (w2 * (next - q) * (next - q));
                if (ahead < d[start + q]) {
                    d[start + q] = ahead;
                }
            }
        }
    }

    /** Voxels of {@code mask} at least {@code radiusMm} from every voxel outside it. */
    boolean[] erode(boolean[] mask, double radiusMm, boolean inPlaneOnly) {
        float[] d = squaredDistanceTo(not(mask), inPlaneOnly);
        double r2 = radiusMm * radiusMm;
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[i] && d[i] >= r2;
        }
        return out;
    }

    /** Voxels within {@code radiusMm} of some voxel of {@code mask}. */
    boolean[] dilate(boolean[] mask, double radiusMm, boolean inPlaneOnly) {
        float[] d = squaredDistanceTo(mask, inPlaneOnly);
        double r2 = radiusMm * radiusMm;
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d[i] <= r2;
        }
        return out;
    }

    /** Union of all balls of radius {@code radiusMm} that fit inside {@code mask}. */
    boolean[] open(boolean[] mask, double radiusMm, boolean inPlaneOnly) {
        boolean[] out = dilate(erode(mask, radiusMm, inPlaneOnly), radiusMm, inPlaneOnly);
        for (int i = 0; i < out.length; i++) {
            out[i] &= mask[i];
        }
        return out;
    }

    static boolean[] not(boolean[] m) {
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = !m[i];
        }
        return out;
    }

    static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && b[i];
        }
        return out;
    }

    static boolean[] andNot(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && !b[i];
        }
        return out;
    }

    static long count(boolean[] m) {
        long c = 0;
        for (boolean b : m) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /** 3D components (6-connected) of a mask with their voxel counts; labels 1..n, 0 outside. */
    ComponentLabeler.Labels components(boolean[] mask) {
        BitSet bits = new BitSet(mask.length);
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                bits.set(i);
            }
        }
        return ComponentLabeler.label(bits, nz, ny, nx, Connectivity.SIX);
    }

    static int[] sizes(ComponentLabeler.Labels l) {
        int[] size = new int[l.count() + 1];
        for (int v : l.labels()) {
            size[v]++;
        }
        size[0] = 0;
        return size;
    }

    /** The largest 6-connected component of {@code mask} (empty when the mask is). */
    boolean[] largestComponent(boolean[] mask) {
        ComponentLabeler.Labels l = components(mask);
        int[] size = sizes(l);
        int best = 0;
        for (int c = 1; c <= l.count(); c++) {
            if (size[c] > size[best]) {
                best = c;
            }
        }
        boolean[] out = new boolean[mask.length];
        if (best == 0) {
            return out;
        }
        int[] labels = l.labels();
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] == best;
        }
        return out;
    }

    /**
     * Per slice, fills the holes of {@code mask} (background regions not 4-connected to the slice
     * border) of at most {@code maxHoleMm2} mm² (infinity: every hole).
     */
    boolean[] fillHolesPerSlice(boolean[] mask, double maxHoleMm2) {
        boolean[] out = mask.clone();
        int plane = ny * nx;
        double pixelMm2 = spacingZyxMm[1] * spacingZyxMm[2];
        long maxPixels = Double.isInfinite(maxHoleMm2) ? Long.MAX_VALUE : (long) Math.floor(maxHoleMm2 / pixelMm2);
        IntStream.range(0, nz).parallel().forEach(z -> {
            int base = z * plane;
            boolean[] seen = new boolean[plane];
            int[] stack = new int[plane];
            int[] members = new int[plane];
            // background connected to the border first
            int top = 0;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int p = y * nx + x;
                    if ((y == 0 || x == 0 || y == ny - 1 || x == nx - 1) && !mask[base + p] && !seen[p]) {
                        seen[p] = true;
                        stack[top++] = p;
                    }
                }
            }
            flood(mask, base, seen, stack, top, null);
            // every other background region is a hole
            for (int p = 0; p < plane; p++) {
                if (mask[base + p] || seen[p]) {
                    continue;
                }
                seen[p] = true;
                stack[0] = p;
                int size = flood(mask, base, seen, stack, 1, members);
                if (size <= maxPixels) {
                    for (int k = 0; k < size; k++) {
                        out[base + members[k]] = true;
                    }
                }
            }
        });
        return out;
    }

    /** Flood fill of background from the stacked seeds (already marked seen); returns how many pixels it reached. */
    private int flood(boolean[] mask, int base, boolean[] seen, int[] stack, int top, int[] members) {
        int size = 0;
        while (top > 0) {
            int p = stack[--top];
            if (members != null) {
                members[size] = p;
            }
            size++;
            int y = p / nx;
            int x = p - y * nx;
            if (y > 0) {
                top = visit(mask, base, p - nx, seen, stack, top);
            }
            if (y < ny - 1) {
                top = visit(mask, base, p + nx, seen, stack, top);
            }
            if (x > 0) {
                top = visit(mask, base, p - 1, seen, stack, top);
            }
            if (x < nx - 1) {
                top = visit(mask, base, p + 1, seen, stack, top);
            }
        }
        return size;
    }

    private static int visit(boolean[] mask, int base, int q, boolean[] seen, int[] stack, int top) {
        if (!seen[q] && !mask[base + q]) {
            seen[q] = true;
            stack[top++] = q;
        }
        return top;
    }

    /**
     * The 1D squared distance transform of one line of {@code d} (stride {@code stride}, {@code n}
     * samples {@code stepMm} apart), in place: d'(q) = min over p of (stepMm (q - p))² + d(p).
     */
    private static final class Envelope {
        private final float[] f;
        /** f(q) + (step q)², the parabola's constant part, once per line. */
        private final double[] g;
        private final int[] v;
        private final double[] z;

        Envelope(int n) {
            f = new float[n];
            g = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }

        void run(float[] d, int start, int stride, int n, double stepMm) {
            double w2 = stepMm * stepMm;
            boolean any = false;
            boolean allZero = true;
            for (int q = 0; q < n; q++) {
                float v = d[start + q * stride];
                f[q] = v;
                any |= v < FAR;
                allZero &= v == 0;
            }
            if (!any || allZero) {
                return; // no target on the line, or targets only: nothing changes
            }
            for (int q = 0; q < n; q++) {
                g[q] = f[q] + w2 * q * q;
            }
            int k = 0;
            v[0] = firstFinite(f);
            z[0] = Double.NEGATIVE_INFINITY;
            z[1] = Double.POSITIVE_INFINITY;
            for (int q = v[0] + 1; q < n; q++) {
                if (f[q] >= FAR) {
                    continue;
                }
                double s;
                while (true) {
                    int p = v[k];
                    s = (g[q] - g[p]) / (2 * w2 * (q - p));
                    if (s <= z[k] && k > 0) {
                        k--;
                    } else {
                        break;
                    }
                }
                if (s <= z[k]) {
                    // k == 0 and the new parabola dominates everywhere
                    v[0] = q;
                    z[0] = Double.NEGATIVE_INFINITY;
                    z[1] = Double.POSITIVE_INFINITY;
                    continue;
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 0; q < n; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                int p = v[k];
                d[start + q * stride] = (float) (w2 * (q - p) * (q - p) + f[p]);
            }
        }

        private static int firstFinite(float[] f) {
            for (int i = 0; i < f.length; i++) {
                if (f[i] < FAR) {
                    return i;
                }
            }
            return -1;
        }
    }
}
