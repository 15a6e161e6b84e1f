package org.calcify.io.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoblibPickleWriterTest {

    @Test
    void joblibLoadsExactlyTheObjects(@TempDir Path dir) throws IOException {
        byte[] axial = new byte[65 * 65];
        for (int i = 0; i < axial.length; i++) {
            axial[i] = (byte) (i * 7);
        }
        byte[] sag = new byte[21 * 65];
        sag[10 * 65 + 32] = (byte) 255;
        double[] emr = {1.5, -2.25, 0, 1e300, 67, 0.1, Double.MIN_VALUE};
        byte[] pkl = new JoblibPickleWriter(10_000)
                .uint8Array(axial, 0, axial.length, 65, 65)
                .uint8Array(sag, 0, sag.length, 21, 65)
                .uint8Array(new byte[0], 0, 0, 0, 65)
                .float64Array(emr, 7)
                .integer(1).integer(-5).integer(300).integer(70_000).integer(5_000_000_000L)
                .toByteArray();
        Path f = dir.resolve("p.pkl");
        Files.write(f, pkl);
        String out = PythonOracle.run("""
                import sys, joblib, numpy as np
                d = joblib.load(sys.argv[1])
                m = joblib.load(sys.argv[1], mmap_mode='r')
                assert type(d) is list and len(d) == 9, d
                a = (np.arange(65 * 65) * 7 % 256).astype(np.uint8).reshape(65, 65)
                assert d[0].dtype == np.uint8 and d[0].shape == (65, 65) and np.array_equal(d[0], a)
                assert np.array_equal(m[0], a)
                s = np.zeros((21, 65), np.uint8); s[10, 32] = 255
                assert d[1].dtype == np.uint8 and np.array_equal(d[1], s)
                assert d[2].shape == (0, 65)
                e = np.array([1.5, -2.25, 0, 1e300, 67, 0.1, 5e-324])
                assert d[3].dtype == np.float64 and d[3].shape == (7,) and np.array_equal(d[3], e)
                assert d[4:] == [1, -5, 300, 70000, 5000000000] and all(type(v) is int for v in d[4:])
                print('ok')
                """, f.toString());
        assertThat(out.trim()).isEqualTo("ok");
    }
}
