package org.calcify.io.numpy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;
import org.calcify.volume.DataType;

/**
 * Reads the raw elements of one array (after its header) straight into the target primitive array, a chunk
 * at a time, never allocating more than the source can hold. Shared by the {@code .npy}, {@code .npz} and
 * joblib readers.
 */
public final class NdArrayReader {
    /** Largest element count one Java array holds. */
    public static final long MAX_ELEMENTS = SizeBudget.MAX_ELEMENTS;
    private static final int CHUNK_BYTES = 1 << 22;

    /** Where the raw bytes come from. */
    public interface ByteSource {
        /** Fills {@code dst} from its position to its limit; throws {@link EOFException} if the data ends first. */
        void readFully(ByteBuffer dst) throws IOException;

        /** True if a direct buffer suits this source (file channels). */
        default boolean prefersDirect() {
            return false;
        }
    }

    private NdArrayReader() {
    }

    /** A source reading a file channel from its current position. */
    public static ByteSource of(FileChannel channel) {
        return new ChannelSource(channel);
    }

    /** File channels: read through memory-mapped windows (one copy from the page cache into the array). */
    private record ChannelSource(FileChannel channel) implements ByteSource {
        @Override
        public void readFully(ByteBuffer dst) throws IOException {
            while (dst.hasRemaining()) {
                if (channel.read(dst) < 0) {
                    throw new EOFException();
                }
            }
        }

        @Override
        public boolean prefersDirect() {
            return true;
        }
    }

    /** A source reading a stream (no read-ahead beyond what is asked). */
    public static ByteSource of(InputStream in) {
        return dst -> {
            int want = dst.remaining();
            int got = in.readNBytes(dst.array(), dst.arrayOffset() + dst.position(), want);
            dst.position(dst.position() + got);
            if (got < want) {
                throw new EOFException();
            }
        };
    }

    /** Decodes an array whose raw bytes are all in {@code raw} (exactly count * itemBytes of them). */
    public static NdArray fromBytes(Path file, NumpyDtype dtype, long[] shape, boolean fortranOrder, byte[] raw)
            throws IOException {
        long count = elementCount(shape);
        if (count < 0 || count * dtype.itemBytes() != raw.length) {
            throw new InvalidInputException(file, "array of shape " + java.util.Arrays.toString(shape) + " " + dtype.numpyName()
                    + " does not match its " + raw.length + " data bytes");
        }
        ByteBuffer all = ByteBuffer.wrap(raw);
        return read(file, dtype, shape, fortranOrder, dst -> {
            ByteBuffer part = all.slice().limit(dst.remaining());
            dst.put(part);
            all.position(all.position() + part.limit());
        }, raw.length);
    }

    /** IEEE 754 half precision bits to the equal float. */
    public static float halfToFloat(short bits) {
        return ElementDecoder.halfToFloat(bits);
    }

