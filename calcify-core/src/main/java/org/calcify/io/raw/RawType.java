package org.calcify.io.raw;

import org.calcify.volume.DataType;

/**
 * An element type as stored on disk. Types Java has no array for are widened on reading (see
 * {@link #memoryType()}): int8 to INT16, uint16 to INT32, uint32 to INT64, uint64 to FLOAT64.
 */
public enum RawType {
    INT8(1, "int8", DataType.INT16),
    UINT8(1, "uint8", DataType.UINT8),
    INT16(2, "int16", DataType.INT16),
    UINT16(2, "uint16", DataType.INT32),
    INT32(4, "int32", DataType.INT32),
    UINT32(4, "uint32", DataType.INT64),
    INT64(8, "int64", DataType.INT64),
    UINT64(8, "uint64", DataType.FLOAT64),
    FLOAT32(4, "float32", DataType.FLOAT32),
    FLOAT64(8, "float64", DataType.FLOAT64);

    private final int bytes;
    private final String numpyName;
    private final DataType memoryType;

    RawType(int bytes, String numpyName, DataType memoryType) {
        this.bytes = bytes;
        this.numpyName = numpyName;
        this.memoryType = memoryType;
    }

    /** Bytes per element on disk. */
    public int bytes() {
        return bytes;
    }

    /** NumPy name of the on-disk type, for the {@code "source.dtype"} metadata. */
    public String numpyName() {
        return numpyName;
    }

    /** The Calcify type the elements are held in after reading. */
    public DataType memoryType() {
        return memoryType;
    }

    /** The on-disk type that holds {@code type} exactly (no widening). */
    public static RawType of(DataType type) {
        return switch (type) {
            case UINT8 -> UINT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
        };
    }
}
