package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;

/**
 * Reads a whole DICOM file into a {@link DicomDataSet} tree, nested sequences included, as a multi-frame object
 * (a Segmentation) needs it; {@link DicomParser} stays the fast header reader that skips sequences. Transfer
 * syntaxes: implicit VR little endian, explicit VR little endian and its deflated form; sequences and items of
 * defined and undefined length. In implicit VR a defined-length sequence is known by its tag
 * ({@link #IMPLICIT_SEQUENCES}, the sequences a Segmentation uses); other defined-length values stay bytes.
 *
 * <p>Bounds: the file must fit the heap; every length is checked against the bytes left in its file, item or
 * sequence; sequences nest at most {@link #MAX_DEPTH} deep and a file holds at most {@link #MAX_NODES} elements and
 * items. Parsing stops at the top-level PixelData. Every refusal is an {@link InvalidInputException} of one line.
 */
public final class DicomDataSetParser {
    /** Deepest sequence nesting accepted (a Segmentation needs 4). */
    static final int MAX_DEPTH = 16;
    /** Most elements and items in one file (a SEG of 10,000 frames has about 300,000). */
    static final int MAX_NODES = 1_000_000;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Sequence tags of the Segmentation IOD, recognised in implicit VR where a defined-length value carries no VR. */
    static final Set<Integer> IMPLICIT_SEQUENCES = Set.of(
            0x00081111, 0x00081115, 0x00081199, 0x00089215, 0x00082112, 0x00082218, 0x00089124, 0x0040A170, 0x0008114A,
            0x00209221, 0x00209222, 0x00209111, 0x00209113, 0x00209116, 0x52009229, 0x52009230, 0x00289110, 0x0062000A,
            0x00620002, 0x00620003, 0x00620007, 0x0062000F, 0x0066002F, 0x0040A043, 0x0040A730, 0x0040A168, 0x0040A300,
            0x004008EA, 0x0040A504, 0x00080110, 0x0040A372, 0x0040A375, 0x00081140, 0x00089121, 0x00081032);

    /**
     * A parsed file.
     *
     * @param dataSet           the top-level data set (up to PixelData)
     * @param transferSyntaxUid (0002,0010), or the implicit VR syntax for a file without meta information
     * @param pixelData         where PixelData lies in {@code bytes}, or null when there is none
     * @param bytes             the data set's bytes (the file, or the inflated data set)
     */
    public record Parsed(DicomDataSet dataSet, String transferSyntaxUid, PixelDataLocation pixelData, ByteBuffer bytes) {
    }

    private final Path file;
    private final ByteBuffer data;
    private int nodes;
    private PixelDataLocation pixelData;

    private DicomDataSetParser(Path file, ByteBuffer data) {
        this.file = file;
        this.data = data;
    }

