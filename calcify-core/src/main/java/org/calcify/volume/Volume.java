package org.calcify.volume;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 3D image: a {@link Geometry} and one primitive array of voxels in (z, y, x) C order.
 * CT volumes hold Hounsfield units (usually {@link DataType#INT16}); label maps share the same type
 * with small integer labels (usually {@link DataType#UINT8}).
 *
 * <p>The voxel array is shared, not copied: treat it as read-only unless you made the volume.
 * Metadata (format, source dtype, DICOM series, ...) and warnings (gantry tilt, gaps, ...) travel
 * with the volume for {@code calcify info}.
 */
public final class Volume {
    private final Geometry geometry;
    private final DataType type;
    private final Object data;
    private final Map<String, String> metadata;
    private final List<String> warnings;

    private Volume(Geometry geometry, DataType type, Object data, Map<String, String> metadata, List<String> warnings) {
        int n = java.lang.reflect.Array.getLength(data);
        if (n != geometry.voxelCount()) {
            throw new IllegalArgumentException("voxel array has " + n + " elements, geometry needs " + geometry.voxelCount());
        }
        Class<?> expected = type.allocate(0).getClass();
        if (data.getClass() != expected) {
            throw new IllegalArgumentException("data type " + type + " needs " + expected.getSimpleName()
                    + ", got " + data.getClass().getSimpleName());
        }
        this.geometry = geometry;
        this.type = type;
        this.data = data;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.warnings = List.copyOf(warnings);
    }

    /** Wraps {@code data} (byte[], short[], int[], long[], float[] or double[]) without copying. */
    public static Volume of(Geometry geometry, DataType type, Object data) {
        return new Volume(geometry, type, data, Map.of(), List.of());
    }

    public static Volume ofShorts(Geometry geometry, short[] data) {
        return of(geometry, DataType.INT16, data);
    }

    public static Volume ofFloats(Geometry geometry, float[] data) {
        return of(geometry, DataType.FLOAT32, data);
    }

    public static Volume ofBytes(Geometry geometry, byte[] data) {
        return of(geometry, DataType.UINT8, data);
    }

    /** An all-zero volume of the given type. */
    public static Volume zeros(Geometry geometry, DataType type) {
        return of(geometry, type, type.allocate(geometry.voxelCount()));
    }

    public Geometry geometry() { return geometry; }
    public DataType type() { return type; }

    /** The backing array: byte[], short[], int[], long[], float[] or double[] according to {@link #type()}. */
    public Object data() { return data; }

    public Map<String, String> metadata() { return metadata; }
    public List<String> warnings() { return warnings; }

    public int sizeX() { return geometry.sizeX(); }
    public int sizeY() { return geometry.sizeY(); }
    public int sizeZ() { return geometry.sizeZ(); }

    public Volume withGeometry(Geometry g) {
        if (g.voxelCount() != geometry.voxelCount()) {
            throw new IllegalArgumentException("new geometry has a different voxel count");
        }
        return new Volume(g, type, data, metadata, warnings);
    }

    /** A copy of this volume's header with {@code key=value} added to the metadata (voxels shared). */
    public Volume withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new Volume(geometry, type, data, m, warnings);
    }

    public Volume withMetadata(Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.putAll(more);
        return new Volume(geometry, type, data, m, warnings);
    }

    public Volume withWarnings(List<String> newWarnings) {
        return new Volume(geometry, type, data, metadata, newWarnings);
    }

    /**
     * A copy of the box of {@code size} (z, y, x) voxels starting at voxel {@code min} (z, y, x), clipped
     * to the volume, on a grid whose origin is that voxel's centre (so every voxel keeps its world
     * position); metadata kept.
     */
    public Volume crop(int[] minZyx, int[] sizeZyx) {
        Geometry g = cropGeometry(minZyx, sizeZyx);
        int z0 = Math.max(0, minZyx[0]);
        int y0 = Math.max(0, minZyx[1]);
        int x0 = Math.max(0, minZyx[2]);
        int nz = g.sizeZ();
        int ny = g.sizeY();
        int nx = g.sizeX();
        Object out = type.allocate(nz * ny * nx);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                System.arraycopy(data, geometry.index(z0 + z, y0 + y, x0), out, (z * ny + y) * nx, nx);
            }
        }
        return new Volume(g, type, out, metadata, warnings);
    }

    /**
     * The grid of {@link #crop}{@code (minZyx, sizeZyx)}, without copying a voxel: the box clipped to the
     * volume, its origin the centre of its first voxel (scan voxel max(min, 0)).
     */
    public Geometry cropGeometry(int[] minZyx, int[] sizeZyx) {
        return cropGeometry(geometry, minZyx, sizeZyx);
    }

    /** The grid of a box of {@code geometry} clipped to it, as {@link #cropGeometry(int[], int[])}. */
    static Geometry cropGeometry(Geometry geometry, int[] minZyx, int[] sizeZyx) {
        int z0 = Math.max(0, minZyx[0]);
        int y0 = Math.max(0, minZyx[1]);
        int x0 = Math.max(0, minZyx[2]);
        int nz = Math.min(geometry.sizeZ(), minZyx[0] + sizeZyx[0]) - z0;
        int ny = Math.min(geometry.sizeY(), minZyx[1] + sizeZyx[1]) - y0;
        int nx = Math.min(geometry.sizeX(), minZyx[2] + sizeZyx[2]) - x0;
        if (nz <= 0 || ny <= 0 || nx <= 0) {
            throw new IllegalArgumentException("crop box lies outside the volume");
        }
        return Geometry.of(nx, ny, nz, geometry.spacingMm(), geometry.indexToWorld(x0, y0, z0), geometry.direction());
    }

    public short[] shorts() { return cast(DataType.INT16, short[].class); }
    public byte[] bytes() { return cast(DataType.UINT8, byte[].class); }
    public int[] ints() { return cast(DataType.INT32, int[].class); }
    public long[] longs() { return cast(DataType.INT64, long[].class); }
    public float[] floats() { return cast(DataType.FLOAT32, float[].class); }
    public double[] doubles() { return cast(DataType.FLOAT64, double[].class); }

    private <T> T cast(DataType want, Class<T> cls) {
        if (type != want) {
            throw new IllegalStateException("volume holds " + type + ", not " + want);
        }
        return cls.cast(data);
    }

    /** Value of the voxel at flat index {@code i}, as a double (uint8 read unsigned). */
    public double valueAt(int i) {
        return switch (type) {
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case INT16 -> ((short[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
        };
    }

    /**
     * Copies {@code n} voxel values, {@code stride} apart from flat index {@code start}, into {@code out} as floats
     * (uint8 read unsigned): one line of the volume along any axis, without a per-voxel type switch.
     */
    public void readLine(int start, int stride, int n, float[] out) {
        switch (type) {
            case INT16 -> {
                short[] v = (short[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = v[start + i * stride];
                }
            }
            case FLOAT32 -> {
                float[] v = (float[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = v[start + i * stride];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) valueAt(start + i * stride);
                }
            }
        }
    }

    /** Value of voxel (z, y, x). */
    public double value(int z, int y, int x) {
        return valueAt(geometry.index(z, y, x));
    }

    /** Min, max and mean of all voxels (NaNs ignored). */
    public VoxelStatistics statistics() {
        return VoxelStatistics.of(this);
    }

    /** A copy converted to {@code target} (values rounded to nearest and clamped for integer targets). */
    public Volume convertTo(DataType target) {
        if (target == type) {
            return this;
        }
        int n = geometry.voxelCount();
        Object out = target.allocate(n);
        for (int i = 0; i < n; i++) {
            double v = valueAt(i);
            switch (target) {
                case UINT8 -> ((byte[]) out)[i] = (byte) clampRound(v, 0, 255);
                case INT16 -> ((short[]) out)[i] = (short) clampRound(v, Short.MIN_VALUE, Short.MAX_VALUE);
                case INT32 -> ((int[]) out)[i] = (int) clampRound(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case INT64 -> ((long[]) out)[i] = type == DataType.INT64 ? ((long[]) data)[i] : Math.round(v);
                case FLOAT32 -> ((float[]) out)[i] = (float) v;
                case FLOAT64 -> ((double[]) out)[i] = v;
            }
        }
        return new Volume(geometry, target, out, metadata, warnings);
    }

    private static long clampRound(double v, long lo, long hi) {
        if (Double.isNaN(v)) {
            return 0;
        }
        long r = Math.round(v);
        return Math.max(lo, Math.min(hi, r));
    }

    @Override
    public String toString() {
        return "Volume[" + type + ", " + geometry + "]";
    }
}
