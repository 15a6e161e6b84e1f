package org.calcify.io.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The int16-array and int-tuple items, read back by Debian's python3-joblib (also memory-mapped). */
class JoblibPickleWriterInt16Test {

    @Test
    void joblibLoadsInt16ArraysAndTuples(@TempDir Path dir) throws IOException {
        short[] ct = new short[3 * 5 * 7];
        for (int i = 0; i < ct.length; i++) {
            ct[i] = (short) (i * 997 - 40000);
        }
        byte[] pkl = new JoblibPickleWriter(1000)
                .int16Array(ct, 3, 5, 7)
                .intTuple(0, 2, 4, 6, 1)
                .intTuple(3, 79, 511, 300, 0, -7, 70_000)
                .int16Array(new short[0], 0, 512, 512)
                .uint8Array(new byte[] {1, 2}, 0, 2, 2)
                .toByteArray();
        Path f = dir.resolve("t.pkl");
        Files.write(f, pkl);
        String out = PythonOracle.run("""
                import sys, joblib, numpy as np
                d = joblib.load(sys.argv[1])
                m = joblib.load(sys.argv[1], mmap_mode='r')
                want = (np.arange(105, dtype=np.int64) * 997 - 40000).astype(np.int16).reshape(3, 5, 7)
                assert d[0].dtype == np.int16 and d[0].shape == (3, 5, 7) and np.array_equal(d[0], want), d[0]
                assert np.array_equal(m[0], want) and isinstance(m[0], np.memmap)
                assert d[1] == (0, 2, 4, 6, 1) and type(d[1]) is tuple and all(type(v) is int for v in d[1])
                assert d[2] == (3, 79, 511, 300, 0, -7, 70000)
                assert d[3].shape == (0, 512, 512) and d[3].dtype == np.int16
                assert np.array_equal(d[4], np.array([1, 2], np.uint8))
                print('ok')
                """, f.toString());
        assertThat(out.trim()).isEqualTo("ok");
    }
}
