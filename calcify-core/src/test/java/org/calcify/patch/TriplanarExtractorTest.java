package org.calcify.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriplanarExtractorTest {

    /** NumPy cuts the same patches the thread's way (np.pad + slicing), centred on the voxel itself. */
    @Test
    void equalsNumpySlicingOfAPaddedVolume(@TempDir Path dir) throws IOException {
        PythonOracle.run("""
                import sys, numpy as np
                out = sys.argv[1]
                rng = np.random.default_rng(3)
                nz, ny, nx = 17, 70, 90
                vol = rng.integers(0, 256, size=(nz, ny, nx), dtype=np.uint8)
                pts = [(0, 0, 0), (nz - 1, ny - 1, nx - 1), (8, 35, 45), (3, 69, 0), (16, 0, 89)]
                pts += [tuple(int(v) for v in (rng.integers(0, nz), rng.integers(0, ny), rng.integers(0, nx))) for _ in range(40)]
                p = np.pad(vol, ((10, 10), (65, 65), (65, 65)), 'constant', constant_values=0)
                res = []
                for z, y, x in pts:
                    cz, cy, cx = z + 10, y + 65, x + 65
                    res += [p[cz, cy - 32:cy + 33, cx - 32:cx + 33].tobytes(),
                            p[cz - 10:cz + 11, cy - 32:cy + 33, cx].tobytes(),
                            p[cz - 10:cz + 11, cy, cx - 32:cx + 33].tobytes()]
                vol.tofile(out + '.vol')
                np.array(pts, '<i4').tofile(out + '.pts')
                open(out + '.patches', 'wb').write(b''.join(res))
                """, dir.resolve("t").toString());
        byte[] vol = Files.readAllBytes(dir.resolve("t.vol"));
        ByteBuffer pts = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("t.pts"))).order(ByteOrder.LITTLE_ENDIAN);
        byte[] expected = Files.readAllBytes(dir.resolve("t.patches"));
        PatchSource src = PatchSource.of(vol, 17, 70, 90);
        TriplanarExtractor ex = new TriplanarExtractor(PatchShape.THREAD);
        int n = pts.capacity() / 12;
        int per = 65 * 65 + 21 * 65 + 21 * 65;
        assertThat(expected).hasSize(n * per);
        for (int i = 0; i < n; i++) {
            int z = pts.getInt(), y = pts.getInt(), x = pts.getInt();
            TriplanarPatch p = ex.extract(src, z, y, x);
            byte[] got = new byte[per];
            System.arraycopy(p.axial(), 0, got, 0, 65 * 65);
            System.arraycopy(p.sagittal(), 0, got, 65 * 65, 21 * 65);
            System.arraycopy(p.coronal(), 0, got, 65 * 65 + 21 * 65, 21 * 65);
            byte[] want = java.util.Arrays.copyOfRange(expected, i * per, (i + 1) * per);
            assertThat(got).as("patch at z=%d y=%d x=%d", z, y, x).isEqualTo(want);
        }
    }

    /** A bright marker is at the centre of all three planes, wherever it is, for any scan size. */
    @Property(tries = 200)
    void markerIsAtTheCentre(@ForAll @IntRange(min = 1, max = 120) int nz, @ForAll @IntRange(min = 1, max = 40) int ny,
                             @ForAll @IntRange(min = 1, max = 40) int nx, @ForAll @IntRange(min = 0, max = 10_000) int seed) {
        int z = seed % nz;
        int y = (seed / 7) % ny;
        int x = (seed / 13) % nx;
        byte[] vol = new byte[nz * ny * nx];
        vol[(z * ny + y) * nx + x] = (byte) 255;
        PatchShape shape = new PatchShape(3, 5, 4);
        TriplanarPatch p = new TriplanarExtractor(shape).extract(PatchSource.of(vol, nz, ny, nx), z, y, x);
        assertThat(p.axial(5, 4)).isEqualTo(255);
        assertThat(p.sagittal(3, 5)).isEqualTo(255);
        assertThat(p.coronal(3, 4)).isEqualTo(255);
        assertThat(sum(p.axial()) + sum(p.sagittal()) + sum(p.coronal())).isEqualTo(3 * 255);
        byte[] cube = new CubeExtractor(shape).extract(PatchSource.of(vol, nz, ny, nx), z, y, x);
        assertThat(cube[(3 * shape.sizeY() + 5) * shape.sizeX() + 4] & 0xFF).isEqualTo(255);
        assertThat(sum(cube)).isEqualTo(255);
    }

    /** Cube and tri-planar planes agree: the planes are the cube's central sections. */
    @Property(tries = 50)
    void planesAreSectionsOfTheCube(@ForAll @IntRange(min = -5, max = 30) int z, @ForAll @IntRange(min = -5, max = 40) int y,
                                    @ForAll @IntRange(min = -5, max = 40) int x) {
        int nz = 25, ny = 33, nx = 36;
        byte[] vol = new byte[nz * ny * nx];
        new java.util.Random(nz + 31L * z).nextBytes(vol);
        PatchSource src = PatchSource.of(vol, nz, ny, nx);
        PatchShape shape = new PatchShape(4, 6, 7);
        byte[] cube = new CubeExtractor(shape).extract(src, z, y, x);
        TriplanarPatch p = new TriplanarExtractor(shape).extract(src, z, y, x);
        for (int s = 0; s < shape.sizeZ(); s++) {
            for (int r = 0; r < shape.sizeY(); r++) {
                for (int c = 0; c < shape.sizeX(); c++) {
                    int v = cube[(s * shape.sizeY() + r) * shape.sizeX() + c] & 0xFF;
                    assertThat(v).isEqualTo(src.value(z - 4 + s, y - 6 + r, x - 7 + c));
                    if (s == 4) {
                        assertThat(p.axial(r, c)).isEqualTo(v);
                    }
                    if (c == 7) {
                        assertThat(p.sagittal(s, r)).isEqualTo(v);
                    }
                    if (r == 6) {
                        assertThat(p.coronal(s, c)).isEqualTo(v);
                    }
                }
            }
        }
    }

    private static int sum(byte[] a) {
        int s = 0;
        for (byte b : a) {
            s += b & 0xFF;
        }
        return s;
    }
}