    /** Number of elements of {@code shape}, or -1 if it exceeds {@link #MAX_ELEMENTS} or a dimension is negative. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0 || d > MAX_ELEMENTS) {
                return -1;
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                return -1;
            }
        }
        return n;
    }

    /**
     * Reads an array of {@code shape} stored in C or Fortran order.
     *
     * @param file     the file named in errors
     * @param maxBytes most bytes the source can still deliver (file length left, or a decompression bound);
     *                 a larger array is refused before anything is allocated
     */
    public static NdArray read(Path file, NumpyDtype dtype, long[] shape, boolean fortranOrder, ByteSource src,
            long maxBytes) throws IOException {
        long count = elementCount(shape);
        if (count < 0) {
            throw new InvalidInputException(file, "array shape " + java.util.Arrays.toString(shape)
                    + " is invalid or too large (at most 2^31 elements)");
        }
        long bytes = count * dtype.itemBytes();
        if (bytes > maxBytes) {
            throw new InvalidInputException(file, "array of shape " + java.util.Arrays.toString(shape) + " " + dtype.numpyName()
                    + " needs " + bytes + " bytes but only " + Math.max(0, maxBytes) + " remain (truncated file?)");
        }
        int n = (int) count;
        int[] intShape = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            intShape[i] = (int) shape[i];
        }
        DataType type = dtype.dataType();
        boolean reorder = fortranOrder && shape.length > 1;
        // a Fortran-order array is reordered into a second array of the same size
        SizeBudget.fitsHeap(file, SizeBudget.bytes(n, type.bytes()) * (reorder ? 2 : 1));
        Object data = SizeBudget.allocate(file, type, n);
        if (src instanceof ChannelSource cs && !fortranOrder) {
            readMapped(file, dtype, cs.channel(), data, n);
            return new NdArray(dtype, intShape, data);
        }
        int chunkElements = Math.max(1, CHUNK_BYTES / dtype.itemBytes());
        int bufBytes = (int) Math.min(bytes, (long) chunkElements * dtype.itemBytes());
        ByteBuffer buf = src.prefersDirect() ? ByteBuffer.allocateDirect(Math.max(bufBytes, 1)) : ByteBuffer.allocate(Math.max(bufBytes, 1));
        int done = 0;
        try {
            while (done < n) {
                int take = Math.min(chunkElements, n - done);
                buf.clear().limit(take * dtype.itemBytes());
                src.readFully(buf);
                buf.flip();
                done += ElementDecoder.decode(dtype, buf, data, done);
            }
        } catch (EOFException e) {
            throw new InvalidInputException(file, "file ends inside the array data (" + done + " of " + n
                    + " elements read; truncated?)");
        }
        if (reorder) {
            try {
                data = fortranToC(data, type, intShape);
            } catch (OutOfMemoryError e) {
                throw new InvalidInputException(file, "Fortran-order array does not fit twice in the Java heap (raise it with CALCIFY_JAVA_OPTS=-Xmx...)");
            }
        }
        return new NdArray(dtype, intShape, data);
    }

    private static final long MAP_WINDOW_BYTES = 1L << 26;

    private static void readMapped(Path file, NumpyDtype dtype, FileChannel ch, Object data, int n) throws IOException {
        long pos = ch.position();
        long bytes = (long) n * dtype.itemBytes();
        if (pos + bytes > ch.size()) {
            throw new InvalidInputException(file, "file ends inside the array data (truncated?)");
        }
        long windowElements = MAP_WINDOW_BYTES / dtype.itemBytes();
        int done = 0;
        while (done < n) {
            int take = (int) Math.min(windowElements, n - done);
            java.nio.MappedByteBuffer window = ch.map(FileChannel.MapMode.READ_ONLY, pos + (long) done * dtype.itemBytes(),
                    (long) take * dtype.itemBytes());
            done += ElementDecoder.decode(dtype, window, data, done);
        }
        ch.position(pos + bytes);
    }

    /**
     * Reorders elements stored in Fortran order (first axis fastest) into C order (last axis fastest) for
     * the same {@code shape}.
     */
    static Object fortranToC(Object src, DataType type, int[] shape) {
        int n = java.lang.reflect.Array.getLength(src);
        Object dst = type.allocate(n);
        int nd = shape.length;
        long[] fstride = new long[nd];
        long s = 1;
        for (int k = 0; k < nd; k++) {
            fstride[k] = s;
            s *= shape[k];
        }
        int[] idx = new int[nd];
        int[] gather = new int[Math.min(n, 1 << 16)];
        long srcPos = 0;
        for (int start = 0; start < n; start += gather.length) {
            int len = Math.min(gather.length, n - start);
            for (int i = 0; i < len; i++) {
                gather[i] = (int) srcPos;
                for (int k = nd - 1; k >= 0; k--) { // odometer over the C-order output index
                    if (++idx[k] < shape[k]) {
                        srcPos += fstride[k];
                        break;
                    }
                    idx[k] = 0;
                    srcPos -= fstride[k] * (shape[k] - 1);
                }
            }
            gatherInto(src, dst, type, gather, start, len);
        }
        return dst;
    }

    private static void gatherInto(Object src, Object dst, DataType type, int[] g, int start, int len) {
        switch (type) {
            case UINT8 -> {
                byte[] a = (byte[]) src;
                byte[] b = (byte[]) dst;
                for (int i = 0; i < len; i++) {
                    b[start + i] = a[g[i]];
                }
            }
            case INT16 -> {
                short[] a = (short[]) src;
                short[] b = (short[]) dst;
                for (int i = 0; i < len; i++) {
                    b[start + i] = a[g[i]];
                }
            }
            case INT32 -> {
                int[] a = (int[]) src;
                int[] b = (int[]) dst;
                for (int i = 0; i < len; i++) {
                    b[start + i] = a[g[i]];
                }
            }
            case INT64 -> {
                long[] a = (long[]) src;
                long[] b = (long[]) dst;
                for (int i = 0; i < len; i++) {
                    b[start + i] = a[g[i]];
                }
            }
            case FLOAT32 -> {
                float[] a = (float[]) src;
                float[] b = (float[]) dst;
                for (int i = 0; i < len; i++) {
                    b[start + i] = a[g[i]];
                }
            }
            case FLOAT64 -> {
                double[] a = (double[]) src;
                double[] b = (double[]) dst;
                for (int i = 0; i < len; i++) {
                    b[start + i] = a[g[i]];
                }
            }
        }
    }
}
