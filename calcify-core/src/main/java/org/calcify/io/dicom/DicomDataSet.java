package org.calcify.io.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.calcify.io.InvalidInputException;

/**
 * One DICOM data set (the file's top level or an item of a sequence) as {@link DicomDataSetParser} reads it,
 * sequences included: each element is either a value (its bytes stay in the file's buffer, read on demand) or a
 * sequence of items. Immutable once parsed. Accessors name the file and the tag in their refusals.
 */
public final class DicomDataSet {
    /** A value element: {@code length} bytes at {@code offset} of the file's buffer. */
    record Value(String vr, int offset, int length) {
    }

    private final Path file;
    private final ByteBuffer data;
    private final Map<Integer, Object> elements = new TreeMap<>(Integer::compareUnsigned);

    DicomDataSet(Path file, ByteBuffer data) {
        this.file = file;
        this.data = data;
    }

    void putValue(int tag, String vr, int offset, int length) {
        elements.put(tag, new Value(vr, offset, length));
    }

    void putSequence(int tag, List<DicomDataSet> items) {
        elements.put(tag, List.copyOf(items));
    }

    /** The file this data set was read from (for messages). */
    public Path file() {
        return file;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** The items of sequence {@code tag}; empty when absent. Refuses a value where a sequence belongs. */
    @SuppressWarnings("unchecked")
    public List<DicomDataSet> sequence(int tag) throws InvalidInputException {
        Object o = elements.get(tag);
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> items) {
            return (List<DicomDataSet>) items;
        }
        throw new InvalidInputException(file, DicomParser.tagName(tag) + " is not a sequence");
    }

    /** The first item of sequence {@code tag}, or null. */
    public DicomDataSet item(int tag) throws InvalidInputException {
        List<DicomDataSet> items = sequence(tag);
        return items.isEmpty() ? null : items.get(0);
    }

    private Value value(int tag) throws InvalidInputException {
        Object o = elements.get(tag);
        if (o == null) {
            return null;
        }
        if (o instanceof Value v) {
            return v;
        }
        throw new InvalidInputException(file, DicomParser.tagName(tag) + " is a sequence where a value was expected");
    }

    /** The text of {@code tag} (ISO 8859-1, padding trimmed), or null when absent or empty. */
    public String string(int tag) throws InvalidInputException {
        Value v = value(tag);
        if (v == null) {
            return null;
        }
        byte[] b = new byte[v.length()];
        data.get(v.offset(), b);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return start == end ? null : s.substring(start, end);
    }

    /** A multi-valued decimal string (DS) of exactly {@code n} values, or null when absent. */
    public double[] decimals(int tag, int n) throws InvalidInputException {
        String s = string(tag);
        if (s == null) {
            return null;
        }
        String[] parts = DecimalString.split(s);
        if (parts.length != n) {
            throw new InvalidInputException(file, DicomParser.tagName(tag) + " has " + parts.length + " values, expected " + n);
        }
        return DecimalString.parse(file, tag, s, parts, n);
    }

    /** An integer string (IS), or null when absent. */
    public Integer integerString(int tag) throws InvalidInputException {
        String s = string(tag);
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, DicomParser.tagName(tag) + " value '" + s + "' is not an integer");
        }
    }

    /** An unsigned short (US) value, or null when absent. */
    public Integer unsignedShort(int tag) throws InvalidInputException {
        Value v = value(tag);
        if (v == null) {
            return null;
        }
        if (v.length() < 2) {
            throw new InvalidInputException(file, DicomParser.tagName(tag) + " has " + v.length() + " bytes, too short for a US value");
        }
        return data.getShort(v.offset()) & 0xFFFF;
    }
}
