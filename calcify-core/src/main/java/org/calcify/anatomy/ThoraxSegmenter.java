package org.calcify.anatomy;

import java.util.Arrays;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.volume.Volume;

/**
 * Locates the body, lungs, bone and the heart region of a chest CT without training data, on a
 * coarse axial grid ({@link CoarseAxialGrid}, about 1.6 mm in-plane and 2.5 mm between slices):
 * <ol>
 *   <li><b>lungs</b>: 3D regions under −400 HU whose median HU is that of lung parenchyma
 *       (−950 to −600; outside air, the trachea and bowel gas are near −1000), that hold at least
 *       {@value #MIN_LUNG_ML} mL, that hold vessels (holes in their mask: a table's foam core has none) and
 *       that lie mostly within the body's outline (the per-slice convex hull of the body's tissue: a table's
 *       foam core under the patient does not); a field of view that cuts the lungs does not matter;</li>
 *   <li><b>body</b>: tissue above −500 HU with thin structures (the table, leads, clothing) cut off by an
 *       in-plane opening of {@value #BODY_OPENING_MM} mm, the largest 3D part, holes filled, lungs added;</li>
 *   <li><b>bone</b>: 3D components above {@value #BONE_HU} HU that reach outside the convex hull of the
 *       lungs (ribs, sternum, spine all do; calcium inside the mediastinum never does) or are too big to
 *       be calcium ({@value #MIN_BONE_ML} mL), marrow filled per slice;</li>
 *   <li><b>mediastinum</b>: per slice, the convex hull of the lungs shrunk by {@value #HULL_MARGIN_MM} mm,
 *       less the lungs and bone grown by {@value #BONE_MARGIN_MM} mm; its largest 3D part;</li>
 *   <li><b>heart region</b>: the heart is the thickest structure of the mediastinum. The union of all
 *       balls of radius {@value #HEART_BALL_MM} mm that fit in it (a morphological opening) keeps the heart
 *       and drops the thinner oesophagus, descending aorta, hila and great vessels; its largest part,
 *       grown back by {@value #HEART_MARGIN_MM} mm within the mediastinum for the epicardial fat at the
 *       heart's surface where the coronaries run, is the heart region.</li>
 * </ol>
 * Measured on the way, around the deepest point of the mediastinum (the heart's centre, whether its
 * blood is contrast-filled or not): the blood pool's median HU and the image noise (median standard
 * deviation in windows of about 5 mm).
 */
public final class ThoraxSegmenter {
    static final double AIR_HU = -400;
    static final double LUNG_MEDIAN_MIN_HU = -950;
    static final double LUNG_MEDIAN_MAX_HU = -600;
    static final double MIN_LUNG_ML = 30;
    /** Lung holds vessels: holes of at most this area (mm²) in a slice of its mask ... */
    static final double MAX_VESSEL_MM2 = 400;
    /** ... that make up at least this fraction of its voxels. */
    static final double MIN_VESSEL_FRACTION = 0.003;
    static final double BODY_HU = -500;
    static final double BODY_OPENING_MM = 5;
    static final double BONE_HU = 180;
    /** A dense component this large is bone even inside the lungs' hull (no calcification is), mL. */
    static final double MIN_BONE_ML = 10;
    static final double HULL_MARGIN_MM = 3;
    /** Holes in a slice of bone up to this area are marrow (a vertebral body's is about 10-15 cm²), mm². */
    static final double MAX_MARROW_MM2 = 2500;
    static final double BONE_MARGIN_MM = 4;
    static final double HEART_BALL_MM = 20;
    static final double HEART_MARGIN_MM = 6;
    /** Between the lungs' widest level and their bases the heart region may grow by this much per slice, mm. */
    static final double GROWTH_MM = 3;
    /** Where the lungs have shrunk to this fraction of their largest cross-section, the diaphragm has risen: no heart below. */
    static final double LUNG_BASE_FRACTION = 0.5;
    /**
     * A heart region that reaches the scan's top slice with at least this fraction of its widest slice's area there is
     * cut by the field of view; a narrower one has narrowed towards the great vessels above the heart. On the project's
     * real chest (5 mm slices) the fraction is 0.76-1.00 from the widest slice to 45 mm above it, falls to 0.54 at 70 mm
     * above it, and stays at 0.18-0.59 through the great vessels up to the carina. Scans starting just above that
     * 45 mm, below the coronary ostia, are not told apart from scans starting above them (a note says so).
     */
    static final double TOP_CUT_FRACTION = 0.75;
    /** Blood pool and noise are measured within this distance of the mediastinum's deepest point, mm. */
    static final double POOL_MM = 20;

