package org.calcify.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Resampler;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trilinear resampling against scipy.ndimage.map_coordinates(order=1) on the same grid. */
class ResamplerTest {

    @Test
    void equalsScipyTrilinear(@TempDir Path dir) throws IOException {
        int nz = 7, ny = 11, nx = 13;
        float[] v = new float[nz * ny * nx];
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 100);
        }
        Geometry g = Geometry.of(nx, ny, nz, new double[] {0.7, 0.9, 2.5}, new double[] {1, 2, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume out = Resampler.toSpacing(Volume.ofFloats(g, v), new double[] {0.5, 0.5, 1.0});
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(dir.resolve("v.raw"), b.array());
        PythonOracle.run("""
                import sys, numpy as np
                from scipy import ndimage
                d = sys.argv[1]
                v = np.fromfile(d + '/v.raw', '<f4').reshape(7, 11, 13).astype(np.float64)
                old = np.array([2.5, 0.9, 0.7]); new = np.array([1.0, 0.5, 0.5])
                m = [int(round((n - 1) * o / s)) + 1 for n, o, s in zip(v.shape, old, new)]
                grid = np.meshgrid(*[np.arange(k) * s / o for k, s, o in zip(m, new, old)], indexing='ij')
                grid = [np.minimum(c, n - 1) for c, n in zip(grid, v.shape)]
                out = ndimage.map_coordinates(v, grid, order=1, mode='nearest')
                out.astype('<f4').tofile(d + '/ref.raw')
                print(*m)
                """, dir.toString());
        ByteBuffer ref = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("ref.raw"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.sizeZ()).isEqualTo(16);
        assertThat(ref.capacity() / 4).isEqualTo(out.geometry().voxelCount());
        float[] o = out.floats();
        for (int i = 0; i < o.length; i++) {
            assertThat(o[i]).as("voxel %d", i).isCloseTo(ref.getFloat(4 * i), org.assertj.core.data.Offset.offset(1e-3f));
        }
        assertThat(out.geometry().originMm()).containsExactly(1, 2, 3);
    }
}
