package org.calcify.io.numpy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;

/**
 * The header of a {@code .npy} file (format versions 1.0, 2.0 and 3.0).
 *
 * @param version      "1.0", "2.0" or "3.0"
 * @param dtype        element type
 * @param fortranOrder true if the elements are stored first axis fastest
 * @param shape        the array's shape in NumPy axis order
 * @param dataOffset   bytes from the start of the file to the first element
 */
public record NpyHeader(String version, NumpyDtype dtype, boolean fortranOrder, long[] shape, long dataOffset) {
    /** The six magic bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_BYTES = 1 << 20;

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** True if {@code head} starts with the NumPy magic. */
    static boolean hasMagic(byte[] head, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the header from {@code in}, leaving the stream at the first element.
     *
     * @param available bytes the source holds in total (file length), to refuse absurd header lengths
     */
    static NpyHeader read(Path file, InputStream in, long available) throws IOException {
        byte[] pre = new byte[8];
        readFully(file, in, pre, "the NumPy magic");
        if (!hasMagic(pre, 8)) {
            throw new InvalidInputException(file, "not a NumPy .npy file (magic \\x93NUMPY missing)");
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        long headerLength;
        int prefix;
        if (major == 1 && minor == 0) {
            byte[] len = new byte[2];
            readFully(file, in, len, "the header length");
            headerLength = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
            prefix = 10;
        } else if ((major == 2 || major == 3) && minor == 0) {
            byte[] len = new byte[4];
            readFully(file, in, len, "the header length");
            headerLength = (len[0] & 0xFFL) | (len[1] & 0xFFL) << 8 | (len[2] & 0xFFL) << 16 | (len[3] & 0xFFL) << 24;
            prefix = 12;
        } else {
            throw new InvalidInputException(file, "unsupported .npy format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are read)");
        }
        if (headerLength > MAX_HEADER_BYTES || prefix + headerLength > available) {
            throw new InvalidInputException(file, "header length " + headerLength + " exceeds the file (" + available
                    + " bytes) or 1 MiB");
        }
        byte[] raw = new byte[(int) headerLength];
        readFully(file, in, raw, "the header");
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(file, major + "." + minor, text, prefix + headerLength);
    }

    private static NpyHeader parse(Path file, String version, String text, long dataOffset) throws InvalidInputException {
        Object literal;
        try {
            literal = PythonLiteralParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "corrupt .npy header: " + e.getMessage());
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new InvalidInputException(file, "corrupt .npy header: not a dict");
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (descr instanceof List<?>) {
            throw new InvalidInputException(file, "structured (record) arrays are not supported");
        }
        if (!(descr instanceof String d) || !(fortran instanceof Boolean f) || !(shapeValue instanceof List<?> shapeList)) {
            throw new InvalidInputException(file, "corrupt .npy header: needs 'descr' (str), 'fortran_order' (bool) and 'shape' (tuple): " + text.trim());
        }
        NumpyDtype dtype;
        try {
            dtype = NumpyDtype.parse(d);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
        long[] shape = new long[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long dim) || dim < 0) {
                throw new InvalidInputException(file, "corrupt .npy header: bad shape " + shapeValue);
            }
            shape[i] = dim;
        }
        return new NpyHeader(version, dtype, f, shape, dataOffset);
    }

    private static void readFully(Path file, InputStream in, byte[] b, String what) throws IOException {
        try {
            if (in.readNBytes(b, 0, b.length) < b.length) {
                throw new EOFException();
            }
        } catch (EOFException e) {
            throw new InvalidInputException(file, "file ends inside " + what + " (truncated?)");
        }
    }
}
