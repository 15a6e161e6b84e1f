package org.calcify.volume;

/**
 * How voxel values are stored in memory. Each type is backed by one primitive Java array:
 * {@code UINT8 -> byte[]} (read as unsigned), {@code INT16 -> short[]}, {@code INT32 -> int[]},
 * {@code INT64 -> long[]}, {@code FLOAT32 -> float[]}, {@code FLOAT64 -> double[]}.
 *
 * <p>Readers widen types Java has no array for: int8 to INT16, uint16 to INT32, uint32 to INT64,
 * uint64 to FLOAT64; booleans to UINT8. The on-disk type is kept in the volume's metadata under
 * {@code "source.dtype"}.
 */
public enum DataType {
    UINT8(1, "uint8"),
    INT16(2, "int16"),
    INT32(4, "int32"),
    INT64(8, "int64"),
    FLOAT32(4, "float32"),
    FLOAT64(8, "float64");

    private final int bytes;
    private final String numpyName;

    DataType(int bytes, String numpyName) {
        this.bytes = bytes;
        this.numpyName = numpyName;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    /** The NumPy dtype name of this type ("int16", "float32", ...). */
    public String numpyName() {
        return numpyName;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /** Allocates the backing array for {@code n} voxels. */
    public Object allocate(int n) {
        return switch (this) {
            case UINT8 -> new byte[n];
            case INT16 -> new short[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
    }
}
