package org.calcify.nn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.numpy.NpyWriter;
import org.calcify.io.numpy.NumpyDtype;
import org.calcify.volume.DataType;

/** Small helpers for tests that hand arrays to a Python oracle. */
public final class TestArrays {
    private TestArrays() {
    }

    /** Writes float32 values as a .npy of the given shape. */
    public static void writeNpy(Path file, float[] values, long... shape) throws IOException {
        byte[] header = NpyWriter.header(NumpyDtype.of(DataType.FLOAT32), shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (float v : values) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }
}
