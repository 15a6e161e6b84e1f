package org.calcify.io.dicom.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DICOM data set being built for writing: elements kept in ascending tag order, each a VR and either
 * its encoded value or the items of a sequence. Setting a tag again replaces it. Text is encoded as
 * ISO 8859-1, so text the reader decoded the same way is written back byte for byte; text Calcify makes
 * is ASCII ({@link #ascii}). Values are checked against the VR's length limit where one matters.
 * Mutable while it is built; {@link DicomFileWriter} writes it.
 */
public final class DicomDataset {

    /** One element: its VR and either bytes (even length, padded) or sequence items. */
    record Element(Vr vr, byte[] value, List<DicomDataset> items) {
    }

    private final Map<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);

    /** The elements, ascending by tag (unsigned). */
    Map<Integer, Element> elements() {
        return Collections.unmodifiableMap(elements);
    }

    /** True when the data set has {@code tag}. */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** A text element; several values are joined by a backslash. No value writes an empty (type 2) element. */
    public DicomDataset string(int tag, Vr vr, String... values) {
        if (!vr.text()) {
            throw new IllegalArgumentException(vr + " is not a text VR");
        }
        String s = String.join("\\", values);
        if (vr == Vr.UI) {
            for (String v : values) {
                if (!Uids.isValid(v)) {
                    throw new IllegalArgumentException("not a valid UID for " + tagName(tag) + ": '" + v + "'");
                }
            }
        }
        int max = switch (vr) {
            case AE, CS, SH -> 16;
            case LO, PN -> 64;
            case DS -> 16;
            case IS -> 12;
            case ST -> 1024;
            case LT -> 10240;
            default -> Integer.MAX_VALUE;
        };
        for (String v : values) {
            if (v.length() > max) {
                throw new IllegalArgumentException(tagName(tag) + " value longer than " + max + " characters for " + vr + ": '" + v + "'");
            }
        }
        return put(tag, vr, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A text value copied from another file as it is, without the VR's length check (a source that broke
     * the limit is not ours to fix); still padded to even length.
     */
    DicomDataset copiedString(int tag, Vr vr, String value) {
        return put(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One or more unsigned shorts (US). */
    public DicomDataset us(int tag, int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException(tagName(tag) + " value " + v + " does not fit US");
            }
            b.putShort((short) v);
        }
        return put(tag, Vr.US, b.array());
    }

    /** One or more unsigned longs (UL). */
    public DicomDataset ul(int tag, long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return put(tag, Vr.UL, b.array());
    }

    /** One or more attribute tags (AT), each as group then element. */
    public DicomDataset at(int tag, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(4 * tags.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int t : tags) {
            b.putShort((short) (t >>> 16)).putShort((short) t);
        }
        return put(tag, Vr.AT, b.array());
    }

    /** One or more doubles (FD). */
    public DicomDataset fd(int tag, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return put(tag, Vr.FD, b.array());
    }

    /** Decimal strings (DS), each as short as keeps it within 16 characters. */
    public DicomDataset ds(int tag, double... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = decimalString(values[i]);
        }
        return string(tag, Vr.DS, s);
    }

    /** Integer strings (IS). */
    public DicomDataset is(int tag, long... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = Long.toString(values[i]);
        }
        return string(tag, Vr.IS, s);
    }

    /** Binary bytes (OB, OW or UN), written as given (padded with a zero byte when odd). */
    public DicomDataset bytes(int tag, Vr vr, byte[] value) {
        if (vr.text() || vr == Vr.SQ) {
            throw new IllegalArgumentException(vr + " is not a binary VR");
        }
        return put(tag, vr, value);
    }

    /** A sequence (SQ) of {@code items}; an empty list writes an empty sequence. */
    public DicomDataset sequence(int tag, List<DicomDataset> items) {
        elements.put(tag, new Element(Vr.SQ, null, List.copyOf(items)));
        return this;
    }

    /** A sequence of one item. */
    public DicomDataset sequence(int tag, DicomDataset item) {
        return sequence(tag, List.of(item));
    }

    /** Sets an element as it is (for copying from another data set). */
    void put(int tag, Element element) {
        elements.put(tag, element);
    }

    private DicomDataset put(int tag, Vr vr, byte[] value) {
        if (value.length % 2 == 1) {
            byte[] padded = java.util.Arrays.copyOf(value, value.length + 1);
            padded[value.length] = vr.padding();
            value = padded;
        }
        if (!vr.longLength() && value.length > 0xFFFF) {
            throw new IllegalArgumentException(tagName(tag) + " value of " + value.length + " bytes is too long for " + vr);
        }
        elements.put(tag, new Element(vr, value, null));
        return this;
    }

    /**
     * {@code v} as a DICOM decimal string of at most 16 characters: plain notation when it fits, else
     * fewer significant digits, else scientific notation.
     */
    static String decimalString(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        for (int digits = 15; digits >= 1; digits--) {
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
            if (s.length() <= 16) {
                return s;
            }
        }
        for (int digits = 10; digits >= 1; digits--) {
            String s = String.format(Locale.ROOT, "%." + digits + "E", v);
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("cannot write " + v + " as a decimal string");
    }

    /** {@code s} with every character outside printable ASCII replaced by '?', and control characters by a space. */
    public static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : c < 0x20 ? ' ' : '?');
        }
        return b.toString();
    }

    static String tagName(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** A copy whose sequences share nothing with this one. */
    public DicomDataset copy() {
        DicomDataset d = new DicomDataset();
        for (Map.Entry<Integer, Element> e : elements.entrySet()) {
            Element el = e.getValue();
            if (el.items() != null) {
                List<DicomDataset> items = new ArrayList<>();
                for (DicomDataset i : el.items()) {
                    items.add(i.copy());
                }
                d.elements.put(e.getKey(), new Element(Vr.SQ, null, items));
            } else {
                d.elements.put(e.getKey(), el);
            }
        }
        return d;
    }
}
