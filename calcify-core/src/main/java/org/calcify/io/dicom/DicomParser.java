package org.calcify.io.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.calcify.io.InvalidInputException;

/**
 * Streams the elements of a DICOM file (Part 10 with preamble and meta header, or a bare data set)
 * to a {@link DicomElementHandler}, and stops at PixelData. Undefined-length sequences are skipped
 * element by element in the data set's encoding (undefined-length UN content as implicit VR LE), so
 * delimiter bytes inside values cannot confuse it. Every length is checked against the bytes present:
 * a length past the end of the file is an {@link InvalidInputException}, never an exception of Java's.
 */
public final class DicomParser {
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITER = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_NESTING = 64;
    /** Bytes read first for the header; most headers end well before. */
    private static final int HEADER_PREFIX_BYTES = 64 * 1024;
    /** Largest inflated data set accepted from a deflated file. */
    static final long MAX_INFLATED_BYTES = 1L << 30;

    private final Path file;
    private final ByteBuffer data;
    /** Size of the whole stream {@code data} is a prefix of (the file, or the inflated data set). */
    private final long streamLength;
    private final DicomElementHandler handler;
    private boolean deflatedDataSet;

    private DicomParser(Path file, ByteBuffer data, long streamLength, DicomElementHandler handler) {
        this.file = file;
        this.data = data;
        this.streamLength = streamLength;
        this.handler = handler;
    }

    /** Signals that the prefix read was too short: the caller reads the whole file and starts again. */
    private static final class NeedMoreBytes extends RuntimeException {
        NeedMoreBytes() {
            super(null, null, false, false);
        }
    }