    private ThoraxSegmenter() {
    }

    /**
     * Segments {@code ct} (HU, with scanner padding already replaced by air).
     */
    public static ThoraxAnatomy segment(Volume ct) {
        CoarseAxialGrid grid = CoarseAxialGrid.of(ct);
        Morphology m = Morphology.of(grid);
        float[] hu = grid.hu();
        int n = grid.voxelCount();
        double[] sp = grid.spacingZyxMm();
        double voxelMm3 = sp[0] * sp[1] * sp[2];

        boolean[] bodyTissue = bodyTissue(hu, m);
        boolean[] lungs = lungs(hu, m, voxelMm3, bodyTissue, SliceHull.fill(bodyTissue, grid.sizeZ(), grid.sizeY(), grid.sizeX()), grid.sizeY(), grid.sizeX());
        boolean[] body = body(bodyTissue, m, lungs);
        boolean[] hull = SliceHull.fill(lungs, grid.sizeZ(), grid.sizeY(), grid.sizeX());
        boolean[] bone = bone(hu, m, body, hull, voxelMm3);
        boolean[] inner = m.erode(hull, HULL_MARGIN_MM, true);
        boolean[] mediastinum = Morphology.andNot(inner, lungs);
        int carina = Carina.find(hu, body, grid.sizeZ(), grid.sizeY(), grid.sizeX(), sp);
        boolean[] boneMargin = m.dilate(bone, BONE_MARGIN_MM, false);
        boolean[] uncut = mediastinum;
        if (carina >= 0) {
            // the coronaries all lie below the carina: the great vessels and the aortic arch above it are not heart
            mediastinum = mediastinum.clone();
            Arrays.fill(mediastinum, Math.min(n, (carina + 1) * grid.sizeY() * grid.sizeX()), n, false);
        }
        boolean[] region = heartRegion(m, mediastinum, boneMargin, lungs, grid);
        if (carina >= 0 && cutThroughHeart(region, carina, grid)) {
            // the heart is still (nearly) as wide at the "carina" as anywhere: not the carina (on a noisy phantom, a main
            // bronchus 5 mm off the midline in the top slice taken for the trachea cut the LM, LAD and LCX away)
            carina = -1;
            mediastinum = uncut;
            region = heartRegion(m, mediastinum, boneMargin, lungs, grid);
        }

        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            AnatomyLabel l = region[i] ? AnatomyLabel.HEART_REGION
                    : bone[i] ? AnatomyLabel.BONE
                    : lungs[i] ? AnatomyLabel.LUNG
                    : body[i] ? AnatomyLabel.BODY : AnatomyLabel.OUTSIDE;
            labels[i] = (byte) l.value();
        }
        // blood pool and noise around the deepest point of the mediastinum, bone or not: the heart's
        // centre, contrast-filled or not (a contrast-filled heart is too dense to count as mediastinum above)
        boolean[] pool = pool(m, mediastinum, grid);
        double blood = median(hu, pool);
        double noise = NoiseMeter.medianWindowSd(ct, grid, pool, blood);
        double smoothedNoise = NoiseMeter.medianWindowSd(ct, grid, pool, blood, InPlaneSmoothing.of(ct, grid)::atIndex);
        double coherence = NoiseMeter.coherenceAreaVoxels(ct, grid, pool, blood);
        long regionVoxels = Morphology.count(region);
        int plane = grid.sizeY() * grid.sizeX();
        int zMin = Integer.MAX_VALUE;
        int zMax = -1;
        boolean edge = false;
        long[] area = new long[grid.sizeZ()];
        for (int i = 0; i < n; i++) {
            if (region[i]) {
                int z = i / plane;
                int y = (i - z * plane) / grid.sizeX();
                int x = i % grid.sizeX();
                zMin = Math.min(zMin, z);
                zMax = Math.max(zMax, z);
                area[z]++;
                edge |= y == 0 || x == 0 || y == grid.sizeY() - 1 || x == grid.sizeX() - 1;
            }
        }
        edge |= regionVoxels > 0 && zMin == 0;
        boolean topNarrowing = false;
        if (regionVoxels > 0 && zMax == grid.sizeZ() - 1) {
            // the region reaches the top slice: the heart is cut there when it is (nearly) as wide as anywhere; where
            // it has narrowed to the great vessels above the heart, the heart's top lies inside the scan
            long widest = Arrays.stream(area).max().orElse(0);
            topNarrowing = area[zMax] < TOP_CUT_FRACTION * widest;
            edge |= !topNarrowing;
        }
        return new ThoraxAnatomy(grid, labels, regionVoxels * voxelMm3 / 1000, blood, noise, smoothedNoise, coherence,
                regionVoxels == 0 ? Double.NaN : (zMax + 0.5) * sp[0], edge, topNarrowing && !edge, carinaMm(carina, sp));
    }

    /** The heart region in {@code mediastinum}: see the class comment. */
    private static boolean[] heartRegion(Morphology m, boolean[] mediastinum, boolean[] boneMargin, boolean[] lungs, CoarseAxialGrid grid) {
        boolean[] med = m.largestComponent(Morphology.andNot(mediastinum, boneMargin));
        boolean[] core = m.largestComponent(m.open(med, HEART_BALL_MM, false));
        boolean[] region = Morphology.and(m.dilate(core, HEART_MARGIN_MM, false), med);
        clipBelowHeart(region, lungs, grid);
        return region;
    }

    /**
     * True when the region reaches the slice of {@code carina} with at least {@link #TOP_CUT_FRACTION} of its widest
     * slice's area there: a cut through the heart, not above it. On the project's real chest the region has narrowed to
     * 0.18-0.59 of its widest area through the great vessels below the carina.
     */
    static boolean cutThroughHeart(boolean[] region, int carina, CoarseAxialGrid grid) {
        int plane = grid.sizeY() * grid.sizeX();
        long[] area = new long[grid.sizeZ()];
        for (int i = 0; i < region.length; i++) {
            if (region[i]) {
                area[i / plane]++;
            }
        }
        long widest = Arrays.stream(area).max().orElse(0);
        return widest > 0 && carina < area.length && area[carina] >= TOP_CUT_FRACTION * widest;
    }

    /** Mediastinum voxels within {@value #POOL_MM} mm of its deepest voxel (none when there is no mediastinum). */
    static boolean[] pool(Morphology m, boolean[] mediastinum, CoarseAxialGrid grid) {
        float[] depth = m.squaredDistanceTo(Morphology.not(mediastinum), false);
        int deepest = -1;
        for (int i = 0; i < depth.length; i++) {
            if (mediastinum[i] && (deepest < 0 || depth[i] > depth[deepest])) {
                deepest = i;
            }
        }
        boolean[] pool = new boolean[depth.length];
        if (deepest < 0) {
            return pool;
        }
        double[] sp = grid.spacingZyxMm();
        int ny = grid.sizeY();
        int nx = grid.sizeX();
        int plane = ny * nx;
        int cz = deepest / plane;
        int cy = (deepest - cz * plane) / nx;
        int cx = deepest % nx;
        int rz = (int) Math.ceil(POOL_MM / sp[0]);
        int ry = (int) Math.ceil(POOL_MM / sp[1]);
        int rx = (int) Math.ceil(POOL_MM / sp[2]);
        for (int z = Math.max(0, cz - rz); z <= Math.min(grid.sizeZ() - 1, cz + rz); z++) {
            for (int y = Math.max(0, cy - ry); y <= Math.min(ny - 1, cy + ry); y++) {
                for (int x = Math.max(0, cx - rx); x <= Math.min(nx - 1, cx + rx); x++) {
                    double dz = (z - cz) * sp[0];
                    double dy = (y - cy) * sp[1];
                    double dx = (x - cx) * sp[2];
                    int i = (z * ny + y) * nx + x;
                    pool[i] = mediastinum[i] && dz * dz + dy * dy + dx * dx <= POOL_MM * POOL_MM;
                }
            }
        }
        return pool;
    }

    /**
     * The heart sits on the diaphragm; below it lie the liver and the stomach, which the region reaches
     * through the diaphragm. Where the scan shows the diaphragm (the lungs shrink below
     * {@value #LUNG_BASE_FRACTION} of their largest cross-section towards their bases), the region ends at
     * that level, and between the level where the lungs are widest and there it may grow by at most
     * {@value #GROWTH_MM} mm per slice beyond the slice above (the heart narrows towards the diaphragm, the
     * liver widens). A scan whose lungs do not shrink (a thin slab through the heart, a phantom without a
     * diaphragm) is left as it is.
     */
    static void clipBelowHeart(boolean[] region, boolean[] lungs, CoarseAxialGrid grid) {
        int nz = grid.sizeZ();
        int plane = grid.sizeY() * grid.sizeX();
        long[] lungArea = new long[nz];
        long[] area = new long[nz];
        for (int i = 0; i < region.length; i++) {
            if (lungs[i]) {
                lungArea[i / plane]++;
            }
            if (region[i]) {
                area[i / plane]++;
            }
        }
        int ref = -1;
        double best = 0;
        for (int z = 0; z < nz; z++) {
            double smooth = (lungArea[Math.max(0, z - 1)] + lungArea[z] + lungArea[Math.min(nz - 1, z + 1)]) / 3.0;
            if (area[z] > 0 && smooth > best) {
                best = smooth;
                ref = z;
            }
        }
        int base = -1;
        for (int z = ref - 1; z >= 0 && ref > 0; z--) {
            if (lungArea[z] < LUNG_BASE_FRACTION * best) {
                base = z;
                break;
            }
        }
        if (base < 0) {
            return;
        }
        Morphology slice = new Morphology(1, grid.sizeY(), grid.sizeX(), grid.spacingZyxMm());
        boolean[] above = Arrays.copyOfRange(region, ref * plane, (ref + 1) * plane);
        for (int z = ref - 1; z >= 0; z--) {
            if (z <= base) {
                Arrays.fill(region, z * plane, (z + 1) * plane, false);
                continue;
            }
            boolean[] allowed = slice.dilate(above, GROWTH_MM, true);
            boolean[] here = Arrays.copyOfRange(region, z * plane, (z + 1) * plane);
            for (int p = 0; p < plane; p++) {
                here[p] &= allowed[p];
                region[z * plane + p] = here[p];
            }
            above = here;
        }
    }

    private static double carinaMm(int carina, double[] sp) {
        return carina < 0 ? Double.NaN : (carina + 0.5) * sp[0];
    }

    /**
     * Large air regions with the median HU of lung parenchyma, holding vessels, and lying mostly within the body's
     * outline ({@code bodyHull}: per slice, the convex hull of the body's tissue). A table's foam core under the
     * patient has a lung-like median and, through its shell, holes like vessels; it lies outside the body: taken
     * for lungs, it put the heart region between the patient's back and the table (a calcium-free phantom case
     * scored 4,821).
     */
    static boolean[] lungs(float[] hu, Morphology m, double voxelMm3, boolean[] bodyTissue, boolean[] bodyHull, int sizeY, int sizeX) {
        int n = hu.length;
        boolean[] air = new boolean[n];
        for (int i = 0; i < n; i++) {
            air[i] = hu[i] < AIR_HU;
        }
        ComponentLabeler.Labels l = m.components(air);
        boolean[] lungs = lungComponents(hu, m, voxelMm3, bodyHull, l);
        // a field of view smaller than the chest (a heart-centred reconstruction) cuts the chest wall: the lungs
        // then reach the image's edge and lie largely outside the hull of the body tissue that remains, and no
        // lung is found. Only then (a table's lung-like foam core under a whole body, whose shell may reach the
        // edge too, never gets this chance: the real lungs are found first), where the body's tissue reaches
        // the edge of a slice, that slice's hull is taken with the slice's edge added (the body goes on beyond
        // it) and air components at the edge are tested again against it (median, vessels)
        for (boolean b : lungs) {
            if (b) {
                return lungs;
            }
        }
        int plane = sizeY * sizeX;
        int nz = n / plane;
        boolean[] closed = null;
        for (int z = 0; z < nz; z++) {
            if (touchesEdge(bodyTissue, z, sizeY, sizeX)) {
                if (closed == null) {
                    closed = bodyTissue.clone();
                }
                for (int y = 0; y < sizeY; y++) {
                    for (int x = 0; x < sizeX; x++) {
                        if (y == 0 || x == 0 || y == sizeY - 1 || x == sizeX - 1) {
                            closed[z * plane + y * sizeX + x] = true;
                        }
                    }
                }
            }
        }
        if (closed == null) {
            return lungs;
        }
        int[] labels = l.labels();
        boolean[] atEdge = new boolean[l.count() + 1];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            if (c != 0) {
                int y = (i % plane) / sizeX;
                int x = i % sizeX;
                atEdge[c] |= y == 0 || x == 0 || y == sizeY - 1 || x == sizeX - 1;
            }
        }
        boolean[] candidate = new boolean[n];
        for (int i = 0; i < n; i++) {
            candidate[i] = atEdge[labels[i]];
        }
        // no lung was found: what the second test finds is all there is
        return lungComponents(hu, m, voxelMm3, SliceHull.fill(closed, nz, sizeY, sizeX), m.components(candidate));
    }

    private static boolean touchesEdge(boolean[] mask, int z, int sizeY, int sizeX) {
        int base = z * sizeY * sizeX;
        for (int y = 0; y < sizeY; y++) {
            if (mask[base + y * sizeX] || mask[base + y * sizeX + sizeX - 1]) {
                return true;
            }
        }
        for (int x = 0; x < sizeX; x++) {
            if (mask[base + x] || mask[base + (sizeY - 1) * sizeX + x]) {
                return true;
            }
        }
        return false;
    }

    /** The components of {@code l} that are lung: big enough, mostly in the body's hull, lung-dense, holding vessels. */
    private static boolean[] lungComponents(float[] hu, Morphology m, double voxelMm3, boolean[] bodyHull, ComponentLabeler.Labels l) {
        int n = hu.length;
        int count = l.count();
        int bins = (int) ((AIR_HU + 1030) / 10) + 1;
        int[][] hist = new int[count + 1][];
        int[] size = Morphology.sizes(l);
        int minVoxels = (int) Math.ceil(MIN_LUNG_ML * 1000 / voxelMm3);
        int[] labels = l.labels();
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            if (c != 0 && size[c] >= minVoxels) {
                if (hist[c] == null) {
                    hist[c] = new int[bins];
                }
                hist[c][Math.max(0, Math.min(bins - 1, (int) Math.floor((hu[i] + 1030) / 10)))]++;
            }
        }
        int[] inBody = new int[count + 1];
        for (int i = 0; i < n; i++) {
            if (bodyHull[i]) {
                inBody[labels[i]]++;
            }
        }
        boolean[] isLung = new boolean[count + 1];
        for (int c = 1; c <= count; c++) {
            if (hist[c] == null || 2L * inBody[c] < size[c]) {
                continue;
            }
            int half = (size[c] + 1) / 2;
            int acc = 0;
            int b = 0;
            while (acc + hist[c][b] < half) {
                acc += hist[c][b++];
            }
            double median = -1030 + 10 * b + 5;
            isLung[c] = median >= LUNG_MEDIAN_MIN_HU && median <= LUNG_MEDIAN_MAX_HU;
        }
        // lungs hold vessels and bronchi: holes in their mask. A table's foam core, a mattress or a
        // blanket can have a lung-like median, but no vessels.
        for (int c = 1; c <= count; c++) {
            if (isLung[c]) {
                boolean[] mask = new boolean[n];
                for (int i = 0; i < n; i++) {
                    mask[i] = labels[i] == c;
                }
                long holes = Morphology.count(Morphology.andNot(m.fillHolesPerSlice(mask, MAX_VESSEL_MM2), mask));
                isLung[c] = holes >= MIN_VESSEL_FRACTION * size[c];
            }
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = isLung[labels[i]];
        }
        return out;
    }

    /** The patient's tissue: above {@value #BODY_HU} HU, opened in-plane (table, clothing and leads cut off), its largest part. */
    static boolean[] bodyTissue(float[] hu, Morphology m) {
        boolean[] tissue = new boolean[hu.length];
        for (int i = 0; i < hu.length; i++) {
            tissue[i] = hu[i] > BODY_HU;
        }
        return m.largestComponent(m.open(tissue, BODY_OPENING_MM, true));
    }

    static boolean[] body(boolean[] bodyTissue, Morphology m, boolean[] lungs) {
        boolean[] body = m.fillHolesPerSlice(bodyTissue, Double.POSITIVE_INFINITY);
        for (int i = 0; i < body.length; i++) {
            body[i] |= lungs[i];
        }
        return body;
    }

    /**
     * Dense components that reach outside the lungs' hull or hold at least {@value #MIN_BONE_ML} mL (a
     * vertebral body), marrow filled per slice.
     */
    static boolean[] bone(float[] hu, Morphology m, boolean[] body, boolean[] hull, double voxelMm3) {
        int n = hu.length;
        boolean[] dense = new boolean[n];
        for (int i = 0; i < n; i++) {
            dense[i] = body[i] && hu[i] >= BONE_HU;
        }
        ComponentLabeler.Labels l = m.components(dense);
        boolean[] outside = new boolean[l.count() + 1];
        int[] labels = l.labels();
        int[] size = Morphology.sizes(l);
        for (int c = 1; c <= l.count(); c++) {
            outside[c] = size[c] * voxelMm3 >= MIN_BONE_ML * 1000;
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && !hull[i]) {
                outside[labels[i]] = true;
            }
        }
        boolean[] bone = new boolean[n];
        for (int i = 0; i < n; i++) {
            bone[i] = outside[labels[i]] && labels[i] != 0;
        }
        return m.fillHolesPerSlice(bone, MAX_MARROW_MM2);
    }

    private static double median(float[] hu, boolean[] mask) {
        float[] v = new float[(int) Morphology.count(mask)];
        int k = 0;
        for (int i = 0; i < hu.length; i++) {
            if (mask[i]) {
                v[k++] = hu[i];
            }
        }
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}
