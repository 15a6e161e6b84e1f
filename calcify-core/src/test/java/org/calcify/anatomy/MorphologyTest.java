package org.calcify.anatomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distance transforms, hole filling and slice hulls against SciPy computed now on the same masks. */
class MorphologyTest {
    private static final int NZ = 7;
    private static final int NY = 23;
    private static final int NX = 31;
    private static final double[] SPACING = {2.5, 0.8, 1.3};

    /** Random blobs: a few balls and noise, so that there are holes, separate parts and empty lines. */
    private static boolean[] blobs(long seed, double fill) {
        Random r = new Random(seed);
        boolean[] m = new boolean[NZ * NY * NX];
        for (int k = 0; k < 6; k++) {
            double cz = r.nextInt(NZ);
            double cy = r.nextInt(NY);
            double cx = r.nextInt(NX);
            double rad = 2 + r.nextInt(6);
            for (int z = 0; z < NZ; z++) {
                for (int y = 0; y < NY; y++) {
                    for (int x = 0; x < NX; x++) {
                        double d = Math.pow((z - cz) * SPACING[0], 2) + Math.pow((y - cy) * SPACING[1], 2) + Math.pow((x - cx) * SPACING[2], 2);
                        if (d <= rad * rad * 4) {
                            m[(z * NY + y) * NX + x] ^= true;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < m.length; i++) {
            if (r.nextDouble() < fill) {
                m[i] = !m[i];
            }
        }
        return m;
    }

    private static Path write(Path dir, String name, boolean[] m) throws IOException {
        byte[] b = new byte[m.length];
        for (int i = 0; i < m.length; i++) {
            b[i] = (byte) (m[i] ? 1 : 0);
        }
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static float[] readFloats(Path p) throws IOException {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(Files.readAllBytes(p)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(f);
        return f;
    }

    private static boolean[] readMask(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        boolean[] m = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            m[i] = b[i] != 0;
        }
        return m;
    }

    private static final String LOAD = """
            import sys, numpy as np, scipy.ndimage as ndi
            shape = (%d, %d, %d)
            sp = (%s, %s, %s)
            m = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(shape).astype(bool)
            """.formatted(NZ, NY, NX, SPACING[0], SPACING[1], SPACING[2]);

    @Test
    void squaredDistancesEqualScipysExactEuclideanTransform(@TempDir Path dir) throws IOException {
        Morphology m = new Morphology(NZ, NY, NX, SPACING);
        for (long seed = 1; seed <= 3; seed++) {
            boolean[] target = blobs(seed, 0.002);
            Path in = write(dir, "t" + seed, target);
            Path out3 = dir.resolve("d3_" + seed);
            Path out2 = dir.resolve("d2_" + seed);
            PythonOracle.run(LOAD + """
                    d3 = ndi.distance_transform_edt(~m, sampling=sp) ** 2
                    d3.astype('<f4').tofile(sys.argv[2])
                    d2 = np.stack([ndi.distance_transform_edt(~s, sampling=sp[1:]) ** 2 if s.any() else np.full(s.shape, np.inf) for s in m])
                    d2.astype('<f4').tofile(sys.argv[3])
                    """, in.toString(), out3.toString(), out2.toString());
            float[] want3 = readFloats(out3);
            float[] want2 = readFloats(out2);
            float[] got3 = m.squaredDistanceTo(target, false);
            float[] got2 = m.squaredDistanceTo(target, true);
            for (int i = 0; i < want3.length; i++) {
                assertThat((double) got3[i]).as("3D voxel %d seed %d", i, seed).isCloseTo(want3[i], org.assertj.core.data.Offset.offset(1e-3 * (1 + want3[i])));
                if (Float.isInfinite(want2[i])) {
                    assertThat(got2[i]).as("2D voxel %d: slice without target", i).isGreaterThan(1e19f);
                } else {
                    assertThat((double) got2[i]).as("2D voxel %d seed %d", i, seed).isCloseTo(want2[i], org.assertj.core.data.Offset.offset(1e-3 * (1 + want2[i])));
                }
            }
        }
    }

    @Test
    void holeFillingEqualsScipyPerSlice(@TempDir Path dir) throws IOException {
        Morphology m = new Morphology(NZ, NY, NX, SPACING);
        for (long seed = 4; seed <= 6; seed++) {
            boolean[] mask = blobs(seed, 0.05);
            Path in = write(dir, "m" + seed, mask);
            Path out = dir.resolve("f" + seed);
            PythonOracle.run(LOAD + """
                    s4 = ndi.generate_binary_structure(2, 1)
                    f = np.stack([ndi.binary_fill_holes(s, structure=s4) for s in m])
                    f.astype(np.uint8).tofile(sys.argv[2])
                    """, in.toString(), out.toString());
            assertThat(m.fillHolesPerSlice(mask, Double.POSITIVE_INFINITY)).isEqualTo(readMask(out));
        }
    }

    @Test
    void sliceHullEqualsTheHalfPlanesOfScipysConvexHull(@TempDir Path dir) throws IOException {
        for (long seed = 7; seed <= 9; seed++) {
            boolean[] mask = blobs(seed, 0.01);
            Path in = write(dir, "h" + seed, mask);
            Path out = dir.resolve("hull" + seed);
            PythonOracle.run(LOAD + """
                    from scipy.spatial import ConvexHull
                    out = np.zeros(shape, dtype=np.uint8)
                    yy, xx = np.mgrid[0:shape[1], 0:shape[2]]
                    grid = np.c_[xx.ravel(), yy.ravel()].astype(float)
                    for z in range(shape[0]):
                        pts = np.argwhere(m[z])[:, ::-1].astype(float)
                        if len(pts) == 0:
                            continue
                        try:
                            h = ConvexHull(pts)
                            inside = np.all(grid @ h.equations[:, :2].T + h.equations[:, 2] <= 1e-9, axis=1)
                        except Exception:
                            # collinear or a single point: the segment between the extreme points
                            lo, hi = pts.min(0), pts.max(0)
                            d = hi - lo
                            t = ((grid - lo) @ d) / max(d @ d, 1e-12)
                            inside = (np.abs((grid - lo)[:, 0] * d[1] - (grid - lo)[:, 1] * d[0]) < 1e-9) & (t >= -1e-9) & (t <= 1 + 1e-9)
                        out[z] = inside.reshape(shape[1], shape[2])
                    out.tofile(sys.argv[2])
                    """, in.toString(), out.toString());
            assertThat(SliceHull.fill(mask, NZ, NY, NX)).as("seed %d", seed).isEqualTo(readMask(out));
        }
    }

    @Test
    void openingKeepsBallsThatFitAndDropsThinnerParts() {
        // a 12 mm ball joined to a 2 mm thick plate: opening with a 6 mm ball keeps the ball, not the plate
        int n = 40;
        double[] sp = {1, 1, 1};
        Morphology m = new Morphology(n, n, n, sp);
        boolean[] mask = new boolean[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean ball = Math.pow(z - 15, 2) + Math.pow(y - 20, 2) + Math.pow(x - 20, 2) <= 144;
                    boolean plate = z >= 27 && z <= 28;
                    mask[(z * n + y) * n + x] = ball || plate;
                }
            }
        }
        boolean[] open = m.open(mask, 6, false);
        assertThat(open[(15 * n + 20) * n + 20]).isTrue();
        assertThat(open[(27 * n + 2) * n + 2]).isFalse();
        for (int i = 0; i < open.length; i++) {
            assertThat(!open[i] || mask[i]).isTrue();
        }
    }
}
