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

    /** The HU at and above which a voxel is a candidate voxel. */
    public double thresholdHu() {
        return thresholdHu;
    }

    /** The same finder without the body exclusion (for a search box that lies inside the body anyway). */
    public CandidateFinder withoutBodyExclusion() {
        Builder b = new Builder().thresholdHu(thresholdHu).connectivity(connectivity).minAreaMm2(minAreaMm2);
        if (Double.isFinite(maxComponentMm3)) {
            b.maxComponentMm3(maxComponentMm3);
        }
        return b.build();
    }

    /**
     * The candidates of a scan (or of a box of it): component labels of the candidate voxels, held sparsely,
     * and the kept components (numbered as the labels).
     */
    public record Candidates(CandidateLabels labels, List<Component> components) {
    }

    public Candidates find(Volume ct) {
        return find(ct, new int[3], new int[] {ct.sizeZ(), ct.sizeY(), ct.sizeX()});
    }

    /**
     * The candidates in a box of the scan, read in place (no copy of the box): labels and components are in
     * the box's own grid (its voxel (0, 0, 0) is the scan's voxel {@code minZyx}), as {@code find(ct.crop(minZyx,
     * sizeZyx))} gives them. With the body exclusion the box is cropped first (the body is found in the box).
     */
    public Candidates find(Volume ct, int[] minZyx, int[] sizeZyx) {
        boolean whole = minZyx[0] == 0 && minZyx[1] == 0 && minZyx[2] == 0
                && sizeZyx[0] == ct.sizeZ() && sizeZyx[1] == ct.sizeY() && sizeZyx[2] == ct.sizeX();
        if (excludeOutsideBody && !whole) {
            return find(ct.crop(minZyx, sizeZyx));
        }
        int bz = sizeZyx[0];
        int by = sizeZyx[1];
        int bx = sizeZyx[2];
        int n = Math.multiplyExact(Math.multiplyExact(bz, by), bx);
        BitSet mask = new BitSet(n);
        int nx = ct.sizeX();
        int ny = ct.sizeY();
        for (int z = 0, i = 0; z < bz; z++) {
            for (int y = 0; y < by; y++) {
                int from = ((z + minZyx[0]) * ny + y + minZyx[1]) * nx + minZyx[2];
                for (int x = 0; x < bx; x++, i++) {
                    if (ct.valueAt(from + x) >= thresholdHu) {
                        mask.set(i);
                    }
                }
            }
        }
        if (excludeOutsideBody) {
            mask.and(BodyMask.of(ct));
        }
        CandidateLabels labels = CandidateLabels.label(mask, bz, by, bx, connectivity);
        mask = null;
        List<Component> all = statistics(ct, labels, minZyx);
        int[] largestSlice = minAreaMm2 > 0 ? largestSliceVoxels(labels) : null;
        Geometry g = ct.geometry();
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
            labels = labels.relabel(remap, kept.size());
        }
        return new Candidates(labels, kept);
    }

    /** For every component, the most voxels it has in one slice. */
    static int[] largestSliceVoxels(CandidateLabels labels) {
        int[] best = new int[labels.count() + 1];
        int[] count = new int[labels.count() + 1];
        int[] touched = new int[Math.max(1, Math.min(labels.size(), labels.sizeY() * labels.sizeX()))];
        int plane = labels.sizeY() * labels.sizeX();
        int k = 0;
        while (k < labels.size()) {
            int z = labels.index(k) / plane;
            int t = 0;
            for (; k < labels.size() && labels.index(k) / plane == z; k++) {
                int c = labels.label(k);
                if (count[c]++ == 0) {
                    touched[t++] = c;
                }
            }
            for (int j = 0; j < t; j++) {
                int c = touched[j];
                best[c] = Math.max(best[c], count[c]);
                count[c] = 0;
            }
        }
        return best;
    }

    /** Statistics of every labelled component, in the labels' grid (which is the scan's). */
    public static List<Component> statistics(Volume ct, CandidateLabels labels) {
        return statistics(ct, labels, new int[3]);
    }

    /** Statistics of every labelled component of a box whose voxel (0, 0, 0) is the scan's voxel {@code offsetZyx}, in the box's grid. */
    static List<Component> statistics(Volume ct, CandidateLabels labels, int[] offsetZyx) {
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
        int nx = labels.sizeX();
        int plane = labels.sizeY() * nx;
        for (int k = 0; k < labels.size(); k++) {
            int i = labels.index(k);
            int c = labels.label(k);
            int z = i / plane;
            int y = (i - z * plane) / nx;
            int x = i - z * plane - y * nx;
            double v = ct.valueAt(((z + offsetZyx[0]) * g.sizeY() + y + offsetZyx[1]) * g.sizeX() + x + offsetZyx[2]);
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
