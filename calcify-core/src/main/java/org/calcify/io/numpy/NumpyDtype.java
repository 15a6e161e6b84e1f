package org.calcify.io.numpy;

import java.nio.ByteOrder;
import org.calcify.volume.DataType;

/**
 * A NumPy scalar dtype as written in a {@code .npy} header's {@code descr} ({@code "<i2"}, {@code "|u1"},
 * {@code ">f8"}, ...). Only booleans, integers and floats are supported.
 *
 * @param kind      NumPy kind character: {@code 'b'} bool, {@code 'i'} signed, {@code 'u'} unsigned, {@code 'f'} float
 * @param itemBytes bytes per element on disk (1, 2, 4 or 8)
 * @param order     byte order of the elements on disk
 */
public record NumpyDtype(char kind, int itemBytes, ByteOrder order) {

    public NumpyDtype {
        boolean ok = switch (kind) {
            case 'b' -> itemBytes == 1;
            case 'i', 'u' -> itemBytes == 1 || itemBytes == 2 || itemBytes == 4 || itemBytes == 8;
            case 'f' -> itemBytes == 2 || itemBytes == 4 || itemBytes == 8;
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("unsupported dtype " + kind + itemBytes);
        }
        if (itemBytes == 1) {
            order = ByteOrder.LITTLE_ENDIAN; // irrelevant for single bytes; one canonical value
        }
    }

    /** The little-endian dtype numpy writes for a Calcify type. */
    public static NumpyDtype of(DataType type) {
        return switch (type) {
            case UINT8 -> new NumpyDtype('u', 1, ByteOrder.LITTLE_ENDIAN);
            case INT16 -> new NumpyDtype('i', 2, ByteOrder.LITTLE_ENDIAN);
            case INT32 -> new NumpyDtype('i', 4, ByteOrder.LITTLE_ENDIAN);
            case INT64 -> new NumpyDtype('i', 8, ByteOrder.LITTLE_ENDIAN);
            case FLOAT32 -> new NumpyDtype('f', 4, ByteOrder.LITTLE_ENDIAN);
            case FLOAT64 -> new NumpyDtype('f', 8, ByteOrder.LITTLE_ENDIAN);
        };
    }

    /**
     * Parses a dtype string: {@code "<i2"}, {@code "|b1"}, {@code "?"}, {@code "=f4"}, {@code "i8"}. The native
     * order ({@code '='} or none) is taken as little endian, the order of every machine numpy runs on in practice.
     *
     * @throws IllegalArgumentException with a one-line reason when the dtype is not supported
     */
    public static NumpyDtype parse(String descr) {
        String s = descr.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty dtype");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        char c = s.charAt(0);
        if (c == '<' || c == '>' || c == '|' || c == '=') {
            if (c == '>') {
                order = ByteOrder.BIG_ENDIAN;
            }
            s = s.substring(1);
        }
        if (s.equals("?")) {
            return new NumpyDtype('b', 1, order);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("dtype '" + descr + "' has no type");
        }
        char kind = s.charAt(0);
        if (kind == 'O') {
            throw new IllegalArgumentException("object arrays are not supported (would need pickle)");
        }
        String digits = s.substring(1);
        if (kind == 'c') {
            throw new IllegalArgumentException("complex dtype '" + descr + "' is not supported");
        }
        if ("biuf".indexOf(kind) < 0 || digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("dtype '" + descr + "' is not supported (only bool, integers and floats)");
        }
        int bytes = Integer.parseInt(digits);
        try {
            return new NumpyDtype(kind, bytes, order);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dtype '" + descr + "' is not supported (only bool, integers and floats)");
        }
    }

    /** NumPy's name of the type: "bool", "int8", "uint16", "float16", ... */
    public String numpyName() {
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + itemBytes * 8;
            case 'u' -> "uint" + itemBytes * 8;
            default -> "float" + itemBytes * 8;
        };
    }

    /** The descr string numpy writes ({@code "<i2"}, {@code "|u1"}, {@code ">f8"}, {@code "|b1"}). */
    public String descr() {
        char o = itemBytes == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return o + String.valueOf(kind) + itemBytes;
    }

    /** True for the float kinds. */
    public boolean isFloat() {
        return kind == 'f';
    }

    /**
     * The Calcify type holding this dtype without loss: int8 to INT16, uint16 to INT32, uint32 to INT64,
     * uint64 to FLOAT64 (exact up to 2^53), float16 to FLOAT32, bool to UINT8.
     */
    public DataType dataType() {
        return switch (kind) {
            case 'b' -> DataType.UINT8;
            case 'i' -> switch (itemBytes) {
                case 1, 2 -> DataType.INT16;
                case 4 -> DataType.INT32;
                default -> DataType.INT64;
            };
            case 'u' -> switch (itemBytes) {
                case 1 -> DataType.UINT8;
                case 2 -> DataType.INT32;
                case 4 -> DataType.INT64;
                default -> DataType.FLOAT64;
            };
            default -> itemBytes == 8 ? DataType.FLOAT64 : DataType.FLOAT32;
        };
    }

    @Override
    public String toString() {
        return numpyName() + (itemBytes > 1 ? (order == ByteOrder.BIG_ENDIAN ? " big-endian" : "") : "");
    }
}
