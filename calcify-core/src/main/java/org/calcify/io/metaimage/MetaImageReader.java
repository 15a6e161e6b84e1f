package org.calcify.io.metaimage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;
import org.calcify.io.raw.Compression;
import org.calcify.io.raw.RawType;
import org.calcify.io.raw.RawVoxelReader;
import org.calcify.io.raw.TextHeader;
import org.calcify.volume.Geometry;
import org.calcify.volume.Matrix3;
import org.calcify.volume.Volume;

/**
 * Reads MetaImage ({@code .mhd} with a separate {@code .raw}/{@code .zraw}, or {@code .mha} with
 * {@code ElementDataFile = LOCAL}). World coordinates are LPS mm (ITK), so no flip. The
 * {@code TransformMatrix} lists the direction of axis x first, then y, then z (ITK's MetaImageIO),
 * i.e. our direction matrix's columns. Data is x fastest: our (z, y, x) C order.
 */
final class MetaImageReader {
    private MetaImageReader() {
    }

    static TextHeader readHeader(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return TextHeader.read(in, path, s -> keyOf(s).equals("elementdatafile"), false);
        }
    }

    private static String keyOf(String line) {
        int eq = line.indexOf('=');
        return eq < 0 ? "" : line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    }

    static Volume read(Path path) throws IOException {
        TextHeader header = readHeader(path);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : header.lines()) {
            if (line.indexOf('=') > 0) {
                fields.put(keyOf(line), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        String dataFile = fields.get("elementdatafile");
        if (dataFile == null) {
            throw new InvalidInputException(path, "MetaImage header has no ElementDataFile line");
        }
        long ndimsValue = integer(path, fields, "ndims", null);
        int ndims = ndimsValue == 2 || ndimsValue == 3 ? (int) ndimsValue : -1;
        if (ndims != 2 && ndims != 3) {
            throw new InvalidInputException(path, "MetaImage NDims = " + ndimsValue + " (DimSize = " + fields.get("dimsize")
                    + "): Calcify reads 2D and 3D images only");
        }
        long[] dimSize = longs(path, fields, "dimsize", ndims);
        SizeBudget.elements(path, "MetaImage DimSize", dimSize);
        int[] size = {1, 1, 1};
        for (int i = 0; i < ndims; i++) {
            size[i] = (int) dimSize[i];
        }
        if (fields.containsKey("elementnumberofchannels") && integer(path, fields, "elementnumberofchannels", null) != 1) {
            throw new InvalidInputException(path, "MetaImage with ElementNumberOfChannels = "
                    + fields.get("elementnumberofchannels") + " (only 1 is supported)");
        }
        RawType type = elementType(path, fields.get("elementtype"));
        String msbKey = fields.containsKey("binarydatabyteordermsb") ? "binarydatabyteordermsb" : "elementbyteordermsb";
        ByteOrder order = bool(fields.get(msbKey)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean compressed = bool(fields.get("compresseddata"));

        List<String> warnings = new ArrayList<>();
        Geometry geometry = geometry(path, fields, ndims, size);
        int count = size[0] * size[1] * size[2];
        long bytes = SizeBudget.bytes(count, type.bytes());
        Object data = readData(path, header, fields, dataFile, type, order, compressed, count, bytes);

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "MetaImage");
        meta.put("source.dtype", type.numpyName());
        meta.put("metaimage.element_type", fields.get("elementtype"));
        meta.put("metaimage.element_data_file", dataFile);
        meta.put("metaimage.compressed", Boolean.toString(compressed));
        meta.put("metaimage.byte_order", order.toString().toLowerCase(Locale.ROOT));
        if (fields.containsKey("anatomicalorientation")) {
            meta.put("metaimage.anatomical_orientation", fields.get("anatomicalorientation"));
        }
        return Volume.of(geometry, type.memoryType(), data).withMetadata(meta).withWarnings(warnings);
    }

    private static Object readData(Path path, TextHeader header, Map<String, String> fields, String dataFile,
            RawType type, ByteOrder order, boolean compressed, int count, long bytes) throws IOException {
        Path file;
        long offset;
        if (dataFile.equalsIgnoreCase("LOCAL")) {
            file = path;
            offset = header.endOffset();
        } else {
            boolean exists = Files.isRegularFile(path.resolveSibling(dataFile));
            if (!exists && (dataFile.toUpperCase(Locale.ROOT).startsWith("LIST") || dataFile.contains("%")
                    || dataFile.contains(" "))) {
                throw new InvalidInputException(path, "MetaImage ElementDataFile '" + dataFile
                        + "' lists several files; only one data file is supported");
            }
            file = path.resolveSibling(dataFile);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(path, "MetaImage data file " + file + " is missing");
            }
            offset = fields.containsKey("headersize") ? integer(path, fields, "headersize", null) : 0;
        }
        long fileBytes = Files.size(file);
        if (offset == -1) {
            if (compressed) {
                throw new InvalidInputException(path, "HeaderSize = -1 cannot be used with CompressedData");
            }
            offset = fileBytes - bytes;
        }
        if (offset < 0) {
            throw new InvalidInputException(path, "MetaImage data file " + file.getFileName() + " holds "
                    + fileBytes + " bytes, fewer than the " + bytes + " the header needs");
        }
        long available = fileBytes - offset;
        if (compressed ? bytes > Compression.maxInflatedBytes(available) : bytes > available) {
            throw new InvalidInputException(file, "MetaImage data holds " + available + (compressed ? " compressed" : "")
                    + " bytes, fewer than the " + bytes + " the header needs (truncated?)");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            Compression.skipFully(raw, offset, file, "the voxel data");
            InputStream in = compressed ? SizeBudget.inflateLimit(Compression.inflateZlib(raw), bytes, file) : raw;
            return RawVoxelReader.read(in, type, order, count, file);
        }
    }

    private static Geometry geometry(Path path, Map<String, String> fields, int ndims, int[] size)
            throws InvalidInputException {
        double[] spacing = {1, 1, 1};
        String spacingKey = fields.containsKey("elementspacing") ? "elementspacing" : "elementsize";
        if (fields.containsKey(spacingKey)) {
            System.arraycopy(doubles(path, fields, spacingKey, ndims), 0, spacing, 0, ndims);
        }
        double[] origin = new double[3];
        for (String key : new String[] {"offset", "position", "origin"}) {
            if (fields.containsKey(key)) {
                System.arraycopy(doubles(path, fields, key, ndims), 0, origin, 0, ndims);
                break;
            }
        }
        double[] direction = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        for (String key : new String[] {"transformmatrix", "rotation", "orientation"}) {
            if (fields.containsKey(key)) {
                double[] m = doubles(path, fields, key, ndims * ndims);
                for (int axis = 0; axis < ndims; axis++) {
                    for (int c = 0; c < ndims; c++) {
                        direction[c * 3 + axis] = m[axis * ndims + c];
                    }
                }
                break;
            }
        }
        if (Math.abs(Matrix3.determinant(direction)) < 1e-6) {
            throw new InvalidInputException(path, "MetaImage TransformMatrix is singular");
        }
        try {
            return Geometry.of(size[0], size[1], size[2], spacing, origin, direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, "unusable MetaImage geometry: " + e.getMessage(), e);
        }
    }

    private static RawType elementType(Path path, String name) throws InvalidInputException {
        if (name == null) {
            throw new InvalidInputException(path, "MetaImage header has no ElementType");
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "MET_CHAR" -> RawType.INT8;
            case "MET_UCHAR" -> RawType.UINT8;
            case "MET_SHORT" -> RawType.INT16;
            case "MET_USHORT" -> RawType.UINT16;
            case "MET_INT", "MET_LONG" -> RawType.INT32;
            case "MET_UINT", "MET_ULONG" -> RawType.UINT32;
            case "MET_LONG_LONG" -> RawType.INT64;
            case "MET_ULONG_LONG" -> RawType.UINT64;
            case "MET_FLOAT" -> RawType.FLOAT32;
            case "MET_DOUBLE" -> RawType.FLOAT64;
            default -> throw new InvalidInputException(path, "unsupported MetaImage ElementType " + name);
        };
    }

    private static boolean bool(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    private static long integer(Path path, Map<String, String> fields, String key, Long fallback)
            throws InvalidInputException {
        String v = fields.get(key);
        if (v == null) {
            if (fallback != null) {
                return fallback;
            }
            throw new InvalidInputException(path, "MetaImage header has no " + key);
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(path, "MetaImage " + key + " '" + v + "' is not an integer");
        }
    }

    private static long[] longs(Path path, Map<String, String> fields, String key, int n) throws InvalidInputException {
        double[] d = doubles(path, fields, key, n);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new InvalidInputException(path, "MetaImage " + key + " '" + fields.get(key) + "' is not integers");
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    private static double[] doubles(Path path, Map<String, String> fields, String key, int n)
            throws InvalidInputException {
        String v = fields.get(key);
        if (v == null) {
            throw new InvalidInputException(path, "MetaImage header has no " + key);
        }
        String[] parts = v.trim().split("\\s+");
        if (parts.length < n) {
            throw new InvalidInputException(path, "MetaImage " + key + " '" + v + "' needs " + n + " numbers");
        }
        double[] out = new double[n];
        try {
            for (int i = 0; i < n; i++) {
                out[i] = Double.parseDouble(parts[i]);
                if (!Double.isFinite(out[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(path, "MetaImage " + key + " '" + v + "' holds a bad number");
        }
        return out;
    }
}
