package org.calcify.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.calcify.volume.DataType;

/**
 * The one rule every reader follows before it allocates voxels:
 * <ol>
 *   <li>the header's dimensions are multiplied with overflow checks ({@link #elements}): a product that
 *       wraps around, is zero or negative, or exceeds what one Java array holds is refused;</li>
 *   <li>the bytes those elements need ({@link #bytes}) must fit in what the file can deliver: its length
 *       left after the header, or, for compressed data, the most deflate can inflate it to
 *       ({@code Compression.maxInflatedBytes}); each reader checks this where it knows its layout (vox_offset,
 *       byte skip, HeaderSize, a detached data file) and says so in its own words;</li>
 *   <li>they must fit in the Java heap ({@link #fitsHeap}, {@link #allocate}): more than
 *       {@link Runtime#maxMemory()} is refused before allocating, and an allocation the heap cannot
 *       satisfy after all is refused too, never an {@link OutOfMemoryError} escaping a reader;</li>
 *   <li>a compressed stream inflates to the size its header states and no further
 *       ({@link #inflateLimit}).</li>
 * </ol>
 * Every refusal is an {@link InvalidInputException} naming the file.
 */
public final class SizeBudget {
    /** Largest element count one Java array holds. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    private SizeBudget() {
    }

    /**
     * The number of elements of an array of {@code dims}, each at least 1.
     *
     * @param what names the dimensions in the message ("NIfTI dim[1..3]", "NRRD sizes", ...)
     * @throws InvalidInputException when a dimension is below 1, the product overflows or exceeds {@link #MAX_ELEMENTS}
     */
    public static int elements(Path file, String what, long... dims) throws InvalidInputException {
        long n = 1;
        for (long d : dims) {
            if (d < 1) {
                throw new InvalidInputException(file, what + " " + shape(dims) + ": a dimension is below 1");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                n = Long.MAX_VALUE;
            }
            if (n > MAX_ELEMENTS) {
                throw new InvalidInputException(file, what + " " + shape(dims)
                        + ": larger than Calcify can hold (at most 2^31 voxels)");
            }
        }
        return (int) n;
    }

    /** {@code elements * bytesPerElement} (no overflow: elements is at most 2^31 and an element at most 8 bytes). */
    public static long bytes(int elements, int bytesPerElement) {
        return Math.multiplyExact((long) elements, bytesPerElement);
    }

    /** Refuses an allocation of {@code bytes} that the Java heap can never hold. */
    public static void fitsHeap(Path file, long bytes) throws InvalidInputException {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw tooLargeForHeap(file, bytes);
        }
    }

    /** Allocates {@code n} voxels of {@code type} after {@link #fitsHeap}; a heap that cannot satisfy it is a refusal too. */
    public static Object allocate(Path file, DataType type, int n) throws InvalidInputException {
        long bytes = bytes(n, type.bytes());
        fitsHeap(file, bytes);
        try {
            return type.allocate(n);
        } catch (OutOfMemoryError e) {
            throw tooLargeForHeap(file, bytes);
        }
    }

    private static InvalidInputException tooLargeForHeap(Path file, long bytes) {
        return new InvalidInputException(file, "needs " + megabytes(bytes) + " MB of memory for its voxels but the Java heap has "
                + megabytes(Runtime.getRuntime().maxMemory()) + " MB (raise it with CALCIFY_JAVA_OPTS=-Xmx...)");
    }

    /**
     * A stream over decompressed data that ends in an {@link InvalidInputException} when asked for more than
     * {@code limitBytes}: the size the header states (header, then voxels), so a compressed file cannot make a
     * reader inflate more than it will use.
     */
    public static InputStream inflateLimit(InputStream in, long limitBytes, Path file) {
        return new LimitedStream(in, limitBytes, file);
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static String shape(long[] dims) {
        return Arrays.toString(dims).replace('[', '(').replace(']', ')');
    }

    /** Counts what passes and refuses to go past the limit. */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private final Path file;
        private long passed;

        LimitedStream(InputStream in, long limit, Path file) {
            super(in);
            this.limit = limit;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            check(1);
            int b = in.read();
            if (b >= 0) {
                passed++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            check(1);
            int n = in.read(b, off, (int) Math.min(len, limit - passed));
            if (n > 0) {
                passed += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            check(1);
            long s = in.skip(Math.min(n, limit - passed));
            passed += Math.max(0, s);
            return s;
        }

        private void check(long n) throws InvalidInputException {
            if (passed + n > limit) {
                throw new InvalidInputException(file, "compressed data inflates past the " + limit
                        + " bytes its header states (corrupt or hostile)");
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
