package org.calcify.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Window/level against the forum thread's own window_leveling, run by NumPy at test time. */
class WindowLevelTest {
    /** The thread's function, verbatim, plus a driver writing inputs and outputs as raw bytes. */
    private static final String THREAD = """
            import sys, numpy as np
            def window_leveling(x, c=50, w=400, ymin=0, ymax=255):
                output = x.copy()
                wmin = (c - 0.5) - ((w - 1) / 2)
                wmax = (c - 0.5) + ((w - 1) / 2)
                output = ((wmin < x) & (x <= wmax)) * ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin
                output[x <= wmin] = ymin
                output[x > wmax] = ymax
                return output.astype(np.uint8)
            out, dtype, c, w = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
            c = int(c) if c == int(c) else c
            w = int(w) if w == int(w) else w
            rng = np.random.default_rng(7)
            if dtype == 'int16':
                x = np.arange(-32768, 32768, dtype=np.int16)
            else:
                x = np.concatenate([rng.uniform(-3000, 3000, 200000), np.arange(-1100, 1100, 0.25),
                                    [c - 0.5 - (w - 1) / 2, c - 0.5 + (w - 1) / 2]]).astype(dtype)
            x.astype('<' + x.dtype.str[1:]).tofile(out + '.in')
            window_leveling(x, c, w).tofile(out + '.out')
            """;

    @ParameterizedTest(name = "{0} c={1} w={2}")
    @CsvSource({
        "int16, 50, 400",
        "int16, -600, 1500",
        "int16, 400, 1800",
        "int16, 565.5, 871",
        "int16, 40, 2",
        "int16, 33.3, 123.7",
        "float32, 50, 400",
        "float32, 33.3, 123.7",
        "float64, 50, 400",
        "float64, -600, 1500",
        "float64, 33.3, 123.7",
    })
    void matchesTheThreadBitForBit(String dtype, double c, double w, @TempDir Path dir) throws IOException {
        Path base = dir.resolve("w");
        PythonOracle.run(THREAD, base.toString(), dtype, Double.toString(c), Double.toString(w));
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(Path.of(base + ".in"))).order(ByteOrder.LITTLE_ENDIAN);
        byte[] expected = Files.readAllBytes(Path.of(base + ".out"));
        Volume v = switch (dtype) {
            case "int16" -> {
                short[] a = new short[expected.length];
                in.asShortBuffer().get(a);
                yield Volume.ofShorts(Geometry.of(a.length, 1, 1), a);
            }
            case "float32" -> {
                float[] a = new float[expected.length];
                in.asFloatBuffer().get(a);
                yield Volume.ofFloats(Geometry.of(a.length, 1, 1), a);
            }
            default -> {
                double[] a = new double[expected.length];
                in.asDoubleBuffer().get(a);
                yield Volume.of(Geometry.of(a.length, 1, 1), org.calcify.volume.DataType.FLOAT64, a);
            }
        };
        byte[] actual = WindowLevel.of(c, w).apply(v);
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        assertThat(mismatches).as("mismatching voxels (first at %d: value %s)", first,
                first < 0 ? "" : Double.toString(v.valueAt(first))).isZero();
    }

    @Test
    void presetsAndParsing() {
        assertThat(WindowPreset.parse("mediastinum")).isEqualTo(WindowLevel.of(50, 400));
        assertThat(WindowPreset.parse("LUNG")).isEqualTo(WindowLevel.of(-600, 1500));
        assertThat(WindowPreset.parse("bone")).isEqualTo(WindowLevel.of(400, 1800));
        assertThat(WindowPreset.parse("-600,1500")).isEqualTo(WindowLevel.of(-600, 1500));
        WindowLevel calcium = WindowPreset.parse("calcium");
        assertThat(calcium.lowHu()).isEqualTo(130.0);
        assertThat(calcium.highHu()).isEqualTo(1000.0);
        assertThat(calcium.apply(130.0)).isZero();
        assertThat(calcium.apply(130.5)).isZero();
        assertThat(calcium.apply(134.0)).isEqualTo(1);
        assertThat(calcium.apply(1000.0)).isEqualTo(255);
        assertThat(WindowPreset.parse("130..1000")).isEqualTo(calcium);
        assertThatThrownBy(() -> WindowPreset.parse("brain")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mediastinum");
        assertThatThrownBy(() -> WindowLevel.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A box window-levelled in place equals the box cut out and window-levelled, for every voxel type, clipped or not. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"INT16", "FLOAT32", "FLOAT64", "INT32", "UINT8"})
    void aBoxWindowLevelledInPlaceEqualsTheCroppedBox(org.calcify.volume.DataType type) {
        Geometry g = Geometry.of(23, 19, 7, new double[] {0.7, 0.8, 2.5}, new double[] {-3, 4, 10},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        java.util.Random r = new java.util.Random(3);
        double[] hu = new double[g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = type == org.calcify.volume.DataType.UINT8 ? r.nextInt(256) : -1024 + r.nextDouble() * 2500;
        }
        Volume v = Volume.of(g, org.calcify.volume.DataType.FLOAT64, hu).convertTo(type);
        WindowLevel w = WindowLevel.of(33.3, 123.7);
        for (int[][] box : new int[][][] {{{1, 2, 3}, {4, 10, 12}}, {{-2, -3, 15}, {20, 30, 30}}, {{0, 0, 0}, {7, 19, 23}}}) {
            Volume inPlace = w.applyToBox(v, box[0], box[1]);
            Volume cropped = w.applyToVolume(v.crop(box[0], box[1]));
            assertThat(inPlace.bytes()).isEqualTo(cropped.bytes());
            assertThat(inPlace.geometry()).isEqualTo(cropped.geometry());
            assertThat(inPlace.metadata()).isEqualTo(cropped.metadata());
        }
    }
}
