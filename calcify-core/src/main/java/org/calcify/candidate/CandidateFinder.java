package org.calcify.candidate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Finds calcium candidates: every voxel at or above a threshold (130 HU by default, the Agatston
 * threshold), grouped into connected components with their statistics. Optional cheap exclusions:
 * voxels outside the body ({@link BodyMask}) and large bone structures (components bigger than a
 * volume limit: vertebrae, sternum, ribs attached to them), and components that no slice gives the
 * scoring rule's minimum lesion area (Agatston's 1 mm²): every in-slice lesion of such a component is
 * smaller than the minimum, so it can never be scored and dropping it never changes a score (exact
 * when the candidates' 3D connectivity contains the scorer's in-slice one, e.g. 26 and 8).
 */
public final class CandidateFinder {
    private final double thresholdHu;
    private final Connectivity connectivity;
    private final boolean excludeOutsideBody;
    private final double maxComponentMm3;
    private final double minAreaMm2;

    private CandidateFinder(Builder b) {
        this.minAreaMm2 = b.minAreaMm2;
        this.thresholdHu = b.thresholdHu;
        this.connectivity = b.connectivity;
        this.excludeOutsideBody = b.excludeOutsideBody;
        this.maxComponentMm3 = b.maxComponentMm3;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same finder without the body exclusion (for a search box that lies inside the body anyway). */
    public CandidateFinder withoutBodyExclusion() {
        Builder b = new Builder().thresholdHu(thresholdHu).connectivity(connectivity).minAreaMm2(minAreaMm2);
        if (Double.isFinite(maxComponentMm3)) {
            b.maxComponentMm3(maxComponentMm3);
        }
        return b.build();
    }

    /** The candidates of a scan: component labels per voxel and the kept components. */
    public record Candidates(ComponentLabeler.Labels labels, List<Component> components) {
    }

    public Candidates find(Volume ct) {
        Geometry g = ct.geometry();
        int n = g.voxelCount();
        BitSet mask = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (ct.valueAt(i) >= thresholdHu) {
                mask.set(i);
            }
        }
        if (excludeOutsideBody) {
            mask.and(BodyMask.of(ct));
        }
        ComponentLabeler.Labels labels = ComponentLabeler.label(mask, g.sizeZ(), g.sizeY(), g.sizeX(), connectivity);
        List<Component> all = statistics(ct, labels);
        int[] largestSlice = minAreaMm2 > 0 ? largestSliceVoxels(labels) : null;
        double pixelMm2 = g.spacingX() * g.spacingY();
        List<Component> kept = new ArrayList<>();
        int[] remap = new int[labels.count() + 1];
        for (Component c : all) {
            boolean bigEnough = largestSlice == null || largestSlice[c.id()] * pixelMm2 >= minAreaMm2 - 1e-9;
            if (c.volumeMm3() <= maxComponentMm3 && bigEnough) {
                Component renumbered = new Component(kept.size() + 1, c.voxels(), c.volumeMm3(), c.peakHu(), c.meanHu(),
                        c.centroidZyx(), c.peakZyx(), c.boxMinZyx(), c.boxMaxZyx());
                kept.add(renumbered);
                remap[c.id()] = renumbered.id();
            }
        }
        if (kept.size() != all.size()) {
            int[] l = labels.labels();
            for (int i = 0; i < n; i++) {
                if (l[i] != 0) {
                    l[i] = remap[l[i]];
                }
            }
            labels = new ComponentLabeler.Labels(l, kept.size(), g.sizeZ(), g.sizeY(), g.sizeX());
        }
        return new Candidates(labels, kept);
    }

    /** For every component, the most voxels it has in one slice. */
    static int[] largestSliceVoxels(ComponentLabeler.Labels labels) {
        int[] l = labels.labels();
        int[] best = new int[labels.count() + 1];
        int[] count = new int[labels.count() + 1];
        int[] touched = new int[labels.sizeY() * labels.sizeX()];
        int plane = touched.length;
        for (int z = 0; z < labels.sizeZ(); z++) {
            int t = 0;
            for (int i = z * plane, end = i + plane; i < end; i++) {
                int c = l[i];
                if (c != 0 && count[c]++ == 0) {
                    touched[t++] = c;
                }
            }
            for (int k = 0; k < t; k++) {
                int c = touched[k];
                best[c] = Math.max(best[c], count[c]);
                count[c] = 0;
            }
        }
        return best;
    }

