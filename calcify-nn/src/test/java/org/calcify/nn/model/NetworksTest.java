package org.calcify.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameter counts documented in Networks and docs/models.md, counted by hand from the layer list there. */
class NetworksTest {
    private static long count(Architecture a, int emr) {
        ModelConfig c = new ModelConfig(a, Task.BINARY, false, Task.BINARY.classNames(false), new int[] {21, 65, 65}, "",
                Networks.defaultBaseFilters(a), new double[emr], new double[emr], Network.WEIGHTS, Map.of());
        try (Network n = Network.create(c, 0)) {
            return n.parameterCount();
        }
    }

    private static long conv(int in, int out, int kernel) {
        return (long) in * out * kernel + out;
    }

    @Test
    void parameterCountsMatchTheLayerList() {
        int w = 8;
        long cnn = conv(1, w, 27) + conv(w, 2 * w, 27) + conv(2 * w, 4 * w, 27) + conv(4 * w, 8 * w, 27)
                + 2L * (w + 2 * w + 4 * w + 8 * w) + (8L * w * 32 + 32) + (32 * 2 + 2);
        assertThat(count(Architecture.CNN3D, 0)).isEqualTo(cnn).isEqualTo(75_298);
        assertThat(count(Architecture.CNN3D, 7)).isEqualTo(cnn + 7 * 32);
        int v = 16;
        long branch = conv(1, v, 9) + conv(v, 2 * v, 9) + conv(2 * v, 4 * v, 9) + 2L * (v + 2 * v + 4 * v);
        long tri = 3 * branch + (12L * v * 32 + 32) + (32 * 2 + 2);
        assertThat(count(Architecture.TRIPLANAR, 0)).isEqualTo(tri).isEqualTo(76_802);
    }
}
