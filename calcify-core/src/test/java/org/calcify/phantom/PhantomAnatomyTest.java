package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tissue classes of noise-free cases, measured in NumPy/SciPy through the anatomy truth map: each
 * class's HU lies in its documented range, every bright voxel has bone, cartilage or an outside object next
 * to it (or is labelled calcium), coronary calcium lies in the heart region; bone and calcium HU rise at
 * lower kVp by the documented factor; and a seed gives the same case whatever the thread count.
 */
class PhantomAnatomyTest {
    @TempDir
    Path dir;

    /** Noise-free full-size cases of 16 slices of 2.5 mm at 120 kVp, with a wide field of view (table and arms in view). */
    private static final PhantomOptions NOISE_FREE = PhantomOptions.builder().sizeXy(512).slices(16, 16)
            .sliceThicknessMm(Range.exactly(2.5)).pixelMm(Range.of(0.7, 0.9)).kvp(Range.exactly(120)).optNoiseFree(true).build();

    /** argv: case folders. Prints one line of measurements per case (see the keys). */
    private static final String RANGES = """
            import sys, numpy as np, nibabel as nib
            from scipy import ndimage
            plane = np.zeros((3, 3, 3), bool); plane[1] = ndimage.generate_binary_structure(2, 1)
            for d in sys.argv[1:]:
                ct = np.asarray(nib.load(d + '/ct.nii.gz').dataobj).T.astype(float)   # (z, y, x)
                an = np.asarray(nib.load(d + '/anatomy.nii.gz').dataobj).T
                lab = np.asarray(nib.load(d + '/labels.nii.gz').dataobj).T
                assert nib.load(d + '/anatomy.nii.gz').get_data_dtype() == np.uint8 and an.shape == ct.shape
                def inner(code, k=2):
                    return ndimage.binary_erosion(an == code, plane, iterations=k)
                soft = ct[inner(1, 1)]
                bone = an == 3
                heart = ct[inner(5)]
                table = ct[an == 6]
                # a bright voxel needs bone, cartilage or an object within 1 slice and 3 pixels (partial volume, blur);
                # in the first and last slice a bone may fill only the part of the slice beyond which no slice
                # carries its code (the code is the slice's majority): those two slices count as near bone
                near = ndimage.binary_dilation(bone | (an == 6), np.ones((3, 7, 7), bool))
                near[[0, -1]] = True
                far = int(((ct >= 400) & (lab == 0) & ~near).sum())
                cor = (lab >= 1) & (lab <= 4)
                print(f"air={np.median(ct[an == 0]):.1f} lung={np.median(ct[inner(2)]):.1f} "
                      f"fat={np.mean((soft > -130) & (soft < -70)):.3f} muscle={np.mean((soft > 20) & (soft < 80)):.3f} "
                      f"cortex={ct[bone].max():.1f} trabecular={np.median(ct[inner(3)]):.1f} aorta={np.median(ct[inner(4)]):.1f} "
                      f"heart={np.mean((heart > 25) & (heart < 70)):.3f} tablemin={table.min() if table.size else 0:.1f} "
                      f"tablemax={table.max() if table.size else 0:.1f} farbright={far} "
                      f"coronary={int(cor.sum())} coronaryinheart={int((cor & (an == 5)).sum())} "
                      f"codes={','.join(str(int((an == k).sum())) for k in range(8))}")
            """;

    @Test
    void tissueClassesLieInTheirRangesAndCodesAgreeWithHu() throws IOException {
        int n = 4;
        PhantomCohort.write(dir, n, 5, NOISE_FREE, EnumSet.of(CohortOutput.ANATOMY), null);
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            args[i] = dir.resolve(PhantomCohort.caseName(i)).toString();
        }
        List<String> lines = PythonOracle.run(RANGES, args).lines().toList();
        System.out.println("anatomy oracle: " + lines);
        assertThat(lines).hasSize(n);
        long coronary = 0;
        long coronaryInHeart = 0;
        for (String line : lines) {
            Map<String, String> f = new java.util.HashMap<>();
            for (String kv : line.split(" ")) {
                f.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            assertThat(num(f, "air")).as("outside: air").isLessThanOrEqualTo(-990);
            assertThat(num(f, "lung")).as("lung parenchyma median").isBetween(-900.0, -750.0);
            assertThat(num(f, "fat")).as("share of body soft tissue that is fat (-130..-70 HU)").isGreaterThan(0.15);
            assertThat(num(f, "muscle")).as("share of body soft tissue that is muscle or organ (20..80 HU)").isGreaterThan(0.15);
            assertThat(num(f, "cortex")).as("brightest bone: cortical (700-1200 HU at 120 kVp)").isBetween(700.0, 1200.0);
            assertThat(num(f, "trabecular")).as("bone interior: trabecular (150-400 HU)").isBetween(150.0, 400.0);
            assertThat(num(f, "aorta")).as("aortic blood, non-contrast").isBetween(30.0, 55.0);
            assertThat(num(f, "heart")).as("share of the heart region's interior at blood or myocardium HU").isGreaterThan(0.6);
            assertThat(num(f, "tablemin")).as("table foam core").isLessThan(-850);
            assertThat(num(f, "tablemax")).as("table carbon skins, denser than water even blurred").isGreaterThan(0);
            assertThat(num(f, "farbright")).as("voxels >= 400 HU, unlabelled, with no bone or object near").isZero();
            String[] codes = f.get("codes").split(",");
            for (int k = 0; k <= 6; k++) {
                assertThat(Long.parseLong(codes[k])).as("voxels of anatomy code %d", k).isPositive();
            }
            assertThat(Long.parseLong(codes[7])).as("voxels of codes above 6").isZero();
            coronary += (long) num(f, "coronary");
            coronaryInHeart += (long) num(f, "coronaryinheart");
        }
        assertThat(coronary).as("coronary calcium voxels").isPositive();
        assertThat(coronaryInHeart).as("coronary calcium voxels in the heart region").isEqualTo(coronary);
    }

