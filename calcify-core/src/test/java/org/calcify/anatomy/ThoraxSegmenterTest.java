package org.calcify.anatomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

class ThoraxSegmenterTest {
    private static final Path CHEST = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");
    /** 256 x 256 phantom cases with slices of 1.5-3 mm and the phantom's full spread of everything else. */
    private static final PhantomOptions PHANTOM = PhantomOptions.builder().sizeXy(256).slices(20, 60)
            .sliceThicknessMm(org.calcify.phantom.Range.of(1.5, 3)).build();

    /**
     * Every true coronary lesion of the phantom reaches the heart region, as detection asks of a candidate
     * ({@code HeartRegionGate}: one voxel is enough, and the whole lesion is then classified and scored), and almost
     * all of its voxels lie in it; the spine and ribs do not. Since the phantom draws lean hearts (2-5 mm of
     * epicardial fat), a plaque on the anterior surface under the sternum can stick one voxel out of the region
     * (seed 4: 1 of 12 voxels of an LAD plaque, 1 voxel from the region).
     */
    @Test
    void phantomCoronaryCalciumLiesInTheHeartRegion() {
        long coronary = 0;
        long outside = 0;
        for (long seed = 1; seed <= 6; seed++) {
            PhantomCase c = CardiacPhantom.generate(PHANTOM, seed);
            ThoraxAnatomy a = ThoraxSegmenter.segment(c.ct());
            assertThat(a.hasHeart()).as("seed %d", seed).isTrue();
            Volume truth = c.labels();
            Volume ct = c.ct();
            assertEveryCoronaryLesionReachesTheRegion(truth, a, "seed " + seed);
            long dense = 0;
            long denseInRegion = 0;
            for (int z = 0; z < ct.sizeZ(); z++) {
                for (int y = 0; y < ct.sizeY(); y++) {
                    for (int x = 0; x < ct.sizeX(); x++) {
                        int label = (int) truth.value(z, y, x);
                        if (label >= 1 && label <= 4) {
                            coronary++;
                            outside += a.inHeartRegion(z, y, x) ? 0 : 1;
                        }
                        if (label == 0 && ct.value(z, y, x) >= 500) {
                            dense++;
                            if (a.inHeartRegion(z, y, x)) {
                                denseInRegion++;
                            }
                        }
                    }
                }
            }
            assertThat(denseInRegion).as("bone voxels in the heart region, seed %d", seed).isLessThan(dense / 100 + 1);
        }
        assertThat(coronary).isGreaterThan(0);
        assertThat(outside).as("coronary voxels outside the heart region, of %d", coronary).isLessThanOrEqualTo((coronary + 49) / 50);
    }

