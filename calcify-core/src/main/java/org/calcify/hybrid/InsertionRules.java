package org.calcify.hybrid;

import org.calcify.anatomy.AnatomyLabel;
import org.calcify.volume.Geometry;

/**
 * Where an inserted plaque may lie, in HU of the case's background and millimetres. These are what
 * keeps the truth exact and the anatomy plausible:
 * <ul>
 *   <li><b>exact truth</b>: no voxel a plaque changes lies within {@value #DENSE_MARGIN_MM} mm, nor in
 *       the 26-neighbourhood, of a real dense structure ({@link CaseBackground#structures()}: every
 *       component of {@value #CALCIUM_HU} HU and more that reaches Agatston's minimum area in a slice,
 *       i.e. every candidate a detector sees) or of another plaque's changed voxels; so every real
 *       candidate keeps its voxels, its HU and its label 0, and no inserted lesion merges with a real
 *       candidate or another inserted one. A speck of noise too small to be a candidate may lie under a
 *       plaque: it gets the calcium on top, like any other voxel, and the plaque's label where the sum
 *       is at least {@value #CALCIUM_HU} HU (calcium plus noise, as a real scan would show it);</li>
 *   <li><b>plausible anatomy</b>: every labelled voxel lies in the heart region, on background tissue
 *       whose 3 x 3 in-plane mean is {@value #TISSUE_MIN_HU} to {@value #CALCIUM_HU} HU (fat or soft
 *       tissue, not air, lung or bone; the mean so that the noise of a sharp kernel does not decide),
 *       at least {@value #AIR_CLEARANCE_MM} mm from any background voxel below {@value #AIR_HU} HU
 *       (lung, airway) and at least {@value #BONE_CLEARANCE_MM} mm from the anatomy's bone;</li>
 *   <li>a plaque changes no voxel of the first or last slice or the image's edge, so it lies wholly in
 *       the scan.</li>
 * </ul>
 */
public final class InsertionRules {
    /** The Agatston threshold: labels are kept only at or above it. */
    public static final int CALCIUM_HU = 130;
    /** A dense component is a structure when some slice holds this much of it, mm² (Agatston's minimum lesion area). */
    public static final double STRUCTURE_MIN_AREA_MM2 = 1.0;
    /** Changed voxels keep this distance (and the 26-neighbourhood) from dense structures and other plaques. */
    public static final double DENSE_MARGIN_MM = 2.0;
    /** Lower end of fat (and of tissue a plaque may cover), HU. */
    public static final int TISSUE_MIN_HU = -200;
    /** Upper end of fat, HU: epicardial fat is {@value #TISSUE_MIN_HU} to this. */
    public static final int FAT_MAX_HU = -30;
    /** Below this HU a voxel is air: lung, airway or outside the body. */
    public static final int AIR_HU = -400;
    /** Labelled voxels keep this distance from air (lung), mm. */
    public static final double AIR_CLEARANCE_MM = 3.0;
    /** Coronary path points keep this distance from air (lung), mm: room for a plaque around them. */
    public static final double PATH_AIR_CLEARANCE_MM = 3.5;
    /** Labelled voxels keep this distance from the anatomy's bone label, mm. */
    public static final double BONE_CLEARANCE_MM = 5.0;

    private final CaseBackground bg;
    private final Geometry g;
    private final boolean[] occupied;

    public InsertionRules(CaseBackground bg) {
        this.bg = bg;
        this.g = bg.geometry();
        this.occupied = new boolean[g.voxelCount()];
    }

    /** Marks a stamp's voxels as taken: later plaques keep their margin from it. */
    public void occupy(PlaqueStamp s) {
        for (int v : s.voxels()) {
            occupied[v] = true;
        }
    }