    private static double num(Map<String, String> f, String key) {
        return Double.parseDouble(f.get(key));
    }

    /** argv: the 80 kVp and the 140 kVp case folders. Prints measured and expected ratios of bone and fat HU, and muscle's difference. */
    private static final String KVP = """
            import sys, numpy as np, nibabel as nib
            lo = np.asarray(nib.load(sys.argv[1] + '/ct.nii.gz').dataobj).astype(float)
            hi = np.asarray(nib.load(sys.argv[2] + '/ct.nii.gz').dataobj).astype(float)
            an = np.asarray(nib.load(sys.argv[2] + '/anatomy.nii.gz').dataobj)
            same = (an == np.asarray(nib.load(sys.argv[1] + '/anatomy.nii.gz').dataobj)).all()
            dense = (an == 3) & (hi >= 600)
            fat = (an == 1) & (hi > -130) & (hi < -80)
            muscle = (an == 1) & (hi > 35) & (hi < 60)
            # the documented scaling relative to 120 kVp: bone and calcium (120/kVp)^0.75, fat (120/kVp)^0.35
            print(int(same), np.median(lo[dense] / hi[dense]), (140 / 80) ** 0.75, np.median(lo[fat] / hi[fat]), (140 / 80) ** 0.35,
                  np.median(lo[muscle] - hi[muscle]), int(dense.sum()))
            """;

    @Test
    void boneAndCalciumAreBrighterAtLowerKvp() throws IOException {
        PhantomOptions o = NOISE_FREE.toBuilder().slices(8, 8).build();
        Path lo = dir.resolve("kv80");
        Path hi = dir.resolve("kv140");
        PhantomCohort.write(lo, 1, 5, o.toBuilder().kvp(Range.exactly(80)).build(), EnumSet.of(CohortOutput.ANATOMY), null);
        PhantomCohort.write(hi, 1, 5, o.toBuilder().kvp(Range.exactly(140)).build(), EnumSet.of(CohortOutput.ANATOMY), null);
        String[] f = PythonOracle.run(KVP, lo.resolve("case-0000").toString(), hi.resolve("case-0000").toString()).trim().split(" ");
        assertThat(f[0]).as("same anatomy at both voltages").isEqualTo("1");
        assertThat(Integer.parseInt(f[6])).as("dense bone voxels").isGreaterThan(1000);
        assertThat(Double.parseDouble(f[1])).as("dense bone HU, 80 over 140 kVp").isCloseTo(Double.parseDouble(f[2]), org.assertj.core.data.Offset.offset(0.03));
        assertThat(Double.parseDouble(f[3])).as("fat HU, 80 over 140 kVp").isCloseTo(Double.parseDouble(f[4]), org.assertj.core.data.Offset.offset(0.03));
        assertThat(Double.parseDouble(f[5])).as("muscle HU, 80 minus 140 kVp").isBetween(-2.0, 2.0);
    }

    @Test
    void sameSeedSameCaseWhateverTheThreadCount() throws InterruptedException, ExecutionException {
        PhantomOptions o = PhantomOptions.builder().sizeXy(128).slices(12, 12).build();
        long seed = PhantomCohort.caseSeed(8, 1);
        PhantomCase common = CardiacPhantom.generate(o, seed);
        ForkJoinPool one = new ForkJoinPool(1);
        PhantomCase single;
        try {
            single = one.submit(() -> CardiacPhantom.generate(o, seed)).get();
        } finally {
            one.shutdown();
        }
        assertThat(single.ct().shorts()).isEqualTo(common.ct().shorts());
        assertThat(single.labels().bytes()).isEqualTo(common.labels().bytes());
        assertThat(single.anatomy().bytes()).isEqualTo(common.anatomy().bytes());
        assertThat(single.ct().metadata()).isEqualTo(common.ct().metadata());
        assertThat(single.acquisition()).isEqualTo(common.acquisition());
        assertThat(common.anatomy().geometry()).isEqualTo(common.ct().geometry());
        PhantomCase other = CardiacPhantom.generate(o, seed + 1);
        assertThat(other.ct().shorts()).isNotEqualTo(common.ct().shorts());
        assertThat(other.anatomy().bytes()).isNotEqualTo(common.anatomy().bytes());
    }

    /** The anatomy map round-trips through NIfTI on the CT's grid. */
    @Test
    void anatomyMapIsWrittenOnTheCtGrid() throws IOException {
        PhantomCohort.write(dir, 1, 3, PhantomOptions.builder().sizeXy(64).slices(6, 6).build(), EnumSet.of(CohortOutput.ANATOMY), null);
        var ct = VolumeIO.read(dir.resolve("case-0000/ct.nii.gz"));
        var an = VolumeIO.read(dir.resolve("case-0000/anatomy.nii.gz"));
        assertThat(an.geometry().sizeX()).isEqualTo(ct.geometry().sizeX());
        assertThat(an.geometry().sizeZ()).isEqualTo(ct.geometry().sizeZ());
        assertThat(an.geometry().spacingZ()).isEqualTo(ct.geometry().spacingZ());
    }
}
