package org.calcify.hybrid;

import org.calcify.anatomy.AnatomyLabel;
import org.calcify.candidate.CandidateFinder;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * The background of one case: a real scan after its {@link Augmentation}, with the source's anatomy
 * looked up through the augmentation (a shift or crop moves the anatomy with the voxels; the strip a
 * shift uncovers is {@link AnatomyLabel#OUTSIDE}). Every voxel lookup is in this case's own (z, y, x)
 * indices; HU lookups outside the grid read as air.
 */
public final class CaseBackground {
    private final HybridBackground source;
    private final Augmentation augmentation;
    private final Volume ct;
    private final short[] hu;
    private final Geometry g;
    private final int nx;
    private final int ny;
    private final int nz;
    private boolean[] structures;

    public CaseBackground(HybridBackground source, Augmentation augmentation) {
        this.source = source;
        this.augmentation = augmentation;
        this.ct = augmentation.apply(source.ct());
        this.hu = ct.shorts();
        this.g = ct.geometry();
        this.nx = g.sizeX();
        this.ny = g.sizeY();
        this.nz = g.sizeZ();
    }

    public HybridBackground source() {
        return source;
    }

    public Augmentation augmentation() {
        return augmentation;
    }

    /** The augmented background, int16 HU (shared: do not modify). */
    public Volume ct() {
        return ct;
    }

    public Geometry geometry() {
        return g;
    }

    public double sliceThicknessMm() {
        return source.sliceThicknessMm();
    }

    /** HU of voxel (z, y, x); {@link Augmentation#FILL_HU} outside the grid. */
    public int hu(int z, int y, int x) {
        return z < 0 || y < 0 || x < 0 || z >= nz || y >= ny || x >= nx ? Augmentation.FILL_HU : hu[(z * ny + y) * nx + x];
    }

    /** HU at flat index {@code i}. */
    public int huAt(int i) {
        return hu[i];
    }

    /** Mean HU of the 3 x 3 in-plane neighbourhood of (z, y, x): a less noisy look at the tissue. */
    public double smoothHu(int z, int y, int x) {
        double s = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                s += hu(z, y + dy, x + dx);
            }
        }
        return s / 9;
    }

    /**
     * The background's real dense structures: voxels of every 26-connected component at or above
     * {@value InsertionRules#CALCIUM_HU} HU that reaches Agatston's minimum lesion area
     * ({@value InsertionRules#STRUCTURE_MIN_AREA_MM2} mm²) in some slice, i.e. every candidate a detector
     * sees (bone, cartilage, noise blobs, real lesions). Smaller specks of noise are not structures.
     * Computed once (shared: do not modify).
     */
    public synchronized boolean[] structures() {
        if (structures == null) {
            CandidateFinder.Candidates c = CandidateFinder.builder().thresholdHu(InsertionRules.CALCIUM_HU)
                    .minAreaMm2(InsertionRules.STRUCTURE_MIN_AREA_MM2).build().find(ct);
            var l = c.labels();
            structures = new boolean[ct.geometry().voxelCount()];
            for (int k = 0; k < l.size(); k++) {
                structures[l.index(k)] = true;
            }
        }
        return structures;
    }

    /** The anatomy label of voxel (z, y, x), {@link AnatomyLabel#OUTSIDE} off the source's grid. */
    public AnatomyLabel anatomyAt(int z, int y, int x) {
        int[] s = augmentation.toSource(z, y, x, source.ct().geometry());
        return s == null ? AnatomyLabel.OUTSIDE : source.anatomy().labelAt(s[0], s[1], s[2]);
    }

    /** True when voxel (z, y, x) lies in the source's heart region. */
    public boolean inHeartRegion(int z, int y, int x) {
        int[] s = augmentation.toSource(z, y, x, source.ct().geometry());
        return s != null && source.anatomy().inHeartRegion(s[0], s[1], s[2]);
    }

    /** The source's anatomy on this case's grid, uint8 {@link AnatomyLabel} values (OUTSIDE off the source's grid). */
    public Volume anatomyMap() {
        byte[] m = new byte[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    m[(z * ny + y) * nx + x] = (byte) anatomyAt(z, y, x).value();
                }
            }
        }
        return Volume.ofBytes(g, m);
    }

    /** The voxel (z, y, x) nearest to an LPS point, or null outside the grid. */
    public int[] voxelOf(double[] lps) {
        double[] i = g.worldToIndex(lps[0], lps[1], lps[2]);
        int x = (int) Math.round(i[0]);
        int y = (int) Math.round(i[1]);
        int z = (int) Math.round(i[2]);
        return g.contains(z, y, x) ? new int[] {z, y, x} : null;
    }

    /** LPS position (mm) of voxel (z, y, x)'s centre. */
    public double[] lpsOf(int z, int y, int x) {
        return g.indexToWorld(x, y, z);
    }
}