    /**
     * True when the stamp's changed voxels are clear of dense structures and other plaques (the
     * exact-truth rule) and of the scan's first and last slice and in-plane edge.
     */
    public boolean clearOfStructures(PlaqueStamp s) {
        int nx = g.sizeX();
        int ny = g.sizeY();
        int nz = g.sizeZ();
        int[] r = radiiVoxels(DENSE_MARGIN_MM);
        double[] sp = g.spacingMm();
        boolean[] structure = bg.structures();
        for (int v : s.voxels()) {
            int z = v / (nx * ny);
            int y = (v / nx) % ny;
            int x = v % nx;
            if (z == 0 || z == nz - 1 || y == 0 || y == ny - 1 || x == 0 || x == nx - 1) {
                return false;
            }
            for (int dz = -r[0]; dz <= r[0]; dz++) {
                for (int dy = -r[1]; dy <= r[1]; dy++) {
                    for (int dx = -r[2]; dx <= r[2]; dx++) {
                        boolean adjacent = Math.abs(dz) <= 1 && Math.abs(dy) <= 1 && Math.abs(dx) <= 1;
                        if (!adjacent && sq(dz * sp[2]) + sq(dy * sp[1]) + sq(dx * sp[0]) > sq(DENSE_MARGIN_MM)) {
                            continue;
                        }
                        int zz = z + dz;
                        int yy = y + dy;
                        int xx = x + dx;
                        if (!g.contains(zz, yy, xx)) {
                            continue;
                        }
                        int u = (zz * ny + yy) * nx + xx;
                        if (occupied[u] || structure[u]) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** True when labelled voxel (z, y, x) lies where calcium may plausibly be inserted (see the class comment). */
    public boolean plausible(int z, int y, int x) {
        double h = bg.smoothHu(z, y, x);
        if (h < TISSUE_MIN_HU || h >= CALCIUM_HU || !bg.inHeartRegion(z, y, x)) {
            return false;
        }
        return !near(z, y, x, AIR_CLEARANCE_MM, false) && !near(z, y, x, BONE_CLEARANCE_MM, true);
    }

    /**
     * True when voxel (z, y, x) can carry a coronary path point: fat ({@value #TISSUE_MIN_HU} to
     * {@value #FAT_MAX_HU} HU, alone and in its 3 x 3 in-plane mean), {@link #plausible}, at least
     * {@value #PATH_AIR_CLEARANCE_MM} mm from air and from dense structures.
     */
    public boolean pathPoint(int z, int y, int x) {
        int h = bg.hu(z, y, x);
        double s = bg.smoothHu(z, y, x);
        return h >= TISSUE_MIN_HU && h <= FAT_MAX_HU && s >= TISSUE_MIN_HU && s <= FAT_MAX_HU
                && plausible(z, y, x) && !near(z, y, x, PATH_AIR_CLEARANCE_MM, false) && !nearDense(z, y, x);
    }

    /** Is a dense structure within {@value #PATH_AIR_CLEARANCE_MM} mm of (z, y, x)? */
    private boolean nearDense(int z, int y, int x) {
        int[] r = radiiVoxels(PATH_AIR_CLEARANCE_MM);
        boolean[] structure = bg.structures();
        for (int dz = -r[0]; dz <= r[0]; dz++) {
            for (int dy = -r[1]; dy <= r[1]; dy++) {
                for (int dx = -r[2]; dx <= r[2]; dx++) {
                    if (withinMm(dz, dy, dx, PATH_AIR_CLEARANCE_MM) && g.contains(z + dz, y + dy, x + dx)
                            && structure[g.index(z + dz, y + dy, x + dx)]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Is there air (or, with {@code bone}, the anatomy's bone) within {@code mm} of (z, y, x)? */
    private boolean near(int z, int y, int x, double mm, boolean bone) {
        int[] r = radiiVoxels(mm);
        for (int dz = -r[0]; dz <= r[0]; dz++) {
            for (int dy = -r[1]; dy <= r[1]; dy++) {
                for (int dx = -r[2]; dx <= r[2]; dx++) {
                    if (!withinMm(dz, dy, dx, mm)) {
                        continue;
                    }
                    int zz = z + dz;
                    int yy = y + dy;
                    int xx = x + dx;
                    if (!g.contains(zz, yy, xx)) {
                        continue;
                    }
                    if (bone ? bg.anatomyAt(zz, yy, xx) == AnatomyLabel.BONE : bg.hu(zz, yy, xx) < AIR_HU) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean withinMm(int dz, int dy, int dx, double mm) {
        return sq(dz * g.spacingZ()) + sq(dy * g.spacingY()) + sq(dx * g.spacingX()) <= mm * mm + 1e-9;
    }

    /** Half-sizes (z, y, x) in voxels of a box holding the ball of {@code mm}; at least 1. */
    private int[] radiiVoxels(double mm) {
        return new int[] {Math.max(1, (int) Math.floor(mm / g.spacingZ())), Math.max(1, (int) Math.floor(mm / g.spacingY())),
            Math.max(1, (int) Math.floor(mm / g.spacingX()))};
    }

    private static double sq(double v) {
        return v * v;
    }
}