    /** Statistics of every labelled component. */
    public static List<Component> statistics(Volume ct, ComponentLabeler.Labels labels) {
        Geometry g = ct.geometry();
        int count = labels.count();
        long[] voxels = new long[count + 1];
        double[] sum = new double[count + 1];
        double[] peak = new double[count + 1];
        int[] peakAt = new int[count + 1];
        double[][] centroid = new double[count + 1][3];
        int[][] min = new int[count + 1][];
        int[][] max = new int[count + 1][];
        java.util.Arrays.fill(peak, Double.NEGATIVE_INFINITY);
        int[] l = labels.labels();
        int nx = g.sizeX();
        int plane = g.sizeY() * nx;
        for (int i = 0; i < l.length; i++) {
            int c = l[i];
            if (c == 0) {
                continue;
            }
            int z = i / plane;
            int y = (i - z * plane) / nx;
            int x = i - z * plane - y * nx;
            double v = ct.valueAt(i);
            voxels[c]++;
            sum[c] += v;
            if (v > peak[c]) {
                peak[c] = v;
                peakAt[c] = i;
            }
            centroid[c][0] += z;
            centroid[c][1] += y;
            centroid[c][2] += x;
            if (min[c] == null) {
                min[c] = new int[] {z, y, x};
                max[c] = new int[] {z, y, x};
            } else {
                min[c][0] = Math.min(min[c][0], z);
                min[c][1] = Math.min(min[c][1], y);
                min[c][2] = Math.min(min[c][2], x);
                max[c][0] = Math.max(max[c][0], z);
                max[c][1] = Math.max(max[c][1], y);
                max[c][2] = Math.max(max[c][2], x);
            }
        }
        double voxelMm3 = g.spacingX() * g.spacingY() * g.spacingZ();
        List<Component> out = new ArrayList<>(count);
        for (int c = 1; c <= count; c++) {
            int p = peakAt[c];
            int pz = p / plane;
            int py = (p - pz * plane) / nx;
            int px = p - pz * plane - py * nx;
            out.add(new Component(c, (int) voxels[c], voxels[c] * voxelMm3, peak[c], sum[c] / voxels[c],
                    new double[] {centroid[c][0] / voxels[c], centroid[c][1] / voxels[c], centroid[c][2] / voxels[c]},
                    new int[] {pz, py, px}, min[c], max[c]));
        }
        return out;
    }

    /** Settings; defaults: 130 HU, 26-connected, no exclusions. */
    public static final class Builder {
        private double thresholdHu = 130;
        private Connectivity connectivity = Connectivity.TWENTY_SIX;
        private boolean excludeOutsideBody;
        private double maxComponentMm3 = Double.POSITIVE_INFINITY;
        private double minAreaMm2;

        public Builder thresholdHu(double hu) {
            this.thresholdHu = hu;
            return this;
        }

        public Builder connectivity(Connectivity c) {
            this.connectivity = c;
            return this;
        }

        /** Drop voxels outside the body (the largest 3D region above −500 HU). */
        public Builder excludeOutsideBody(boolean on) {
            this.excludeOutsideBody = on;
            return this;
        }

        /** Drop components larger than this volume (large bone structures), in mm³. */
        public Builder maxComponentMm3(double mm3) {
            if (!(mm3 > 0)) {
                throw new IllegalArgumentException("maximum component volume must be positive");
            }
            this.maxComponentMm3 = mm3;
            return this;
        }

        /**
         * Drop components whose largest cross-section in any slice is below this area (mm²): with the
         * scorer's minimum lesion area (1 mm²) they can never be scored. 0 (the default) keeps all.
         */
        public Builder minAreaMm2(double mm2) {
            if (!(mm2 >= 0) || !Double.isFinite(mm2)) {
                throw new IllegalArgumentException("minimum area must be >= 0 mm²");
            }
            this.minAreaMm2 = mm2;
            return this;
        }

        public CandidateFinder build() {
            return new CandidateFinder(this);
        }
    }
}