    /** Parses the header of {@code file} (reading only a prefix when it holds the header). */
    public static DicomHeader readHeader(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 64) {
            throw new InvalidInputException(file, "file of " + size + " bytes is too large for a DICOM slice");
        }
        int prefix = (int) Math.min(size, HEADER_PREFIX_BYTES);
        byte[] head = readPrefix(file, prefix);
        if (prefix < size) {
            try {
                return parse(file, head, size);
            } catch (NeedMoreBytes e) {
                // header longer than the prefix: parse the whole file
            }
        }
        return parse(file, Files.readAllBytes(file), size);
    }

    /** Parses a complete file already in memory. */
    public static DicomHeader parse(Path file, byte[] bytes) throws IOException {
        return parse(file, bytes, bytes.length);
    }

    private static DicomHeader parse(Path file, byte[] bytes, long fileSize) throws IOException {
        HeaderCollector collector = new HeaderCollector(file);
        run(file, bytes, fileSize, collector);
        return collector.toHeader(fileSize);
    }

    /** Runs the parser over {@code bytes} (a prefix of a file of {@code fileSize} bytes). */
    static void run(Path file, byte[] bytes, long fileSize, HeaderCollector collector) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        DicomParser p = new DicomParser(file, buf, fileSize, collector);
        try {
            p.parseFile(collector);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            if (bytes.length < fileSize) {
                throw new NeedMoreBytes();
            }
            throw new InvalidInputException(file, "truncated DICOM header (ends inside an element)");
        }
    }

    private static byte[] readPrefix(Path file, int n) throws IOException {
        byte[] b = new byte[n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            while (bb.hasRemaining()) {
                if (ch.read(bb) < 0) {
                    throw new EOFException(file + ": file shrank while reading");
                }
            }
        }
        return b;
    }

    /** True if the file starts with a 128-byte preamble and "DICM". */
    static boolean hasPreamble(byte[] b, int length) {
        return length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    private void parseFile(HeaderCollector collector) throws IOException {
        byte[] b = data.array();
        int pos = hasPreamble(b, data.limit()) ? 132 : 0;
        // file meta information: group 0002, explicit VR little endian (implicit in some broken files)
        if (data.limit() - pos >= 8 && data.getShort(pos) == 0x0002) {
            boolean explicit = looksExplicit(pos, ByteOrder.LITTLE_ENDIAN);
            while (data.limit() - pos >= 8 && (data.order(ByteOrder.LITTLE_ENDIAN).getShort(pos) & 0xFFFF) == 0x0002) {
                pos = element(pos, explicit, 0, true);
            }
        } else if (pos == 0 && data.limit() < streamLength && data.limit() < 8) {
            throw new NeedMoreBytes();
        }
        String tsUid = collector.transferSyntaxUid();
        TransferSyntax ts = tsUid == null ? null : TransferSyntax.byUid(tsUid);
        boolean explicit;
        ByteOrder order;
        if (tsUid == null || tsUid.isEmpty()) {
            // no meta header or no transfer syntax in it: guess from the first data set element
            order = looksBigEndian(pos) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            explicit = looksExplicit(pos, order);
            collector.guessedTransferSyntax(explicit
                    ? (order == ByteOrder.BIG_ENDIAN ? TransferSyntax.EXPLICIT_VR_BE : TransferSyntax.EXPLICIT_VR_LE).uid()
                    : TransferSyntax.IMPLICIT_VR_LE.uid());
        } else if (ts != null) {
            explicit = ts.explicitVr();
            order = ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        } else {
            // unsupported syntaxes are all explicit VR little endian (their pixel data fails later, by name)
            explicit = true;
            order = ByteOrder.LITTLE_ENDIAN;
        }
        if (ts != null && ts.deflated()) {
            if (data.limit() < streamLength) {
                throw new NeedMoreBytes();
            }
            byte[] inflated = inflate(file, b, pos, data.limit() - pos);
            collector.inflatedDataSet(inflated);
            DicomParser inner = new DicomParser(file, ByteBuffer.wrap(inflated).order(order), inflated.length, handler);
            inner.deflatedDataSet = true;
            inner.dataSet(0, explicit, order);
            return;
        }
        data.order(order);
        dataSet(pos, explicit, order);
    }

    /**
     * The most a deflated data set may inflate to: {@link #MAX_INFLATED_BYTES}, or half the Java heap when that is
     * less (the data set states no size of its own, and growing the buffer holds two copies for a moment).
     */
    static long inflateBound() {
        return Math.min(MAX_INFLATED_BYTES, Runtime.getRuntime().maxMemory() / 2);
    }

    /** Inflates raw deflate data (no zlib header), refusing more than {@link #inflateBound()}. */
    static byte[] inflate(Path file, byte[] b, int offset, int length) throws InvalidInputException {
        return inflate(file, b, offset, length, inflateBound());
    }

    /** Inflates raw deflate data (no zlib header), refusing more than {@code limitBytes} (at most 2^31 - 16). */
    static byte[] inflate(Path file, byte[] b, int offset, int length, long limitBytes) throws InvalidInputException {
        long limit = Math.min(limitBytes, Integer.MAX_VALUE - 16);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(b, offset, length);
            byte[] out = new byte[(int) Math.min(limit, Math.max(1024, Math.min(length * 4L, 64 << 20)))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (out.length >= limit) {
                        if (inflater.inflate(new byte[1]) == 0 && (inflater.finished() || inflater.needsInput())) {
                            break; // exactly the limit: nothing more to come
                        }
                        throw new InvalidInputException(file, "deflated data set inflates to more than " + limit
                                + " bytes (corrupt or hostile)");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
                }
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // stream ended without its final block; keep what was inflated
                }
                n += got;
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new InvalidInputException(file, "corrupt deflated data set: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new InvalidInputException(file, "deflated data set does not fit the Java heap of "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB (raise it with CALCIFY_JAVA_OPTS=-Xmx...)");
        } finally {
            inflater.end();
        }
    }

    private void dataSet(int pos, boolean explicit, ByteOrder order) throws IOException {
        data.order(order);
        while (pos < data.limit()) {
            if (data.limit() - pos < 8) {
                if (data.limit() < streamLength) {
                    throw new NeedMoreBytes();
                }
                return; // trailing padding shorter than an element header
            }
            pos = element(pos, explicit, 0, true);
            if (pos < 0) {
                return; // PixelData reached
            }
        }
        if (data.limit() < streamLength) {
            throw new NeedMoreBytes();
        }
    }

    /**
     * Parses one element at {@code pos}; returns the position after it, or -1 after PixelData at the
     * top level.
     */
    private int element(int pos, boolean explicit, int depth, boolean topLevel) throws IOException {
        int tag = readTag(pos);
        String vr = null;
        long length;
        int valuePos;
        if (tag == ITEM || tag == ITEM_DELIMITER || tag == SEQUENCE_DELIMITER) {
            length = data.getInt(pos + 4) & 0xFFFFFFFFL;
            valuePos = pos + 8;
            if (tag != ITEM || length == UNDEFINED) {
                return valuePos; // a stray delimiter: nothing to skip
            }
        } else if (explicit) {
            vr = vr(pos + 4);
            if (vr == null) {
                // not a VR: an implicit VR element inside an explicit data set (pydicom switches the same way)
                length = data.getInt(pos + 4) & 0xFFFFFFFFL;
                valuePos = pos + 8;
            } else if (hasLongLength(vr)) {
                length = data.getInt(pos + 8) & 0xFFFFFFFFL;
                valuePos = pos + 12;
            } else {
                length = data.getShort(pos + 6) & 0xFFFF;
                valuePos = pos + 8;
            }
        } else {
            length = data.getInt(pos + 4) & 0xFFFFFFFFL;
            valuePos = pos + 8;
        }
        if (tag == PIXEL_DATA && topLevel) {
            if (length != UNDEFINED && valuePos + length > streamLength) {
                throw pastEnd(tag, valuePos, length);
            }
            handler.pixelData(new PixelDataLocation(valuePos, length == UNDEFINED ? -1 : length, deflatedDataSet));
            return -1;
        }
        if (length == UNDEFINED) {
            if (depth >= MAX_NESTING) {
                throw new InvalidInputException(file, "sequences nested more than " + MAX_NESTING + " deep");
            }
            if ("UN".equals(vr)) {
                ByteOrder saved = data.order();
                data.order(ByteOrder.LITTLE_ENDIAN);
                int end = skipSequence(valuePos, false, depth + 1);
                data.order(saved);
                return end;
            }
            return skipSequence(valuePos, explicit, depth + 1);
        }
        if (valuePos + length > streamLength) {
            throw pastEnd(tag, valuePos, length);
        }
        if (valuePos + length > data.limit()) {
            throw new NeedMoreBytes();
        }
        if (topLevel) {
            handler.element(tag, vr, data, valuePos, (int) length);
        }
        return (int) (valuePos + length);
    }

    private InvalidInputException pastEnd(int tag, int valuePos, long length) {
        if (tag == PIXEL_DATA) {
            return new InvalidInputException(file, "pixel data truncated: PixelData (7FE0,0010) at byte " + valuePos
                    + " has length " + length + ", but only " + Math.max(0, streamLength - valuePos) + " bytes are left in the "
                    + (deflatedDataSet ? "inflated data set" : "file"));
        }
        return new InvalidInputException(file, "element " + tagName(tag) + " at byte " + valuePos + " has length "
                + length + ", past the end of the " + (deflatedDataSet ? "inflated data set" : "file") + " ("
                + Math.max(0, streamLength - valuePos) + " bytes left)");
    }

    /** Skips the items of an undefined-length sequence starting at {@code pos}; returns the position after it. */
    private int skipSequence(int pos, boolean explicit, int depth) throws IOException {
        while (true) {
            if (pos + 8 > data.limit()) {
                if (data.limit() < streamLength) {
                    throw new NeedMoreBytes();
                }
                throw new InvalidInputException(file, "sequence not closed before the end of the file");
            }
            int tag = readTag(pos);
            long length = data.getInt(pos + 4) & 0xFFFFFFFFL;
            pos += 8;
            if (tag == SEQUENCE_DELIMITER) {
                return pos;
            }
            if (tag != ITEM) {
                throw new InvalidInputException(file, "unexpected element " + tagName(tag) + " inside a sequence at byte "
                        + (pos - 8));
            }
            if (length == UNDEFINED) {
                pos = skipItem(pos, explicit, depth);
            } else {
                if (pos + length > streamLength) {
                    throw pastEnd(tag, pos, length);
                }
                pos += (int) length;
            }
        }
    }

    /** Skips the elements of an undefined-length item up to and including its item delimiter. */
    private int skipItem(int pos, boolean explicit, int depth) throws IOException {
        while (true) {
            if (pos + 8 > data.limit()) {
                if (data.limit() < streamLength) {
                    throw new NeedMoreBytes();
                }
                throw new InvalidInputException(file, "sequence item not closed before the end of the file");
            }
            int tag = readTag(pos);
            if (tag == ITEM_DELIMITER) {
                return pos + 8;
            }
            if (tag == SEQUENCE_DELIMITER) {
                return pos; // missing item delimiter: let the sequence end here
            }
            pos = element(pos, explicit, depth, false);
        }
    }

    private int readTag(int pos) {
        return ((data.getShort(pos) & 0xFFFF) << 16) | (data.getShort(pos + 2) & 0xFFFF);
    }

    /** The VR at {@code pos} when both bytes are upper-case letters, else null. */
    private String vr(int pos) {
        byte a = data.get(pos);
        byte b = data.get(pos + 1);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return null;
        }
        return new String(new byte[] {a, b}, StandardCharsets.US_ASCII);
    }

    private boolean looksExplicit(int pos, ByteOrder order) {
        if (data.limit() - pos < 8) {
            return false;
        }
        return vr(pos + 4) != null && KNOWN_VRS.contains(vr(pos + 4));
    }

    /** A bare big-endian data set starts with a group like 0x0008, which reads 0x0800 in little endian. */
    private boolean looksBigEndian(int pos) {
        if (data.limit() - pos < 4) {
            return false;
        }
        int le = (data.get(pos) & 0xFF) | (data.get(pos + 1) & 0xFF) << 8;
        int be = (data.get(pos) & 0xFF) << 8 | (data.get(pos + 1) & 0xFF);
        return le > 0x00FF && be <= 0x00FF;
    }

    private static final java.util.Set<String> KNOWN_VRS = java.util.Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT",
            "FL", "FD", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV",
            "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV");

    private static boolean hasLongLength(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    static String tagName(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
