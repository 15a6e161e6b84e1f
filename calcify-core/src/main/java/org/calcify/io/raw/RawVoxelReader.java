package org.calcify.io.raw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;

/**
 * Decodes a run of binary voxels from a stream into the primitive array of the element's
 * {@linkplain RawType#memoryType() memory type}. The stream is read in chunks of a few megabytes
 * and each chunk is decoded with bulk {@link ByteBuffer} views, so the only large allocation is the
 * result array itself. A stream that ends early fails with an {@link InvalidInputException}.
 */
public final class RawVoxelReader {
    private static final int CHUNK_BYTES = 1 << 22;

    private RawVoxelReader() {
    }

    /**
     * Reads {@code count} elements of {@code type} in byte order {@code order}.
     *
     * @param file the file named in error messages
     * @return byte[], short[], int[], long[], float[] or double[] of length {@code count}
     */
    public static Object read(InputStream in, RawType type, ByteOrder order, int count, Path file) throws IOException {
        long totalBytes = (long) count * type.bytes();
        if (type == RawType.UINT8) {
            byte[] out = (byte[]) SizeBudget.allocate(file, type.memoryType(), count);
            readFully(in, out, 0, count, 0, totalBytes, file);
            return out;
        }
        Object out = SizeBudget.allocate(file, type.memoryType(), count);
        int chunkElems = (int) Math.min(count, CHUNK_BYTES / type.bytes());
        byte[] chunk = new byte[Math.max(1, chunkElems * type.bytes())];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
        int done = 0;
        while (done < count) {
            int n = Math.min(chunkElems, count - done);
            readFully(in, chunk, 0, n * type.bytes(), (long) done * type.bytes(), totalBytes, file);
            decode(buf, type, out, done, n);
            done += n;
        }
        return out;
    }

    private static void readFully(InputStream in, byte[] dst, int off, int len, long before, long total, Path file)
            throws IOException {
        int got;
        try {
            got = in.readNBytes(dst, off, len);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidInputException(file, "corrupt compressed voxel data after " + before + " of " + total
                    + " bytes: " + e.getMessage(), e);
        }
        if (got < len) {
            throw new InvalidInputException(file, "voxel data ends after " + (before + got) + " of " + total
                    + " bytes (file truncated?)");
        }
    }

    private static void decode(ByteBuffer buf, RawType type, Object out, int off, int n) {
        buf.clear();
        switch (type) {
            case UINT8 -> buf.get((byte[]) out, off, n);
            case INT8 -> {
                short[] dst = (short[]) out;
                for (int i = 0; i < n; i++) {
                    dst[off + i] = buf.get(i);
                }
            }
            case INT16 -> buf.asShortBuffer().get((short[]) out, off, n);
            case UINT16 -> {
                int[] dst = (int[]) out;
                java.nio.ShortBuffer sb = buf.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dst[off + i] = sb.get(i) & 0xFFFF;
                }
            }
            case INT32 -> buf.asIntBuffer().get((int[]) out, off, n);
            case UINT32 -> {
                long[] dst = (long[]) out;
                java.nio.IntBuffer ib = buf.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    dst[off + i] = ib.get(i) & 0xFFFFFFFFL;
                }
            }
            case INT64 -> buf.asLongBuffer().get((long[]) out, off, n);
            case UINT64 -> {
                double[] dst = (double[]) out;
                java.nio.LongBuffer lb = buf.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    dst[off + i] = unsignedToDouble(lb.get(i));
                }
            }
            case FLOAT32 -> buf.asFloatBuffer().get((float[]) out, off, n);
            case FLOAT64 -> buf.asDoubleBuffer().get((double[]) out, off, n);
        }
    }

    private static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        return ((v >>> 1) | (v & 1)) * 2.0;
    }
}
