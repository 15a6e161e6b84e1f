package org.calcify.io.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a Python list in the layout {@code joblib.dump} uses (pickle protocol 4; each NumPy array
 * as a {@code joblib.numpy_pickle.NumpyArrayWrapper} followed by a padding byte, padding to a
 * 16-byte boundary and the raw C-order bytes), so that {@code joblib.load} returns ordinary NumPy
 * arrays — and can memory-map them. Items are appended in order; {@link #toByteArray()} closes the
 * list.
 *
 * <p>Supported items: uint8, int16 and float64 arrays of any shape, Python ints, tuples of Python ints.
 */
public final class JoblibPickleWriter {
    private static final int ALIGNMENT = 16;

    private final ByteArrayOutputStream out;
    private boolean closed;

    public JoblibPickleWriter(int expectedBytes) {
        out = new ByteArrayOutputStream(Math.max(64, expectedBytes));
        out.write(0x80); // PROTO
        out.write(4);
        out.write(']'); // EMPTY_LIST
        out.write('('); // MARK
    }

    /** Appends a uint8 array of the given shape (C order; {@code data.length} must match). */
    public JoblibPickleWriter uint8Array(byte[] data, int offset, int length, int... shape) {
        checkShape(length, shape);
        wrapperHeader("u1", '|', shape);
        pad();
        out.write(data, offset, length);
        return this;
    }

    /** Appends a float64 array of the given shape (C order, little endian). */
    public JoblibPickleWriter float64Array(double[] data, int... shape) {
        checkShape(data.length, shape);
        wrapperHeader("f8", '<', shape);
        pad();
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(data);
        out.write(b.array(), 0, b.capacity());
        return this;
    }

    /** Appends an int16 array of the given shape (C order, little endian). */
    public JoblibPickleWriter int16Array(short[] data, int... shape) {
        checkShape(data.length, shape);
        wrapperHeader("i2", '<', shape);
        pad();
        ByteBuffer b = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(data);
        out.write(b.array(), 0, b.capacity());
        return this;
    }

    /** Appends a tuple of Python ints, e.g. {@code (image_index, z, y, x, answer)}. */
    public JoblibPickleWriter intTuple(long... values) {
        out.write('('); // MARK
        for (long v : values) {
            writeInt(v);
        }
        out.write('t'); // TUPLE
        return this;
    }

    /** Appends a Python int. */
    public JoblibPickleWriter integer(long v) {
        writeInt(v);
        return this;
    }

    /** The complete pickle: the list closed with APPENDS and STOP. */
    public byte[] toByteArray() {
        if (!closed) {
            out.write('e'); // APPENDS
            out.write('.'); // STOP
            closed = true;
        }
        return out.toByteArray();
    }

    private static void checkShape(int length, int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension");
            }
            n *= s;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape holds " + n + " elements, data has " + length);
        }
    }

    private void wrapperHeader(String dtype, char byteOrder, int[] shape) {
        global("joblib.numpy_pickle", "NumpyArrayWrapper");
        out.write(')'); // EMPTY_TUPLE
        out.write(0x81); // NEWOBJ
        out.write('}'); // EMPTY_DICT
        out.write('('); // MARK
        string("subclass");
        global("numpy", "ndarray");
        string("shape");
        out.write('(');
        for (int s : shape) {
            writeInt(s);
        }
        out.write('t'); // TUPLE
        string("order");
        string("C");
        string("dtype");
        global("numpy", "dtype");
        string(dtype);
        out.write(0x89); // NEWFALSE
        out.write(0x88); // NEWTRUE
        out.write(0x87); // TUPLE3
        out.write('R'); // REDUCE
        out.write('(');
        writeInt(3);
        string(String.valueOf(byteOrder));
        out.write('N');
        out.write('N');
        out.write('N');
        writeInt(-1);
        writeInt(-1);
        writeInt(0);
        out.write('t');
        out.write('b'); // BUILD (dtype state)
        string("allow_mmap");
        out.write(0x88);
        string("numpy_array_alignment_bytes");
        writeInt(ALIGNMENT);
        out.write('u'); // SETITEMS
        out.write('b'); // BUILD (wrapper state)
    }

    /** joblib's alignment: one byte holding the padding length, then that many 0xFF bytes. */
    private void pad() {
        int afterByte = out.size() + 1;
        int padding = ALIGNMENT - (afterByte % ALIGNMENT);
        out.write(padding);
        for (int i = 0; i < padding; i++) {
            out.write(0xFF);
        }
    }

    private void global(String module, String name) {
        string(module);
        string(name);
        out.write(0x93); // STACK_GLOBAL
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 256) {
            out.write(0x8c); // SHORT_BINUNICODE
            out.write(b.length);
        } else {
            out.write('X'); // BINUNICODE
            writeLe32(b.length);
        }
        out.write(b, 0, b.length);
    }

    private void writeInt(long v) {
        if (v >= 0 && v < 256) {
            out.write('K'); // BININT1
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M'); // BININT2
            out.write((int) (v & 0xFF));
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J'); // BININT
            writeLe32((int) v);
        } else {
            out.write(0x8a); // LONG1
            out.write(8);
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
        }
    }

    private void writeLe32(int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }
}
