package org.calcify.io.joblib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;

/** Our str() of floats against Python's repr(float) and NumPy's str(numpy.float32) for thousands of values. */
class PythonTextTest {

    @Test
    void floatTextMatchesPythonAndNumpy() {
        String out = PythonOracle.run("""
                import struct, numpy as np
                rng = np.random.default_rng(5)
                vals = [0.0, -0.0, 1.0, 0.1, 1e-05, 0.0001, 1e16, 1e15, 123456789.0, 5e-324, 1.7976931348623157e308,
                        float('inf'), float('-inf'), float('nan'), 2.0**63, 1/3, 0.5, 100.0]
                vals += list(rng.standard_normal(1000) * 10.0 ** rng.integers(-30, 30, 1000))
                vals += list(rng.integers(-10**6, 10**6, 300) / 1000)
                for v in vals:
                    v = float(v)
                    print(struct.pack('>d', v).hex(), repr(v), str(np.float32(v)))
                """);
        List<String> lines = List.of(out.strip().split("\n"));
        assertThat(lines).hasSizeGreaterThan(1300);
        for (String line : lines) {
            String[] f = line.split(" ");
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
            assertThat(PythonText.floatRepr(d)).as("repr of %s", f[1]).isEqualTo(f[1]);
            assertThat(PythonText.float32Repr((float) d)).as("numpy.float32 str of %s", f[1]).isEqualTo(f[2]);
        }
    }
}
