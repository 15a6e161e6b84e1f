package org.calcify.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
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
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkClassifier} cuts patches from the box its candidates' patches reach ({@link NetworkClassifier#reach}),
 * not from the whole scan: every cube, tri-planar patch and context cube cut there must equal the one cut
 * from the whole scan, for candidates anywhere, the scan's edges included, whatever the spacing.
 */
class PatchReachTest {

    @Test
    void patchesCutFromTheReachedBoxEqualThoseCutFromTheWholeScan() {
        SplittableRandom r = new SplittableRandom(7);
        int[][] patchSizes = {{9, 33, 33}, {5, 17, 21}};
        ContextCube[] contexts = {ContextCube.parse("9,33,33@5,4,4"), ContextCube.parse("5,9,11@7,3,2.5"), null};
        double[][] spacings = {{2.5, 0.7, 0.7}, {0.625, 0.45, 0.45}, {5, 0.98, 0.98}};
        for (int trial = 0; trial < 24; trial++) {
            int[] patch = patchSizes[trial % patchSizes.length];
            ContextCube cx = contexts[trial % contexts.length];
            double[] sp = spacings[trial % spacings.length];
            Architecture arch = trial % 2 == 0 ? Architecture.CNN3D : Architecture.TRIPLANAR;
            ModelConfig config = new ModelConfig(arch, Task.ARTERY, true, Task.ARTERY.classNames(true), patch, "50,400", 4,
                    new double[0], new double[0], Network.WEIGHTS, java.util.Map.of(), cx);
            int nz = 20 + r.nextInt(40);
            int ny = 60 + r.nextInt(100);
            int nx = 60 + r.nextInt(100);
            byte[] data = new byte[nz * ny * nx];
            r.nextBytes(data);
            Geometry g = Geometry.of(nx, ny, nz, new double[] {sp[2], sp[1], sp[0]}, new double[3],
                    new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
            Volume scan = Volume.ofBytes(g, data);
            int n = 1 + r.nextInt(6);
            int[][] voxels = new int[n][];
            for (int i = 0; i < n; i++) {
                // clustered like the candidates of a heart, sometimes at an edge of the scan
                voxels[i] = new int[] {edgeOrInside(r, nz), edgeOrInside(r, ny), edgeOrInside(r, nx)};
            }
            int[][] box = NetworkClassifier.reach(voxels, config, sp, scan);
            PatchSource whole = PatchSource.of(scan);
            PatchSource part = PatchSource.of(scan.crop(box[0], box[1]));
            PatchShape shape = PatchShape.ofSizes(patch[0], patch[1], patch[2]);
            CubeExtractor cube = new CubeExtractor(shape);
            TriplanarExtractor planes = new TriplanarExtractor(shape);
            ContextExtractor context = cx == null ? null : new ContextExtractor(cx, sp);
            for (int[] v : voxels) {
                int[] w = {v[0] - box[0][0], v[1] - box[0][1], v[2] - box[0][2]};
                assertThat(cube.extract(part, w[0], w[1], w[2])).as("cube at %s, trial %d", java.util.Arrays.toString(v), trial)
                        .isEqualTo(cube.extract(whole, v[0], v[1], v[2]));
                byte[][] a = triplanar(planes, shape, whole, v);
                byte[][] b = triplanar(planes, shape, part, w);
                for (int k = 0; k < 3; k++) {
                    assertThat(b[k]).as("plane %d at %s, trial %d", k, java.util.Arrays.toString(v), trial).isEqualTo(a[k]);
                }
                if (context != null) {
                    assertThat(context.extract(part, w[0], w[1], w[2])).as("context at %s, trial %d", java.util.Arrays.toString(v), trial)
                            .isEqualTo(context.extract(whole, v[0], v[1], v[2]));
                }
            }
            long cropped = (long) box[1][0] * box[1][1] * box[1][2];
            assertThat(cropped).isLessThanOrEqualTo((long) nz * ny * nx);
        }
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
            default -> n / 3 + r.nextInt(n / 3);
        };
    }
}
