package org.calcify.io.numpy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.calcify.io.VolumeIO;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/** write -> read of .npy gives back the same type, shape and every voxel bit for bit. */
class NpyRoundTripProperties {

    @Property(tries = 60)
    void writeThenReadGivesTheSameVolume(@ForAll DataType type, @ForAll @IntRange(min = 1, max = 9) int x,
            @ForAll @IntRange(min = 1, max = 9) int y, @ForAll @IntRange(min = 1, max = 5) int z,
            @ForAll long seed) throws IOException {
        Geometry g = Geometry.of(x, y, z);
        Object data = type.allocate(g.voxelCount());
        Random r = new Random(seed);
        for (int i = 0; i < g.voxelCount(); i++) {
            switch (type) {
                case UINT8 -> ((byte[]) data)[i] = (byte) r.nextInt();
                case INT16 -> ((short[]) data)[i] = (short) r.nextInt();
                case INT32 -> ((int[]) data)[i] = r.nextInt();
                case INT64 -> ((long[]) data)[i] = r.nextLong();
                case FLOAT32 -> ((float[]) data)[i] = Float.intBitsToFloat(r.nextInt());
                case FLOAT64 -> ((double[]) data)[i] = Double.longBitsToDouble(r.nextLong());
            }
        }
        Path dir = Files.createTempDirectory("npy-prop");
        try {
            Path file = dir.resolve("v.npy");
            VolumeIO.write(Volume.of(g, type, data), file);
            Volume back = VolumeIO.read(file);
            assertThat(back.type()).isEqualTo(type);
            assertThat(back.geometry().shapeZyx()).containsExactly(z, y, x);
            assertThat(bits(back.data())).isEqualTo(bits(data));
            try (var files = Files.list(dir)) {
                assertThat(files.count()).as("no temporary file left").isEqualTo(1);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Floats compared by raw bits, so NaN payloads must survive too. */
    private static Object bits(Object data) {
        if (data instanceof float[] f) {
            int[] b = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                b[i] = Float.floatToRawIntBits(f[i]);
            }
            return b;
        }
        if (data instanceof double[] d) {
            long[] b = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                b[i] = Double.doubleToRawLongBits(d[i]);
            }
            return b;
        }
        return data;
    }
}
