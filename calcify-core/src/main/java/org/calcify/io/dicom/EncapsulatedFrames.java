package org.calcify.io.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;

/**
 * Splits encapsulated pixel data (PS3.5 A.4) into frames: the first item is the Basic Offset Table,
 * each further item one fragment, closed by a sequence delimiter. Items are walked by their lengths,
 * so delimiter bytes inside a fragment are data, not delimiters.
 */
final class EncapsulatedFrames {
    /** One fragment: {@code offset} is the start of its value in the buffer, {@code itemOffset} its item tag relative to the first fragment. */
    record Fragment(int offset, int length, long itemOffset) {
    }

    private EncapsulatedFrames() {
    }

    /** The fragments of the pixel data value starting at {@code start} in {@code b}. */
    static List<Fragment> fragments(Path file, byte[] b, int start, List<Long> basicOffsetTable) throws InvalidInputException {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<Fragment> fragments = new ArrayList<>();
        int pos = start;
        boolean first = true;
        int firstFragmentPos = -1;
        while (pos + 8 <= b.length) {
            int tag = ((buf.getShort(pos) & 0xFFFF) << 16) | (buf.getShort(pos + 2) & 0xFFFF);
            long length = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            if (tag == DicomParser.SEQUENCE_DELIMITER) {
                return checked(file, fragments, first);
            }
            if (tag != DicomParser.ITEM) {
                throw new InvalidInputException(file, "encapsulated pixel data: expected an item at byte " + pos + ", found "
                        + DicomParser.tagName(tag));
            }
            if (length == 0xFFFFFFFFL || pos + 8 + length > b.length) {
                throw new InvalidInputException(file, "encapsulated pixel data: item at byte " + pos + " has length " + length
                        + ", past the end of the file (" + (b.length - pos - 8) + " bytes left)");
            }
            if (first) {
                for (int i = 0; i + 4 <= length; i += 4) {
                    basicOffsetTable.add(buf.getInt(pos + 8 + i) & 0xFFFFFFFFL);
                }
                first = false;
            } else {
                if (firstFragmentPos < 0) {
                    firstFragmentPos = pos;
                }
                fragments.add(new Fragment(pos + 8, (int) length, pos - firstFragmentPos));
            }
            pos += 8 + (int) length;
        }
        return checked(file, fragments, first);
    }

    private static List<Fragment> checked(Path file, List<Fragment> fragments, boolean noTable) throws InvalidInputException {
        if (noTable || fragments.isEmpty()) {
            throw new InvalidInputException(file, "encapsulated pixel data holds no fragments (truncated file?)");
        }
        return fragments;
    }

    /** The compressed bytes of each of {@code frames} frames. */
    static List<byte[]> frames(Path file, byte[] b, int start, int frames) throws InvalidInputException {
        List<Long> table = new ArrayList<>();
        List<Fragment> fragments = fragments(file, b, start, table);
        List<byte[]> out = new ArrayList<>(frames);
        if (frames == 1) {
            out.add(concat(b, fragments));
        } else if (table.size() == frames) {
            // fragments are in offset order: walk them once, closing a frame at each table entry
            int next = 0;
            for (int f = 0; f < frames; f++) {
                long to = f + 1 < frames ? table.get(f + 1) : Long.MAX_VALUE;
                if (f > 0 && table.get(f) < table.get(f - 1)) {
                    throw new InvalidInputException(file, "Basic Offset Table is not increasing at entry " + f);
                }
                int from = next;
                while (next < fragments.size() && fragments.get(next).itemOffset() < to) {
                    next++;
                }
                if (next == from || fragments.get(from).itemOffset() != table.get(f)) {
                    throw new InvalidInputException(file, "Basic Offset Table entry " + f + " (" + table.get(f)
                            + ") does not point at a fragment");
                }
                out.add(concat(b, fragments.subList(from, next)));
            }
        } else if (fragments.size() == frames) {
            for (Fragment x : fragments) {
                out.add(concat(b, List.of(x)));
            }
        } else {
            throw new InvalidInputException(file, "cannot split " + fragments.size() + " fragments into " + frames
                    + " frames without a Basic Offset Table");
        }
        return out;
    }

    private static byte[] concat(byte[] b, List<Fragment> fragments) {
        if (fragments.size() == 1) {
            Fragment f = fragments.get(0);
            return java.util.Arrays.copyOfRange(b, f.offset(), f.offset() + f.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Fragment f : fragments) {
            out.write(b, f.offset(), f.length());
        }
        return out.toByteArray();
    }
}
