package org.calcify.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Task;
import org.calcify.patch.ContextCube;
import org.calcify.patch.ContextExtractor;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.TriplanarExtractor;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomOptions;
import org.calcify.volume.Geometry;
import org.calcify.volume.PatientOrder;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
import org.calcify.window.WindowPreset;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkClassifier} cuts patches from boxes window-levelled one slab at a time ({@link SlabSources}), not
 * from the whole window-levelled scan: every cube, tri-planar patch and context cube cut there must equal the one
 * cut from the whole scan in patient order, for candidates anywhere (the scan's edges, every slab, slabs revisited),
 * whatever the spacing and the scan's orientation; and a heart-only context cube must equal the one cut from the
 * whole scan with everything outside the heart region set to 0.
 */
class SlabSourcesTest {
    private static final WindowLevel WINDOW = WindowPreset.parse("50,400");

    /** Column-major direction matrices (columns: the x, y, z index axes): LPS, RAS, z reversed, axes permuted. */
    private static final double[][] DIRECTIONS = {
        {1, 0, 0, 0, 1, 0, 0, 0, 1},
        {-1, 0, 0, 0, -1, 0, 0, 0, 1},
        {1, 0, 0, 0, 1, 0, 0, 0, -1},
        {0, 1, 0, 0, 0, -1, 1, 0, 0},
    };

    @Test
    void patchesCutSlabBySlabEqualThoseCutFromTheWholeScan() {
        SplittableRandom r = new SplittableRandom(7);
        int[][] patchSizes = {{9, 33, 33}, {5, 17, 21}};
        ContextCube[] contexts = {ContextCube.parse("9,33,33@5,4,4"), ContextCube.parse("5,9,11@7,3,2.5"), null};
        double[][] spacings = {{2.5, 0.7, 0.7}, {0.625, 0.45, 0.45}, {5, 0.98, 0.98}};
        int slabsBuilt = 0;
        for (int trial = 0; trial < 24; trial++) {
            int[] patch = patchSizes[trial % patchSizes.length];
            ContextCube cx = contexts[trial % contexts.length];
            double[] sp = spacings[trial % spacings.length];
            Architecture arch = trial % 2 == 0 ? Architecture.CNN3D : Architecture.TRIPLANAR;
            ModelConfig config = config(arch, patch, cx);
            int nz = 20 + r.nextInt(100);
            int ny = 40 + r.nextInt(80);
            int nx = 40 + r.nextInt(80);
            short[] hu = new short[nz * ny * nx];
            for (int i = 0; i < hu.length; i++) {
                hu[i] = (short) (r.nextInt(1400) - 1000);
            }
            Geometry g = Geometry.of(nx, ny, nz, new double[] {sp[2], sp[1], sp[0]}, new double[3], DIRECTIONS[trial % DIRECTIONS.length]);
            Volume ct = Volume.ofShorts(g, hu);
            int n = 1 + r.nextInt(40);
            int[][] voxels = new int[n][];
            for (int i = 0; i < n; i++) {
                // anywhere, sometimes at an edge of the scan
                voxels[i] = new int[] {edgeOrInside(r, nz), edgeOrInside(r, ny), edgeOrInside(r, nx)};
            }
            PatientOrder order = PatientOrder.of(g);
            PatchSource whole = PatchSource.of(order.apply(WINDOW.applyToVolume(ct)));
            SlabSources sources = new SlabSources(ct, WINDOW, config, null, voxels);
            PatchShape shape = PatchShape.ofSizes(patch[0], patch[1], patch[2]);
            CubeExtractor cube = new CubeExtractor(shape);
            TriplanarExtractor planes = new TriplanarExtractor(shape);
            ContextExtractor context = cx == null ? null : new ContextExtractor(cx, order.spacingZyx(g));
            for (int[] v : voxels) {
                SlabSources.Slab slab = sources.slabOf(v[0]);
                int[] w = order.toPatient(g, v[0], v[1], v[2]);
                int[] p = sources.inPatchBox(slab, v);
                String at = java.util.Arrays.toString(v) + ", trial " + trial;
                assertThat(cube.extract(slab.patch(), p[0], p[1], p[2])).as("cube at %s", at).isEqualTo(cube.extract(whole, w[0], w[1], w[2]));
                byte[][] a = triplanar(planes, shape, whole, w);
                byte[][] b = triplanar(planes, shape, slab.patch(), p);
                for (int k = 0; k < 3; k++) {
                    assertThat(b[k]).as("plane %d at %s", k, at).isEqualTo(a[k]);
                }
                if (context != null) {
                    int[] c = sources.inContextBox(slab, v);
                    assertThat(context.extract(slab.context(), c[0], c[1], c[2])).as("context at %s", at)
                            .isEqualTo(context.extract(whole, w[0], w[1], w[2]));
                } else {
                    assertThat(slab.context()).isNull();
                }
                // a slab's patch box spans its slices and half a patch on either side, never the whole scan
                assertThat(slab.patchGrid().sizeZ()).isLessThanOrEqualTo(SlabSources.SLAB_SLICES + 2 * (Math.max(patch[0], Math.max(patch[1], patch[2])) / 2 + 1));
            }
            slabsBuilt += sources.built();
        }
        assertThat(slabsBuilt).as("slabs window-levelled over all trials").isGreaterThan(24);
    }

    /**
     * A heart-only context cube cut from a slab (its box cut to the heart region's box, masked in place) equals the one
     * cut from the whole window-levelled phantom chest with everything outside the heart region set to 0.
     */
    @Test
    void heartOnlyContextCubesCutSlabBySlabEqualThoseOfTheWholeHeartOnlyScan() {
        PhantomOptions options = PhantomOptions.builder().sizeXy(192).slices(70, 70).build();
        Volume ct = CardiacPhantom.generate(options, 3).ct();
        ThoraxAnatomy anatomy = ThoraxSegmenter.segment(ct);
        assertThat(anatomy.hasHeart()).isTrue();
        ModelConfig config = config(Architecture.CNN3D, new int[] {9, 33, 33}, ContextCube.parse("9,33,33@5,4,4/heart"));
        Geometry g = ct.geometry();
        PatientOrder order = PatientOrder.of(g);
        Volume windowed = WINDOW.applyToVolume(ct);
        PatchSource heartOnly = PatchSource.of(order.apply(anatomy.heartOnly(windowed)));
        ContextExtractor context = new ContextExtractor(config.context(), order.spacingZyx(g));
        int[] box = anatomy.heartRegionBoxZyx(10);
        SplittableRandom r = new SplittableRandom(11);
        int[][] voxels = new int[60][];
        for (int i = 0; i < voxels.length; i++) {
            voxels[i] = new int[] {box[0] + r.nextInt(box[3] - box[0] + 1), box[1] + r.nextInt(box[4] - box[1] + 1),
                box[2] + r.nextInt(box[5] - box[2] + 1)};
        }
        SlabSources sources = new SlabSources(ct, WINDOW, config, anatomy, voxels);
        int[] heart = anatomy.heartRegionBoxZyx(0);
        int nonZero = 0;
        for (int[] v : voxels) {
            SlabSources.Slab slab = sources.slabOf(v[0]);
            int[] c = sources.inContextBox(slab, v);
            int[] w = order.toPatient(g, v[0], v[1], v[2]);
            byte[] got = context.extract(slab.context(), c[0], c[1], c[2]);
            assertThat(got).as("heart-only context at %s", java.util.Arrays.toString(v)).isEqualTo(context.extract(heartOnly, w[0], w[1], w[2]));
            for (byte b : got) {
                nonZero += b != 0 ? 1 : 0;
            }
            // the context box lies in the heart region's box
            Geometry cg = slab.contextGrid();
            int[] size = {cg.sizeZ(), cg.sizeY(), cg.sizeX()};
            for (int a = 0; a < 3; a++) {
                assertThat(slab.contextMin()[a]).isGreaterThanOrEqualTo(heart[a]);
                assertThat(slab.contextMin()[a] + size[a] - 1).isLessThanOrEqualTo(heart[a + 3]);
            }
        }
        assertThat(nonZero).as("context voxels that see the heart").isGreaterThan(0);
    }

    private static ModelConfig config(Architecture arch, int[] patch, ContextCube cx) {
        return new ModelConfig(arch, Task.ARTERY, true, Task.ARTERY.classNames(true), patch, "50,400", 4,
                new double[0], new double[0], Network.WEIGHTS, java.util.Map.of(), cx);
    }

    private static byte[][] triplanar(TriplanarExtractor planes, PatchShape shape, PatchSource src, int[] v) {
        byte[][] out = {new byte[shape.axialLength()], new byte[shape.sagittalLength()], new byte[shape.coronalLength()]};
        planes.extract(src, v[0], v[1], v[2], out[0], 0, out[1], 0, out[2], 0);
        return out;
    }

    private static int edgeOrInside(SplittableRandom r, int n) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> n - 1;
            default -> r.nextInt(n);
        };
    }
}