    /** Reads and parses {@code file}. */
    public static Parsed read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > SizeBudget.MAX_ELEMENTS) {
            throw new InvalidInputException(file, "file of " + size + " bytes is too large for one DICOM object");
        }
        SizeBudget.fitsHeap(file, size);
        try {
            return parse(file, Files.readAllBytes(file));
        } catch (OutOfMemoryError e) {
            throw new InvalidInputException(file, "does not fit the Java heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB (raise it with CALCIFY_JAVA_OPTS=-Xmx...)");
        }
    }

    /** Parses a complete file held in {@code bytes}. */
    public static Parsed parse(Path file, byte[] bytes) throws InvalidInputException {
        try {
            return parseChecked(file, bytes);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new InvalidInputException(file, "truncated DICOM data set (ends inside an element)");
        }
    }

    private static Parsed parseChecked(Path file, byte[] bytes) throws InvalidInputException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        DicomDataSetParser meta = new DicomDataSetParser(file, buf);
        int pos = DicomParser.hasPreamble(bytes, bytes.length) ? 132 : 0;
        DicomDataSet metaSet = new DicomDataSet(file, buf);
        while (bytes.length - pos >= 8 && (buf.getShort(pos) & 0xFFFF) == 0x0002) {
            pos = meta.element(metaSet, pos, bytes.length, true, 0, false);
        }
        String ts = metaSet.string(DicomParser.TRANSFER_SYNTAX_UID);
        if (ts == null) {
            ts = TransferSyntax.IMPLICIT_VR_LE.uid();
        }
        TransferSyntax syntax = TransferSyntax.byUid(ts);
        if (syntax == null || syntax.bigEndian() || syntax.encoding() != TransferSyntax.Encoding.NATIVE) {
            throw new InvalidInputException(file, "transfer syntax " + TransferSyntax.describe(ts) + " is not supported for this "
                    + "object (implicit or explicit VR little endian, or deflated explicit VR little endian)");
        }
        ByteBuffer body = buf;
        int start = pos;
        if (syntax.deflated()) {
            byte[] inflated = DicomParser.inflate(file, bytes, pos, bytes.length - pos);
            body = ByteBuffer.wrap(inflated).order(ByteOrder.LITTLE_ENDIAN);
            start = 0;
        }
        DicomDataSetParser p = new DicomDataSetParser(file, body);
        DicomDataSet top = new DicomDataSet(file, body);
        p.items(top, start, body.limit(), syntax.explicitVr(), 0, true);
        if (p.pixelData != null && syntax.deflated()) {
            p.pixelData = new PixelDataLocation(p.pixelData.offsetBytes(), p.pixelData.lengthBytes(), true);
        }
        return new Parsed(top, ts, p.pixelData, body);
    }

    /** Parses the elements of one data set from {@code pos} to {@code end} (or, for an undefined item, its delimiter). */
    private int items(DicomDataSet into, int pos, int end, boolean explicit, int depth, boolean topLevel) throws InvalidInputException {
        while (pos < end) {
            if (end - pos < 8) {
                if (topLevel) {
                    return end; // trailing padding shorter than an element header
                }
                throw new InvalidInputException(file, "item ends inside an element header at byte " + pos);
            }
            int tag = tag(pos);
            if (tag == DicomParser.ITEM_DELIMITER) {
                if (topLevel) {
                    throw new InvalidInputException(file, "item delimiter outside a sequence at byte " + pos);
                }
                return -(pos + 8) - 1; // signals "delimiter found": see item()
            }
            pos = element(into, pos, end, explicit, depth, topLevel);
            if (pos < 0) {
                return end; // PixelData reached
            }
        }
        return pos;
    }

    /** Parses one element at {@code pos}; returns the position after it, or -1 after the top-level PixelData. */
    private int element(DicomDataSet into, int pos, int end, boolean explicit, int depth, boolean topLevel) throws InvalidInputException {
        count();
        int tag = tag(pos);
        String vr = null;
        long length;
        int valuePos;
        if (tag == DicomParser.ITEM || tag == DicomParser.SEQUENCE_DELIMITER) {
            throw new InvalidInputException(file, "unexpected " + DicomParser.tagName(tag) + " outside a sequence at byte " + pos);
        }
        if (explicit && isVr(pos + 4)) {
            vr = new String(new byte[] {data.get(pos + 4), data.get(pos + 5)}, StandardCharsets.US_ASCII);
            if (longLength(vr)) {
                need(pos, 12, end);
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
        if (topLevel && tag == DicomParser.PIXEL_DATA) {
            if (length != UNDEFINED && valuePos + length > end) {
                throw new InvalidInputException(file, "pixel data truncated: PixelData (7FE0,0010) has length " + length
                        + " but only " + Math.max(0, end - valuePos) + " bytes are left in the file");
            }
            pixelData = new PixelDataLocation(valuePos, length == UNDEFINED ? -1 : length, false);
            return -1;
        }
        boolean sequence = "SQ".equals(vr) || (vr == null && IMPLICIT_SEQUENCES.contains(tag))
                || (length == UNDEFINED && (vr == null || "UN".equals(vr)));
        if (sequence) {
            if (depth >= MAX_DEPTH) {
                throw new InvalidInputException(file, "sequences nested more than " + MAX_DEPTH + " deep at byte " + pos);
            }
            boolean itemsExplicit = explicit && !"UN".equals(vr);
            List<DicomDataSet> items = new ArrayList<>();
            int after;
            if (length == UNDEFINED) {
                after = sequence(items, valuePos, end, itemsExplicit, depth + 1, true);
            } else {
                checkLength(tag, valuePos, length, end);
                after = sequence(items, valuePos, (int) (valuePos + length), itemsExplicit, depth + 1, false);
            }
            into.putSequence(tag, items);
            return after;
        }
        if (length == UNDEFINED && ("OB".equals(vr) || "OW".equals(vr))) {
            return skipFragments(valuePos, end); // encapsulated pixel data inside an item (an icon image)
        }
        if (length == UNDEFINED) {
            throw new InvalidInputException(file, "element " + DicomParser.tagName(tag) + " (" + vr + ") at byte " + pos
                    + " has undefined length");
        }
        checkLength(tag, valuePos, length, end);
        into.putValue(tag, vr, valuePos, (int) length);
        return (int) (valuePos + length);
    }

    /** The items of a sequence; returns the position after it (after its delimiter when undefined). */
    private int sequence(List<DicomDataSet> items, int pos, int end, boolean explicit, int depth, boolean undefined)
            throws InvalidInputException {
        while (true) {
            if (!undefined && pos == end) {
                return pos;
            }
            if (end - pos < 8) {
                throw new InvalidInputException(file, undefined ? "sequence not closed before the end of the file"
                        : "sequence of defined length ends inside an item header at byte " + pos);
            }
            int tag = tag(pos);
            long length = data.getInt(pos + 4) & 0xFFFFFFFFL;
            if (tag == DicomParser.SEQUENCE_DELIMITER) {
                if (!undefined) {
                    throw new InvalidInputException(file, "sequence delimiter inside a sequence of defined length at byte " + pos);
                }
                return pos + 8;
            }
            if (tag != DicomParser.ITEM) {
                throw new InvalidInputException(file, "unexpected element " + DicomParser.tagName(tag) + " inside a sequence at byte " + pos);
            }
            count();
            DicomDataSet item = new DicomDataSet(file, data);
            int valuePos = pos + 8;
            if (length == UNDEFINED) {
                int r = items(item, valuePos, end, explicit, depth, false);
                if (r >= 0) {
                    throw new InvalidInputException(file, "sequence item at byte " + pos + " not closed before the end of the "
                            + (undefined ? "file" : "sequence"));
                }
                pos = -r - 1;
            } else {
                checkLength(tag, valuePos, length, end);
                int itemEnd = (int) (valuePos + length);
                int r = items(item, valuePos, itemEnd, explicit, depth, false);
                if (r < 0) {
                    throw new InvalidInputException(file, "item delimiter inside an item of defined length at byte " + (-r - 9));
                }
                pos = itemEnd;
            }
            items.add(item);
        }
    }

    /** Skips the defined-length fragments of undefined-length OB/OW data up to its sequence delimiter. */
    private int skipFragments(int pos, int end) throws InvalidInputException {
        while (true) {
            if (end - pos < 8) {
                throw new InvalidInputException(file, "encapsulated data not closed before the end of its "
                        + (end == data.limit() ? "file" : "item"));
            }
            int tag = tag(pos);
            long length = data.getInt(pos + 4) & 0xFFFFFFFFL;
            if (tag == DicomParser.SEQUENCE_DELIMITER) {
                return pos + 8;
            }
            if (tag != DicomParser.ITEM || length == UNDEFINED) {
                throw new InvalidInputException(file, "unexpected " + DicomParser.tagName(tag) + " in encapsulated data at byte " + pos);
            }
            count();
            checkLength(tag, pos + 8, length, end);
            pos += 8 + (int) length;
        }
    }

    private void count() throws InvalidInputException {
        if (++nodes > MAX_NODES) {
            throw new InvalidInputException(file, "more than " + MAX_NODES + " elements and items (corrupt or hostile)");
        }
    }

    private void need(int pos, int n, int end) throws InvalidInputException {
        if (end - pos < n) {
            throw new InvalidInputException(file, "element header at byte " + pos + " runs past the end of its "
                    + (end == data.limit() ? "file" : "item"));
        }
    }

    private void checkLength(int tag, int valuePos, long length, int end) throws InvalidInputException {
        if (valuePos + length > end) {
            throw new InvalidInputException(file, "element " + DicomParser.tagName(tag) + " at byte " + valuePos + " has length "
                    + length + ", past the end of its " + (end == data.limit() ? "file" : "item or sequence") + " ("
                    + Math.max(0, end - valuePos) + " bytes left)");
        }
    }

    private int tag(int pos) {
        return ((data.getShort(pos) & 0xFFFF) << 16) | (data.getShort(pos + 2) & 0xFFFF);
    }

    private boolean isVr(int pos) {
        byte a = data.get(pos);
        byte b = data.get(pos + 1);
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    private static boolean longLength(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }
}
