package org.calcify.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context cubes against scipy.ndimage.map_coordinates (linear, zero outside) on an anisotropic random scan. */
class ContextExtractorTest {
    private static final int NZ = 13;
    private static final int NY = 40;
    private static final int NX = 37;

    @Test
    void trilinearSamplesEqualScipy(@TempDir Path dir) throws IOException {
        byte[] vol = new byte[NZ * NY * NX];
        new SplittableRandom(3).nextBytes(vol);
        Files.write(dir.resolve("vol.u8"), vol);
        double[] spacing = {2.5, 0.7, 0.8};
        ContextCube cube = new ContextCube(5, 9, 11, 4, 3, 2.2);
        int[][] centres = {{6, 20, 18}, {0, 0, 0}, {12, 39, 36}, {3, 5, 30}, {9, 33, 2}};
        PythonOracle.run("""
                import sys, numpy as np
                from scipy import ndimage
                d = sys.argv[1]
                vol = np.fromfile(d + '/vol.u8', np.uint8).reshape(13, 40, 37).astype(np.float64)
                sizes, step, spacing = (5, 9, 11), (4.0, 3.0, 2.2), (2.5, 0.7, 0.8)
                centres = [(6, 20, 18), (0, 0, 0), (12, 39, 36), (3, 5, 30), (9, 33, 2)]
                out = []
                for c in centres:
                    axes = [c[a] + (np.arange(sizes[a]) - sizes[a] // 2) * (step[a] / spacing[a]) for a in range(3)]
                    zz, yy, xx = np.meshgrid(*axes, indexing='ij')
                    out.append(ndimage.map_coordinates(vol, [zz, yy, xx], order=1, mode='grid-constant', cval=0.0))
                np.stack(out).astype('<f8').tofile(d + '/ref.f8')
                """, dir.toString());
        ByteBuffer ref = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("ref.f8"))).order(ByteOrder.LITTLE_ENDIAN);
        ContextExtractor ex = new ContextExtractor(cube, spacing);
        PatchSource src = PatchSource.of(vol, NZ, NY, NX);
        int zeros = 0;
        for (int[] c : centres) {
            byte[] ours = ex.extract(src, c[0], c[1], c[2]);
            for (byte b : ours) {
                double want = ref.getDouble();
                assertThat((double) (b & 0xFF)).isCloseTo(want, org.assertj.core.data.Offset.offset(0.5 + 1e-3));
                zeros += want == 0 ? 1 : 0;
            }
        }
        // corner centres reach outside the scan, where both sides give zero
        assertThat(zeros).isGreaterThan(100);
    }

    @Test
    void parsesAndPrintsItsGeometry() {
        ContextCube c = ContextCube.parse(" 9,33,33@5,4,4 ");
        assertThat(c).isEqualTo(ContextCube.DEFAULT);
        assertThat(c.text()).isEqualTo("9,33,33@5,4,4");
        assertThat(ContextCube.parse(new ContextCube(3, 5, 7, 2.5, 1, 0.75).text())).isEqualTo(new ContextCube(3, 5, 7, 2.5, 1, 0.75));
        assertThatThrownBy(() -> ContextCube.parse("9,33@5,4,4")).hasMessageContaining("Z,Y,X@MMZ,MMY,MMX");
        assertThatThrownBy(() -> ContextCube.parse("9,32,33@5,4,4")).hasMessageContaining("odd");
        assertThatThrownBy(() -> ContextCube.parse("9,33,33@5,0,4")).hasMessageContaining("spacing");
    }
}
