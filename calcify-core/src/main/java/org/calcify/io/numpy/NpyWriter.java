package org.calcify.io.numpy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.calcify.io.AtomicOutput;
import org.calcify.volume.Volume;

/**
 * Writes volumes as {@code .npy} version 1.0, exactly as {@code numpy.save} does: C order, little endian,
 * shape (z, y, x), header padded with spaces to a 64-byte boundary.
 */
public final class NpyWriter {
    private static final int ARRAY_ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK_BYTES = 1 << 20;

    private NpyWriter() {
    }

    /** Writes {@code volume} to {@code path} atomically. */
    public static void write(Volume volume, Path path) throws IOException {
        NumpyDtype dtype = NumpyDtype.of(volume.type());
        long[] shape = {volume.sizeZ(), volume.sizeY(), volume.sizeX()};
        byte[] header = header(dtype, shape);
        AtomicOutput.write(path, out -> {
            out.write(header);
            writeData(volume, out);
        });
    }

    /** The complete header (magic, version, length, dict, padding, newline) numpy 1.24 writes for version 1.0. */
    public static byte[] header(NumpyDtype dtype, long[] shape) {
        StringBuilder shapeText = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            shapeText.append(i > 0 ? ", " : "").append(shape[i]);
        }
        shapeText.append(shape.length == 1 ? ",)" : ")");
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': ")
                .append(shapeText).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        int hlen = dict.length() + 1;
        int padlen = ARRAY_ALIGN - ((NpyHeader.MAGIC.length + 2 + 2 + hlen) % ARRAY_ALIGN);
        int total = hlen + padlen;
        ByteBuffer b = ByteBuffer.allocate(10 + total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) total);
        b.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.put(" ".repeat(padlen).getBytes(StandardCharsets.ISO_8859_1)).put((byte) '\n');
        return b.array();
    }

    private static void writeData(Volume volume, OutputStream out) throws IOException {
        Object data = volume.data();
        int n = volume.geometry().voxelCount();
        int itemBytes = volume.type().bytes();
        int chunk = CHUNK_BYTES / itemBytes;
        ByteBuffer buf = ByteBuffer.allocate(chunk * itemBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            buf.clear();
            switch (volume.type()) {
                case UINT8 -> buf.put((byte[]) data, start, len);
                case INT16 -> buf.asShortBuffer().put((short[]) data, start, len);
                case INT32 -> buf.asIntBuffer().put((int[]) data, start, len);
                case INT64 -> buf.asLongBuffer().put((long[]) data, start, len);
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) data, start, len);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) data, start, len);
            }
            out.write(buf.array(), 0, len * itemBytes);
        }
    }
}
