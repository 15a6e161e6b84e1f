package org.calcify.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.ScoreTriple;
import org.calcify.score.ScoringOracle;
import org.calcify.score.ScoringParameters;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid cases on the project's real calcium-free chest, checked from the written files by NumPy /
 * SciPy ({@link #ORACLE}) and by the project's scoring oracle ({@link ScoringOracle}).
 */
class HybridGeneratorTest {
    private static final Path CHEST = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");
    private static HybridBackground kernelB;
    private static HybridBackground kernelL;

    /**
     * From ct, labels, background and anatomy (NIfTI) and the rules' constants, prints one "name value"
     * line per check; tissue is judged on the background's 3 x 3 in-plane mean. Structures are the 26-connected components of background >= 130 HU whose largest
     * slice reaches the minimum area; the margin is every offset within the margin in mm or in the
     * 26-neighbourhood; distances are exact Euclidean distance transforms in mm.
     */
    private static final String ORACLE = """
            import sys, numpy as np, nibabel as nib, scipy.ndimage as ndi
            def load(p):
                img = nib.load(p)
                return np.asarray(img.dataobj).T.astype(np.int64), img
            ct, img = load(sys.argv[1]); lab, _ = load(sys.argv[2]); bg, _ = load(sys.argv[3]); an, _ = load(sys.argv[4])
            margin, air_mm, bone_mm, min_area = (float(v) for v in sys.argv[5:9])
            tissue_min, calcium, air_hu, region, bone = (int(v) for v in sys.argv[9:14])
            sx, sy, sz = (float(v) for v in img.header.get_zooms()[:3])
            sp = np.array([sz, sy, sx])
            changed = ct != bg
            labelled = lab != 0
            print('mismatch', int((labelled != ((ct >= calcium) & changed)).sum()))
            L, n = ndi.label(bg >= calcium, structure=np.ones((3, 3, 3)))
            z = np.nonzero(L)[0]
            per_slice = np.bincount(L[L > 0] * ct.shape[0] + z, minlength=(n + 1) * ct.shape[0]).reshape(n + 1, ct.shape[0])
            keep = per_slice.max(axis=1) * sx * sy >= min_area - 1e-9
            keep[0] = False
            structure = keep[L]
            r = [max(1, int(np.floor(margin / s))) for s in sp]
            dz, dy, dx = np.mgrid[-r[0]:r[0] + 1, -r[1]:r[1] + 1, -r[2]:r[2] + 1]
            element = ((np.abs(dz) <= 1) & (np.abs(dy) <= 1) & (np.abs(dx) <= 1)) | ((dz * sp[0]) ** 2 + (dy * sp[1]) ** 2 + (dx * sp[2]) ** 2 <= margin ** 2)
            print('structures', int(keep.sum()))
            print('changed_structure', int((changed & structure).sum()))
            print('changed_specks', int((changed & (bg >= calcium)).sum()))
            # checks near the plaques only, in a box reaching well past every distance checked
            reach = max(margin, air_mm, bone_mm) + 2
            idx = np.argwhere(changed)
            box = tuple(slice(max(0, int(lo) - int(np.ceil(reach / s))), int(hi) + int(np.ceil(reach / s)) + 1)
                        for lo, hi, s in zip(idx.min(axis=0), idx.max(axis=0), sp))
            print('near_structure', int((ndi.binary_dilation(structure[box], structure=element) & changed[box]).sum()))
            C, nc = ndi.label(changed, structure=np.ones((3, 3, 3)))
            print('changed_parts', nc)
            mixed = touching = 0
            for c, box in enumerate(ndi.find_objects(C), start=1):
                mixed += len(np.unique(lab[(C == c) & labelled])) > 1
                grown = tuple(slice(max(0, b.start - k), b.stop + k) for b, k in zip(box, r))
                near = ndi.binary_dilation(C[grown] == c, structure=element)
                touching += bool((near & (C[grown] != c) & changed[grown]).any())
            print('mixed_parts', mixed)
            print('touching_parts', touching)
            print('edge', int(changed[0].sum() + changed[-1].sum() + changed[:, 0].sum() + changed[:, -1].sum() + changed[:, :, 0].sum() + changed[:, :, -1].sum()))
            print('outside_region', int((labelled & (an != region)).sum()))
            mean = ndi.uniform_filter(bg.astype(np.float64), size=(1, 3, 3), mode='constant', cval=-1024)
            print('not_tissue', int((labelled & ((mean < tissue_min - 1e-9) | (mean >= calcium + 1e-9))).sum()))
            air = ndi.distance_transform_edt(bg[box] >= air_hu, sampling=sp)
            print('air_min_mm', float(air[labelled[box]].min()))
            bone_d = ndi.distance_transform_edt(an[box] != bone, sampling=sp)
            print('bone_min_mm', float(bone_d[labelled[box]].min()))
            print('labelled', int(labelled.sum()))
            print('label_values', ' '.join(str(int((lab == v).sum())) for v in range(6)))
            """;

    @BeforeAll
    static void load() throws IOException {
        kernelB = HybridBackground.load(CHEST.resolve("dicom"));
        kernelL = HybridBackground.load(CHEST.resolve("dicom-kernel-L"));
    }

    /** Writes ct, labels, background and the anatomy of a case and runs {@link #ORACLE}. */
    private static Map<String, String> oracle(HybridCase c, Path dir) throws IOException {
        Path ct = dir.resolve("ct.nii.gz");
        Path lab = dir.resolve("labels.nii.gz");
        Path bg = dir.resolve("background.nii.gz");
        Path an = dir.resolve("anatomy.nii.gz");
        VolumeIO.write(c.ct(), ct);
        VolumeIO.write(c.labels(), lab);
        VolumeIO.write(c.background(), bg);
        HybridBackground source = c.backgroundName().equals(kernelB.name()) ? kernelB : kernelL;
        VolumeIO.write(new CaseBackground(source, c.augmentation()).anatomyMap(), an);
        String out = PythonOracle.run(ORACLE, ct.toString(), lab.toString(), bg.toString(), an.toString(),
                Double.toString(InsertionRules.DENSE_MARGIN_MM), Double.toString(InsertionRules.AIR_CLEARANCE_MM),
                Double.toString(InsertionRules.BONE_CLEARANCE_MM), Double.toString(InsertionRules.STRUCTURE_MIN_AREA_MM2),
                Integer.toString(InsertionRules.TISSUE_MIN_HU), Integer.toString(InsertionRules.CALCIUM_HU),
                Integer.toString(InsertionRules.AIR_HU), Integer.toString(org.calcify.anatomy.AnatomyLabel.HEART_REGION.value()),
                Integer.toString(org.calcify.anatomy.AnatomyLabel.BONE.value()));
        Map<String, String> m = new HashMap<>();
        for (String line : out.lines().toList()) {
            int sp = line.indexOf(' ');
            m.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return m;
    }

    /**
     * The truth is exact and the plaques plausible, on both kernels, with shifts, crops and extra noise:
     * the labels are exactly the voxels at or above 130 HU that differ from the background; no voxel of
     * a real structure (a candidate) changed nor within the margin of a plaque; each plaque one label; labelled voxels in the heart region, on fat or soft tissue, clear of air and bone.
     */
    @Test
    void truthIsExactAndPlaquesLieInEpicardialTissue(@TempDir Path tmp) throws IOException {
        HybridOptions o = HybridOptions.builder().optEmptyFraction(0).optCoronary(3, 5).optNonCoronary(1, 2)
                .optMaxShiftMm(15).optMaxCropSlices(2).optMaxExtraNoiseHu(15).build();
        int lesions = 0;
        for (HybridBackground b : List.of(kernelB, kernelL)) {
            for (long seed : new long[] {11, 12}) {
                HybridCase c = HybridGenerator.generate(b, o, seed);
                Path dir = Files.createDirectories(tmp.resolve(b == kernelB ? "b" + seed : "l" + seed));
                Map<String, String> m = oracle(c, dir);
                String what = b.name() + " seed " + seed;
                assertThat(m.get("mismatch")).as(what + ": labels != (ct >= 130 and ct != background)").isEqualTo("0");
                assertThat(m.get("changed_structure")).as(what + ": voxels of real structures changed").isEqualTo("0");
                assertThat(m.get("near_structure")).as(what + ": changed voxels near a real structure").isEqualTo("0");
                assertThat(m.get("mixed_parts")).as(what + ": plaques with two labels").isEqualTo("0");
                assertThat(m.get("touching_parts")).as(what + ": plaques within the margin of each other").isEqualTo("0");
                assertThat(Integer.parseInt(m.get("changed_parts"))).as(what + ": separate plaques").isEqualTo(c.lesions().size());
                assertThat(m.get("edge")).as(what + ": changed voxels on the scan's edge").isEqualTo("0");
                assertThat(m.get("outside_region")).as(what + ": labelled voxels outside the heart region").isEqualTo("0");
                assertThat(m.get("not_tissue")).as(what + ": labelled voxels not on fat or soft tissue").isEqualTo("0");
                assertThat(Double.parseDouble(m.get("air_min_mm"))).as(what + ": mm from air").isGreaterThan(InsertionRules.AIR_CLEARANCE_MM);
                assertThat(Double.parseDouble(m.get("bone_min_mm"))).as(what + ": mm from bone").isGreaterThan(InsertionRules.BONE_CLEARANCE_MM);
                assertThat(Integer.parseInt(m.get("structures"))).as(what + ": real candidates (negatives)").isGreaterThan(50);
                int labelled = c.lesions().stream().mapToInt(InsertedLesion::labelledVoxels).sum();
                assertThat(Integer.parseInt(m.get("labelled"))).isEqualTo(labelled);
                String[] counts = m.get("label_values").split(" ");
                for (LesionSite site : LesionSite.values()) {
                    long expected = c.lesions().stream().filter(l -> l.site().label() == site.label()).mapToInt(InsertedLesion::labelledVoxels).sum();
                    assertThat(Long.parseLong(counts[site.label()])).as(what + " label " + site.label()).isEqualTo(expected);
                }
                lesions += c.lesions().size();
            }
        }
        assertThat(lesions).as("lesions inserted in 4 cases of 4-7 asked").isGreaterThanOrEqualTo(12);
    }

    /** The truth's scores by CalciumScorer agree with the SciPy Agatston oracle on the written files; lesions add up to the scan. */
    @Test
    void truthScoresMatchScipyAgatston(@TempDir Path tmp) throws IOException {
        HybridOptions o = HybridOptions.builder().optEmptyFraction(0).optCoronary(4, 6).optNonCoronary(1, 1).build();
        HybridCase c = HybridGenerator.generate(kernelB, o, 21);
        Path ct = tmp.resolve("ct.nii.gz");
        Path lab = tmp.resolve("labels.nii.gz");
        VolumeIO.write(c.ct(), ct);
        VolumeIO.write(c.labels(), lab);
        CalciumScore s = new CalciumScorer().score(VolumeIO.read(ct), VolumeIO.read(lab));
        List<String> lines = ScoringOracle.run(ct, lab, ScoringParameters.DEFAULT).lines().toList();
        assertClose("total", s.total(), lines.get(0));
        for (Artery a : Artery.values()) {
            assertClose(a.name(), s.artery(a), lines.get(a.label()));
        }
        assertThat(s.total().agatston()).isPositive();
        assertThat(c.lesions()).as("every inserted lesion reaches 1 mm² in a slice, so it scores").allSatisfy(l ->
                assertThat(l.scores().agatston()).isPositive());
        double sum = c.lesions().stream().filter(l -> l.site().coronary()).mapToDouble(l -> l.scores().agatston()).sum();
        assertThat(sum).as("coronary lesions' Agatston add up to the scan's").isCloseTo(s.total().agatston(), within(1e-6));
        for (Artery a : Artery.values()) {
            double art = c.lesions().stream().filter(l -> l.site().coronary() && l.site().artery() == a)
                    .mapToDouble(l -> l.scores().volumeMm3()).sum();
            assertThat(art).as(a + " volume").isCloseTo(s.artery(a).volumeMm3(), within(1e-6));
        }
    }

    private static void assertClose(String what, ScoreTriple mine, String oracleLine) {
        String[] f = oracleLine.trim().split(" ");
        assertThat(mine.agatston()).as(what + " Agatston").isCloseTo(Double.parseDouble(f[1]), within(1e-6 * (1 + Double.parseDouble(f[1]))));
        assertThat(mine.volumeMm3()).as(what + " volume").isCloseTo(Double.parseDouble(f[2]), within(1e-6 * (1 + Double.parseDouble(f[2]))));
        assertThat(mine.massMg()).as(what + " mass").isCloseTo(Double.parseDouble(f[3]), within(1e-6 * (1 + Double.parseDouble(f[3]))));
    }

    /** A copy without plaques and without augmentation is the real scan, voxel for voxel, as pydicom reads it; its truth is all zero. */
    @Test
    void emptyCopyEqualsTheBackgroundExactly(@TempDir Path tmp) throws IOException {
        HybridOptions o = HybridOptions.builder().optEmptyFraction(1).optMaxShiftMm(0).optMaxCropSlices(0).build();
        HybridCase c = HybridGenerator.generate(kernelB, o, 5);
        assertThat(c.empty()).isTrue();
        assertThat(c.lesions()).isEmpty();
        Path ct = tmp.resolve("ct.nii.gz");
        Path lab = tmp.resolve("labels.nii.gz");
        VolumeIO.write(c.ct(), ct);
        VolumeIO.write(c.labels(), lab);
        String out = PythonOracle.run("""
                import sys, glob, numpy as np, pydicom, nibabel as nib
                ds = sorted((pydicom.dcmread(f) for f in glob.glob(sys.argv[1] + '/*')), key=lambda d: float(d.ImagePositionPatient[2]))
                hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds]).astype(np.int64)
                ct = np.asarray(nib.load(sys.argv[2]).dataobj).T.astype(np.int64)
                lab = np.asarray(nib.load(sys.argv[3]).dataobj).T
                print(ct.shape == hu.shape and bool((ct == hu).all()), int(lab.sum()))
                """, CHEST.resolve("dicom").toString(), ct.toString(), lab.toString());
        assertThat(out.trim()).isEqualTo("True 0");
    }

    /** The same seed gives the same case; another seed another one. */
    @Test
    void deterministicPerSeed() {
        HybridOptions o = HybridOptions.builder().optEmptyFraction(0).optMaxExtraNoiseHu(10).build();
        HybridCase a = HybridGenerator.generate(kernelB, o, 99);
        HybridCase b = HybridGenerator.generate(kernelB, o, 99);
        HybridCase other = HybridGenerator.generate(kernelB, o, 100);
        assertThat(b.ct().shorts()).isEqualTo(a.ct().shorts());
        assertThat(b.labels().bytes()).isEqualTo(a.labels().bytes());
        assertThat(b.lesions()).hasSameSizeAs(a.lesions());
        for (int i = 0; i < a.lesions().size(); i++) {
            assertThat(b.lesions().get(i).centreLps()).isEqualTo(a.lesions().get(i).centreLps());
            assertThat(b.lesions().get(i).scores()).isEqualTo(a.lesions().get(i).scores());
        }
        assertThat(other.ct().shorts()).isNotEqualTo(a.ct().shorts());
    }

    /** Every path point lies in epicardial fat of the heart region, clear of air; the four arteries all have a course. */
    @Test
    void pathsRunThroughEpicardialFat() {
        HybridCase c = HybridGenerator.generate(kernelB, HybridOptions.builder().optEmptyFraction(0).build(), 3);
        CaseBackground bg = new CaseBackground(kernelB, c.augmentation());
        assertThat(c.paths()).extracting(ArteryPath::site).containsExactly(LesionSite.LM, LesionSite.LAD, LesionSite.LCX, LesionSite.RCA);
        for (ArteryPath p : c.paths()) {
            assertThat(p.points()).as(p.site() + " points").hasSizeGreaterThan(p.site() == LesionSite.LM ? 0 : 20);
            for (ArteryPath.Point q : p.points()) {
                int[] v = q.voxelZyx();
                assertThat(bg.inHeartRegion(v[0], v[1], v[2])).isTrue();
                assertThat(bg.hu(v[0], v[1], v[2])).isBetween(InsertionRules.TISSUE_MIN_HU, InsertionRules.FAT_MAX_HU);
            }
        }
    }

    /**
     * Extensive plaques (share 1) keep the truth exact (the same NumPy/SciPy checks as above) and are what they
     * claim, measured by SciPy on the written label maps: each coronary lesion's labelled voxels as one
     * 26-connected part, its extent (largest distance between two labelled voxel centres, mm) and its count;
     * the same seeds drawn without extensive plaques give the comparison.
     */
    @Test
    void extensivePlaquesAreLargeAlongTheArteryAndTheTruthStaysExact(@TempDir Path tmp) throws IOException {
        HybridOptions plain = HybridOptions.builder().optEmptyFraction(0).optCoronary(3, 4).optNonCoronary(0, 0).build();
        HybridOptions extensive = HybridOptions.builder().optEmptyFraction(0).optCoronary(3, 4).optNonCoronary(0, 0)
                .optExtensiveShare(1).build();
        String measure = """
                import sys, numpy as np, nibabel as nib, scipy.ndimage as ndi
                from scipy.spatial.distance import pdist
                lab = np.asarray(nib.load(sys.argv[1]).dataobj).T
                sx, sy, sz = (float(v) for v in nib.load(sys.argv[1]).header.get_zooms()[:3])
                L, n = ndi.label(lab > 0, structure=np.ones((3, 3, 3)))
                for i in range(1, n + 1):
                    z, y, x = np.nonzero(L == i)
                    p = np.stack([z * sz, y * sy, x * sx], axis=1)
                    print(len(z), pdist(p).max() if len(z) > 1 else 0.0)
                """;
        List<double[]> sizes = new java.util.ArrayList<>();  // {voxels, extent mm, extensive 0/1}
        for (HybridOptions o : List.of(plain, extensive)) {
            for (long seed = 31; seed < 37; seed++) {
                HybridCase c = HybridGenerator.generate(kernelB, o, seed);
                Path dir = Files.createDirectories(tmp.resolve((o == plain ? "p" : "e") + seed));
                if (o == extensive && seed < 33) {
                    Map<String, String> m = oracle(c, dir);
                    assertThat(m.get("mismatch")).as("seed " + seed + ": labels != (ct >= 130 and ct != background)").isEqualTo("0");
                    assertThat(m.get("near_structure")).as("seed " + seed + ": changed voxels near a real structure").isEqualTo("0");
                    assertThat(m.get("touching_parts")).as("seed " + seed + ": plaques within the margin of each other").isEqualTo("0");
                    assertThat(m.get("outside_region")).as("seed " + seed + ": labelled voxels outside the heart region").isEqualTo("0");
                    assertThat(m.get("not_tissue")).as("seed " + seed + ": labelled voxels not on fat or soft tissue").isEqualTo("0");
                    assertThat(Integer.parseInt(m.get("changed_parts"))).as("seed " + seed + ": separate plaques").isEqualTo(c.lesions().size());
                } else {
                    VolumeIO.write(c.labels(), dir.resolve("labels.nii.gz"));
                }
                assertThat(c.lesions()).allSatisfy(l -> assertThat(l.shape()).isIn(PlaqueShape.NODULE, PlaqueShape.ELONGATED));
                if (o == extensive) {
                    assertThat(c.lesions()).as("every plaque extensive, so elongated").allSatisfy(l -> assertThat(l.shape()).isEqualTo(PlaqueShape.ELONGATED));
                }
                for (String line : PythonOracle.run(measure, dir.resolve("labels.nii.gz").toString()).lines().toList()) {
                    String[] f = line.trim().split(" ");
                    sizes.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), o == extensive ? 1 : 0});
                }
            }
        }
        double[] plainVoxels = sizes.stream().filter(v -> v[2] == 0).mapToDouble(v -> v[0]).sorted().toArray();
        double[] extVoxels = sizes.stream().filter(v -> v[2] == 1).mapToDouble(v -> v[0]).sorted().toArray();
        double[] extExtent = sizes.stream().filter(v -> v[2] == 1).mapToDouble(v -> v[1]).sorted().toArray();
        assertThat(extVoxels.length).as("extensive lesions in 6 cases of 3-4 asked").isGreaterThanOrEqualTo(15);
        assertThat(extVoxels[extVoxels.length / 2]).as("median voxels, extensive vs plain " + plainVoxels[plainVoxels.length / 2])
                .isGreaterThan(2 * plainVoxels[plainVoxels.length / 2]);
        assertThat(extExtent[extExtent.length / 2]).as("median extent of extensive lesions, mm").isGreaterThan(8);
        assertThat(extExtent[extExtent.length - 1]).as("largest extent, mm (30 mm along the path, blur and one slice)").isLessThan(45);
        assertThat(java.util.Arrays.stream(extVoxels).filter(v -> v >= 60).count()).as("extensive lesions of 60 voxels or more")
                .isGreaterThanOrEqualTo(3);
    }

    /** The course an extensive plaque follows: the path's points either side of the chosen one, 1.5 mm apart, up to a jump. */
    @Test
    void extensiveCourseFollowsThePathAndStopsAtAJump() {
        List<ArteryPath.Point> pts = new java.util.ArrayList<>();
        for (int k = 0; k <= 60; k++) {
            double x = k <= 40 ? k : k + 10;  // 1 mm apart, then a 11 mm jump between points 40 and 41
            pts.add(new ArteryPath.Point(new int[] {0, 0, k}, new double[] {x, 0, 0}, new double[] {1, 0, 0}, k / 60.0));
        }
        ArteryPath path = new ArteryPath(LesionSite.LAD, pts);
        List<double[]> c = HybridGenerator.course(path, 20, 12);
        assertThat(c.get(0)[0]).isEqualTo(14);
        assertThat(c.get(c.size() - 1)[0]).isEqualTo(26);
        for (int i = 1; i < c.size(); i++) {
            assertThat(c.get(i)[0] - c.get(i - 1)[0]).as("spacing").isGreaterThanOrEqualTo(1.5);
        }
        List<double[]> atJump = HybridGenerator.course(path, 38, 20);
        assertThat(atJump.get(0)[0]).isEqualTo(28);
        assertThat(atJump.get(atJump.size() - 1)[0]).as("stops before the jump").isEqualTo(40);
        assertThat(PlaqueSampler.extensive(LesionSite.LAD, List.of(new double[] {0, 0, 0}), new java.util.SplittableRandom(1))).isNull();
        List<double[]> back = List.of(new double[] {0, 0, 0}, new double[] {2, 0, 0}, new double[] {0, 0, 0});
        assertThat(PlaqueSampler.extensive(LesionSite.LAD, back, new java.util.SplittableRandom(1))).as("doubles back").isNull();
        PlaqueModel m = PlaqueSampler.extensive(LesionSite.LAD, c, new java.util.SplittableRandom(2));
        assertThat(m.blobs()).hasSameSizeAs(c);
        assertThat(m.blobs()).allSatisfy(b -> {
            assertThat(b.sigmaPerpMm()).isBetween(1.0, 2.5);
            assertThat(Math.abs(b.axis()[0])).as("along the course").isCloseTo(1, within(1e-9));
        });
        assertThat(m.peakHu()).isBetween(400.0, PlaqueSampler.MAX_PEAK_HU);
    }

    /** A contrast-enhanced or heartless scan is refused with the file's name. */
    @Test
    void refusesScansWithoutAHeart(@TempDir Path tmp) throws IOException {
        Path lungs = tmp.resolve("air.nii");
        short[] air = new short[40 * 40 * 8];
        java.util.Arrays.fill(air, (short) -1000);
        VolumeIO.write(org.calcify.volume.Volume.ofShorts(org.calcify.volume.Geometry.of(40, 40, 8), air), lungs);
        assertThatThrownBy(() -> HybridBackground.load(lungs)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(lungs.toString()).hasMessageContaining("no heart region");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> HybridOptions.builder().optCoronary(3, 1).build()).hasMessageContaining("coronary plaques");
        assertThatThrownBy(() -> HybridOptions.builder().optEmptyFraction(1.5).build()).hasMessageContaining("empty fraction");
        assertThatThrownBy(() -> HybridOptions.builder().optPsfMm(0.9, 0.2).build()).hasMessageContaining("PSF");
        assertThatThrownBy(() -> HybridOptions.builder().optCoronary(0, 0).optNonCoronary(0, 0).build())
                .hasMessageContaining("at least one plaque");
        assertThatThrownBy(() -> HybridOptions.builder().optExtensiveShare(1.5).build()).hasMessageContaining("extensive plaque share");
        assertThatThrownBy(() -> HybridOptions.builder().optExtensiveShare(-0.1).build()).hasMessageContaining("extensive plaque share");
    }
}