    /** Every 26-connected lesion of coronary labels (1-4) in {@code truth} has at least one voxel in the heart region. */
    private static void assertEveryCoronaryLesionReachesTheRegion(Volume truth, ThoraxAnatomy a, String what) {
        int nz = truth.sizeZ();
        int ny = truth.sizeY();
        int nx = truth.sizeX();
        boolean[] seen = new boolean[nz * ny * nx];
        java.util.ArrayDeque<int[]> queue = new java.util.ArrayDeque<>();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int label = (int) truth.value(z, y, x);
                    if (label < 1 || label > 4 || seen[(z * ny + y) * nx + x]) {
                        continue;
                    }
                    seen[(z * ny + y) * nx + x] = true;
                    queue.add(new int[] {z, y, x});
                    int voxels = 0;
                    boolean reaches = false;
                    while (!queue.isEmpty()) {
                        int[] v = queue.poll();
                        voxels++;
                        reaches |= a.inHeartRegion(v[0], v[1], v[2]);
                        for (int dz = -1; dz <= 1; dz++) {
                            for (int dy = -1; dy <= 1; dy++) {
                                for (int dx = -1; dx <= 1; dx++) {
                                    int zz = v[0] + dz;
                                    int yy = v[1] + dy;
                                    int xx = v[2] + dx;
                                    if (zz < 0 || yy < 0 || xx < 0 || zz >= nz || yy >= ny || xx >= nx || seen[(zz * ny + yy) * nx + xx]) {
                                        continue;
                                    }
                                    int l = (int) truth.value(zz, yy, xx);
                                    if (l >= 1 && l <= 4) {
                                        seen[(zz * ny + yy) * nx + xx] = true;
                                        queue.add(new int[] {zz, yy, xx});
                                    }
                                }
                            }
                        }
                    }
                    assertThat(reaches).as("coronary lesion of %d voxels at (%d,%d,%d), %s", voxels, z, y, x, what).isTrue();
                }
            }
        }
    }

    /**
     * A heart-centred field of view smaller than the chest (as calcium-scoring reconstructions often are: 200-250 mm)
     * cuts the chest wall, and the lungs reach the image's edge. They are still lungs, the heart is still found and
     * every coronary calcium voxel lies in its region. Before, the lungs failed the "mostly inside the body's hull"
     * test, no heart was found, every candidate was classified, and ribs at the edge of a calcium-free phantom case
     * were scored 1,058 (then 3,699 with another model). Coronary calcium as in the test above: every lesion reaches
     * the region, at most 2 % of its voxels lie outside.
     */
    @Test
    void aFieldOfViewCuttingTheChestWallKeepsLungsAndHeart() {
        long coronary = 0;
        long outside = 0;
        for (long seed = 1; seed <= 4; seed++) {
            PhantomCase c = CardiacPhantom.generate(PHANTOM, seed);
            Volume anatomy = c.anatomy();
            // the heart's centre (anatomy code 5) in the middle slice, and a square 60% of the image's width around it
            int z = c.ct().sizeZ() / 2;
            long sy = 0;
            long sx = 0;
            long k = 0;
            for (int y = 0; y < anatomy.sizeY(); y++) {
                for (int x = 0; x < anatomy.sizeX(); x++) {
                    if ((int) anatomy.value(z, y, x) == 5) {
                        sy += y;
                        sx += x;
                        k++;
                    }
                }
            }
            int side = (int) (0.6 * c.ct().sizeX());
            int y0 = Math.max(0, Math.min(c.ct().sizeY() - side, (int) (sy / k) - side / 2));
            int x0 = Math.max(0, Math.min(c.ct().sizeX() - side, (int) (sx / k) - side / 2));
            int[] min = {0, y0, x0};
            int[] size = {c.ct().sizeZ(), side, side};
            Volume ct = c.ct().crop(min, size);
            Volume truth = c.labels().crop(min, size);
            ThoraxAnatomy a = ThoraxSegmenter.segment(ct);
            assertThat(a.hasHeart()).as("seed %d", seed).isTrue();
            long lung = 0;
            long bodyAtEdge = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    lung += a.labelAt(z, y, x) == AnatomyLabel.LUNG ? 1 : 0;
                    boolean edge = y == 0 || x == 0 || y == side - 1 || x == side - 1;
                    bodyAtEdge += edge && ct.value(z, y, x) > -500 ? 1 : 0;
                }
            }
            assertThat(bodyAtEdge).as("tissue at the cropped image's edge (the field of view cuts the body), seed %d", seed).isPositive();
            assertThat(lung).as("lung voxels in the middle slice, seed %d", seed).isGreaterThan((long) side * side / 20);
            assertEveryCoronaryLesionReachesTheRegion(truth, a, "seed " + seed);
            for (int zz = 0; zz < ct.sizeZ(); zz++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int label = (int) truth.value(zz, y, x);
                        if (label >= 1 && label <= 4) {
                            coronary++;
                            outside += a.inHeartRegion(zz, y, x) ? 0 : 1;
                        }
                    }
                }
            }
        }
        assertThat(coronary).isGreaterThan(0);
        assertThat(outside).as("coronary voxels outside the heart region, of %d", coronary).isLessThanOrEqualTo((coronary + 49) / 50);
    }

    /**
     * A table under the patient whose foam core looks like lung (median near -850 HU, holes from its shell): it lies
     * outside the body and is not lung, and the heart region is the heart. The case is one the demo's sampling drew
     * (512², 2.5-3 mm slices, 110-150 mm coverage; case seed from a `calcify phantom --seed 531` cohort): taking the
     * table for lung put the heart region between the patient's back and the table, and a calcium-free case scored
     * Agatston 4,821.
     */
    @Test
    void aTableWithALungLikeCoreIsNotLungAndTheHeartRegionIsTheHeart() {
        PhantomOptions demo = PhantomOptions.builder().sizeXy(512).sliceThicknessMm(org.calcify.phantom.Range.of(2.5, 3))
                .coverageMm(org.calcify.phantom.Range.of(110, 150)).build();
        PhantomCase c = CardiacPhantom.generate(demo, 5142264012397542103L);
        ThoraxAnatomy a = ThoraxSegmenter.segment(c.ct());
        Volume truth = c.anatomy();
        long table = 0;
        long tableAsLung = 0;
        long heart = 0;
        long heartInRegion = 0;
        for (int z = 0; z < truth.sizeZ(); z++) {
            for (int y = 0; y < truth.sizeY(); y++) {
                for (int x = 0; x < truth.sizeX(); x++) {
                    int code = (int) truth.value(z, y, x);
                    AnatomyLabel l = a.labelAt(z, y, x);
                    if (code == 6 && c.ct().value(z, y, x) < -400) {
                        table++;
                        tableAsLung += l == AnatomyLabel.LUNG ? 1 : 0;
                    } else if (code == 5) {
                        heart++;
                        heartInRegion += l == AnatomyLabel.HEART_REGION ? 1 : 0;
                    }
                }
            }
        }
        assertThat(table).as("the table's foam core").isGreaterThan(10_000);
        assertThat(tableAsLung).as("of %d table voxels under -400 HU", table).isLessThan(table / 100);
        assertThat(heartInRegion).as("of %d voxels of the pericardial sac", heart).isGreaterThan(heart * 8 / 10);
    }

    /**
     * The real calcium-free chest: a heart region is found, the blood pool is non-contrast, and none of
     * the large dense structures (sternum, ribs, spine: 3D components of 5 mL and more above 130 HU,
     * found by SciPy) reaches into it.
     */
    @Test
    void realChestHeartRegionLeavesBoneOut() throws IOException {
        Volume ct = VolumeIO.read(CHEST.resolve("dicom"));
        ThoraxAnatomy a = ThoraxSegmenter.segment(ct);
        assertThat(a.hasHeart()).isTrue();
        assertThat(a.bloodPoolHu()).isBetween(0.0, 80.0);
        assertThat(a.noiseHu()).isBetween(2.0, 25.0);
        // smoothing over 0.6 mm leaves less of the noise, never none
        assertThat(a.smoothedNoiseHu()).isGreaterThan(0.5).isLessThan(a.noiseHu());
        Path labels = java.nio.file.Files.createTempFile("anatomy", ".nii");
        try {
            VolumeIO.write(a.labelMap(ct), labels);
            String out = PythonOracle.run("""
                    import sys, glob, numpy as np, pydicom, nibabel as nib, scipy.ndimage as ndi
                    ds = sorted((pydicom.dcmread(f) for f in glob.glob(sys.argv[1] + '/*')), key=lambda d: float(d.ImagePositionPatient[2]))
                    hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds])
                    lab = np.asanyarray(nib.load(sys.argv[2]).dataobj).transpose(2, 1, 0)
                    dense = hu >= 130
                    comp, n = ndi.label(dense, structure=np.ones((3, 3, 3)))
                    vox = float(ds[0].PixelSpacing[0]) * float(ds[0].PixelSpacing[1]) * abs(float(ds[1].ImagePositionPatient[2]) - float(ds[0].ImagePositionPatient[2]))
                    sizes = ndi.sum(dense, comp, range(1, n + 1)) * vox
                    big = np.isin(comp, 1 + np.nonzero(sizes >= 5000)[0])
                    print(int(big.sum()), int((big & (lab == 5)).sum()), int((lab == 5).sum()))
                    """, CHEST.resolve("dicom").toString(), labels.toString());
            String[] f = out.trim().split(" ");
            long bigDense = Long.parseLong(f[0]);
            long inRegion = Long.parseLong(f[1]);
            assertThat(bigDense).isGreaterThan(10_000);
            assertThat(Long.parseLong(f[2])).isGreaterThan(0);
            assertThat(inRegion).as("voxels of large dense structures inside the heart region").isLessThan(bigDense / 200);
        } finally {
            java.nio.file.Files.deleteIfExists(labels);
        }
    }

    /**
     * A slab through the heart below the carina (the sharp-kernel subset: its top slice shows the two main
     * bronchi, not the trachea) has no carina, so nothing cuts its heart region short.
     */
    @Test
    void aSlabBelowTheCarinaKeepsItsHeartToTheTop() throws IOException {
        Volume ct = VolumeIO.read(CHEST.resolve("dicom-kernel-L"));
        ThoraxAnatomy a = ThoraxSegmenter.segment(ct);
        assertThat(a.carinaMm()).isNaN();
        assertThat(a.heartAtFovEdge()).isTrue();
        int top = ct.geometry().axis(2)[2] > 0 ? ct.sizeZ() - 1 : 0; // the most superior slice
        boolean regionInTopSlice = false;
        for (int y = 0; y < ct.sizeY() && !regionInTopSlice; y += 4) {
            for (int x = 0; x < ct.sizeX() && !regionInTopSlice; x += 4) {
                regionInTopSlice = a.inHeartRegion(top, y, x);
            }
        }
        assertThat(regionInTopSlice).isTrue();
    }

    /**
     * The project's chest starts 10 mm below the carina, where its heart region has narrowed to the great vessels: the
     * heart's top lies inside the scan (not a cut field of view). The same scan cut 75 mm lower, through the ventricles,
     * has its heart cut at the top.
     */
    @Test
    void aHeartRegionReachingTheTopSliceIsCutOnlyWhereItIsStillWide() throws IOException {
        Volume ct = VolumeIO.read(CHEST.resolve("dicom"));
        ThoraxAnatomy whole = ThoraxSegmenter.segment(ct);
        assertThat(whole.carinaMm()).isNaN();
        assertThat(whole.heartAtFovEdge()).isFalse();
        assertThat(whole.heartTopNarrowed()).isTrue();
        int keep = 15; // of 36 slices of 5 mm: the inferior 75 mm, up to just above the ventricles' widest slice
        boolean headUp = ct.geometry().axis(2)[2] > 0;
        Volume lower = ct.crop(new int[] {headUp ? 0 : ct.sizeZ() - keep, 0, 0}, new int[] {keep, ct.sizeY(), ct.sizeX()});
        ThoraxAnatomy cut = ThoraxSegmenter.segment(lower);
        assertThat(cut.hasHeart()).isTrue();
        assertThat(cut.heartAtFovEdge()).isTrue();
        assertThat(cut.heartTopNarrowed()).isFalse();
    }

    /**
     * A "carina" with the heart still wide just below it is no carina: the chest cut through the ventricles (as above),
     * with an air tube of 1.5 cm² at the midline through its top two slices (10 mm: where the trachea is looked for)
     * that ends there, as a main bronchus next to the midline ends in a scan that starts below the carina. Taken for the
     * trachea ending at the carina, it cut the heart region at the tube's end, through the heart (on a noisy phantom
     * case the LM, LAD and LCX plaques above the cut were lost); now the cut is rejected and the region keeps its top.
     */
    @Test
    void aCarinaWithTheHeartStillWideBelowItIsNoCarina() throws IOException {
        Volume ct = VolumeIO.read(CHEST.resolve("dicom"));
        int keep = 15;
        boolean headUp = ct.geometry().axis(2)[2] > 0;
        Volume lower = ct.crop(new int[] {headUp ? 0 : ct.sizeZ() - keep, 0, 0}, new int[] {keep, ct.sizeY(), ct.sizeX()});
        int top = headUp ? keep - 1 : 0;
        int below = headUp ? keep - 2 : 1;
        ThoraxAnatomy plain = ThoraxSegmenter.segment(lower);
        // the tube: at the body's midline, level with the heart region's centre in the top slice
        double sumX = 0;
        double sumY = 0;
        long body = 0;
        long region = 0;
        double regionY = 0;
        for (int y = 0; y < lower.sizeY(); y++) {
            for (int x = 0; x < lower.sizeX(); x++) {
                if (lower.value(top, y, x) > -500) {
                    sumX += x;
                    body++;
                }
                if (plain.inHeartRegion(top, y, x)) {
                    regionY += y;
                    region++;
                }
            }
        }
        assertThat(region).isPositive();
        int cx = (int) Math.round(sumX / body);
        int cy = (int) Math.round(regionY / region);
        double px = lower.geometry().spacingX();
        int r = (int) Math.ceil(Math.sqrt(150 / Math.PI) / px); // 1.5 cm² = 150 mm²
        float[] hu = new float[lower.sizeZ() * lower.sizeY() * lower.sizeX()];
        for (int z = 0; z < lower.sizeZ(); z++) {
            for (int y = 0; y < lower.sizeY(); y++) {
                for (int x = 0; x < lower.sizeX(); x++) {
                    int i = (int) lower.geometry().index(z, y, x);
                    boolean tube = (z == top || z == below) && (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r;
                    hu[i] = tube ? -1000f : (float) lower.value(z, y, x);
                }
            }
        }
        Volume tubed = Volume.ofFloats(lower.geometry(), hu);
        ThoraxAnatomy a = ThoraxSegmenter.segment(tubed);
        assertThat(a.carinaMm()).isNaN();
        assertThat(a.heartAtFovEdge()).isTrue();
        boolean regionInTopSlice = false;
        for (int y = 0; y < tubed.sizeY() && !regionInTopSlice; y += 2) {
            for (int x = 0; x < tubed.sizeX() && !regionInTopSlice; x += 2) {
                regionInTopSlice = a.inHeartRegion(top, y, x);
            }
        }
        assertThat(regionInTopSlice).isTrue();
        assertThat(a.heartRegionMl()).isGreaterThan(0.9 * plain.heartRegionMl());
    }

    /** A contrast-enhanced CTA's blood pool is far above the 130 HU calcium threshold. */
    @Test
    void contrastShowsInTheBloodPool() throws IOException {
        Volume cta = VolumeIO.read(PythonOracle.realData().resolve("totalseg/aorta_report/ct_cropped.nii.gz"));
        assertThat(ThoraxSegmenter.segment(cta).bloodPoolHu()).isGreaterThan(200);
    }

    /** The same chest stored with its rows and columns reversed gives the same anatomy at the same places. */
    @Test
    void anatomyDoesNotDependOnTheScansAxisOrder() throws IOException {
        Volume ct = VolumeIO.read(CHEST.resolve("dicom"));
        Volume flipped = flipRowsAndColumns(ct);
        ThoraxAnatomy a = ThoraxSegmenter.segment(ct);
        ThoraxAnatomy b = ThoraxSegmenter.segment(flipped);
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        long differ = 0;
        long region = 0;
        for (int z = 0; z < ct.sizeZ(); z += 3) {
            for (int y = 0; y < ny; y += 2) {
                for (int x = 0; x < nx; x += 2) {
                    AnatomyLabel la = a.labelAt(z, y, x);
                    AnatomyLabel lb = b.labelAt(z, ny - 1 - y, nx - 1 - x);
                    if (la == AnatomyLabel.HEART_REGION) {
                        region++;
                    }
                    if (la != lb) {
                        differ++;
                    }
                }
            }
        }
        assertThat(region).isGreaterThan(0);
        // the coarse grid's bins start at the other end of each axis, so borders may move by one bin
        assertThat(differ).isLessThan(region / 10);
        assertThat(b.heartRegionMl()).isCloseTo(a.heartRegionMl(), org.assertj.core.data.Percentage.withPercentage(10));
    }

    private static Volume flipRowsAndColumns(Volume ct) {
        Geometry g = ct.geometry();
        int nz = ct.sizeZ();
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        short[] in = ct.shorts();
        short[] out = new short[in.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[(z * ny + y) * nx + x] = in[(z * ny + (ny - 1 - y)) * nx + (nx - 1 - x)];
                }
            }
        }
        double[] d = g.direction();
        double[] flippedDir = {-d[0], -d[1], d[2], -d[3], -d[4], d[5], -d[6], -d[7], d[8]};
        double[] origin = g.indexToWorld(nx - 1, ny - 1, 0);
        return Volume.ofShorts(Geometry.of(nx, ny, nz, g.spacingMm(), origin, flippedDir), out);
    }
}
