package org.calcify.io.joblib;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.calcify.io.numpy.NdArrayReader;

/**
 * The (possibly decompressed) pickle stream: counts what was consumed, knows the most the stream can still
 * deliver ({@link #remaining()}), never reads ahead of what is asked, and caps how much one pickle opcode
 * may read through the plain {@link InputStream} methods (the unpickler's own reads), so that a hostile
 * stream cannot make it grow a buffer without bound. Array data is read by {@link #arraySource()} outside
 * that cap.
 */
final class PickleInput extends InputStream {
    /** Most bytes one opcode may read through {@link #read()}: lines of text opcodes, small fixed fields. */
    static final long MAX_OPCODE_BYTES = 1 << 20;

    private final InputStream in;
    private final long limit;
    private long consumed;
    private long opcodeBudget = MAX_OPCODE_BYTES;

    /**
     * @param in    buffered source positioned at the first pickle opcode
     * @param limit most bytes the source can deliver (file length, or a bound on decompressed size)
     */
    PickleInput(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Called before each opcode: renews the per-opcode read budget. */
    void startOpcode() {
        opcodeBudget = MAX_OPCODE_BYTES;
    }

    /** Bytes the stream can still deliver at most. */
    long remaining() {
        return Math.max(0, limit - consumed);
    }

    @Override
    public int read() throws IOException {
        spend(1);
        int b = in.read();
        if (b >= 0) {
            consumed++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        spend(len);
        return readRaw(b, off, len);
    }

    private void spend(long n) throws IOException {
        opcodeBudget -= n;
        if (opcodeBudget < 0) {
            throw new PickleRefusal("a pickle opcode reads more than " + MAX_OPCODE_BYTES + " bytes of text (corrupt or hostile)");
        }
    }

    private int readRaw(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            consumed += n;
        }
        return n;
    }

    /** Reads exactly {@code b.length} bytes without the opcode cap; throws {@link EOFException} if the stream ends. */
    void readFullyRaw(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = readRaw(b, off, len);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
            len -= n;
        }
    }

    /** Array bytes, read straight from the stream in chunks. */
    NdArrayReader.ByteSource arraySource() {
        return (ByteBuffer dst) -> {
            readFullyRaw(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            dst.position(dst.limit());
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
