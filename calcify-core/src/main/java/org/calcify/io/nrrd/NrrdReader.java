package org.calcify.io.nrrd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;
import org.calcify.io.raw.Compression;
import org.calcify.io.raw.RawType;
import org.calcify.io.raw.RawVoxelReader;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Matrix3;
import org.calcify.volume.Volume;

/**
 * Reads NRRD ({@code .nrrd} with attached data, {@code .nhdr} with a detached data file) of
 * dimension 2 or 3, encodings raw, gzip and ascii. The first NRRD axis (fastest) is our x.
 * Geometry: {@code space directions} (vectors include the spacing) and {@code space origin},
 * converted to LPS: "right-anterior-superior" flips x and y, "left-anterior-superior" flips y;
 * LPS and "scanner-xyz" (DICOM's frame) are kept. Without space directions, {@code spacings} with
 * an identity direction and origin 0.
 */
final class NrrdReader {
    private static final Pattern VECTOR = Pattern.compile("\\(([^)]*)\\)|none");

    private NrrdReader() {
    }

    static Volume read(Path path) throws IOException {
        NrrdHeader h = NrrdHeader.read(path);
        RawType type = type(path, h.require(path, "type"));
        int dimension = parseInt(path, "dimension", h.require(path, "dimension"));
        String[] sizeText = h.require(path, "sizes").trim().split("\\s+");
        if (dimension != 2 && dimension != 3 || sizeText.length != dimension) {
            throw new InvalidInputException(path, "NRRD of dimension " + dimension + " with sizes ("
                    + String.join(", ", sizeText) + "): Calcify reads 2D and 3D images only");
        }
        int[] size = {1, 1, 1};
        long[] sizes = new long[dimension];
        for (int i = 0; i < dimension; i++) {
            sizes[i] = parseLong(path, "sizes", sizeText[i]);
        }
        int count = SizeBudget.elements(path, "NRRD sizes", sizes);
        for (int i = 0; i < dimension; i++) {
            size[i] = (int) sizes[i];
        }
        List<String> warnings = new ArrayList<>();
        Geometry geometry = geometry(path, h, dimension, size, warnings);
        Object data = readData(path, h, type, count);

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "NRRD");
        meta.put("source.dtype", type.numpyName());
        meta.put("nrrd.encoding", h.get("encoding"));
        if (h.get("space") != null) {
            meta.put("nrrd.space", h.get("space"));
        }
        if (h.get("data file") != null) {
            meta.put("nrrd.data_file", h.get("data file"));
        }
        h.keyValues().forEach((k, v) -> meta.put("nrrd." + k, v));
        return Volume.of(geometry, type.memoryType(), data).withMetadata(meta).withWarnings(warnings);
    }

    private static Object readData(Path path, NrrdHeader h, RawType type, int count) throws IOException {
        String encoding = h.require(path, "encoding").toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("gz");
        boolean ascii = encoding.equals("ascii") || encoding.equals("text") || encoding.equals("txt");
        if (!gzip && !ascii && !encoding.equals("raw")) {
            throw new InvalidInputException(path, "unsupported NRRD encoding '" + encoding + "' (raw, gzip and ascii are read)");
        }
        String endian = h.get("endian");
        ByteOrder order = endian != null && endian.equalsIgnoreCase("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path file = path;
        long offset = h.dataOffset();
        String dataFile = h.get("data file");
        if (dataFile != null) {
            boolean exists = Files.isRegularFile(path.resolveSibling(dataFile));
            if (!exists && (dataFile.startsWith("LIST") || dataFile.contains("%") || dataFile.trim().contains(" "))) {
                throw new InvalidInputException(path, "NRRD data file '" + dataFile + "' lists several files; only one is supported");
            }
            file = path.resolveSibling(dataFile);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(path, "NRRD data file " + file + " is missing");
            }
            offset = 0;
        }
        long lineSkip = h.get("line skip") == null ? 0 : parseLong(path, "line skip", h.get("line skip"));
        long byteSkip = h.get("byte skip") == null ? 0 : parseLong(path, "byte skip", h.get("byte skip"));
        long fileBytes = Files.size(file);
        long bytes = SizeBudget.bytes(count, type.bytes());
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Compression.skipFully(raw, offset, file, "the NRRD data");
            for (long i = 0; i < lineSkip; i++) {
                int c;
                do {
                    c = raw.read();
                } while (c >= 0 && c != '\n');
                if (c < 0) {
                    throw new InvalidInputException(file, "NRRD line skip " + lineSkip + " runs past the end of the file");
                }
                offset = -2; // offset no longer known exactly; only raw byte skip -1 needs it
            }
            long available = fileBytes - Math.max(offset, 0);
            if (ascii) {
                if (count > available / 2 + 1) {
                    throw new InvalidInputException(file, "NRRD ascii data of " + available + " bytes cannot hold " + count + " values");
                }
                SizeBudget.fitsHeap(file, Math.multiplyExact(available, 2L)); // the text, then its characters
                Compression.skipFully(raw, Math.max(byteSkip, 0), file, "the NRRD data (byte skip)");
                return readAscii(raw, type, count, file);
            }
            if (gzip) {
                if (bytes + Math.max(byteSkip, 0) > Compression.maxInflatedBytes(available)) {
                    throw new InvalidInputException(file, "NRRD header promises " + bytes + " bytes of voxels, more than "
                            + available + " compressed bytes can hold");
                }
                if (byteSkip < 0) {
                    throw new InvalidInputException(file, "NRRD byte skip -1 cannot be used with gzip encoding");
                }
                InputStream in = SizeBudget.inflateLimit(Compression.gunzip(raw, file), byteSkip + bytes, file);
                Compression.skipFully(in, byteSkip, file, "the NRRD data (byte skip)");
                return RawVoxelReader.read(in, type, order, count, file);
            }
            if (byteSkip == -1) {
                if (offset < 0) {
                    throw new InvalidInputException(file, "NRRD byte skip -1 cannot be combined with line skip");
                }
                byteSkip = available - bytes;
                if (byteSkip < 0) {
                    throw new InvalidInputException(file, "NRRD data holds " + available + " bytes, fewer than the "
                            + bytes + " the header needs (truncated?)");
                }
            } else if (byteSkip < 0) {
                throw new InvalidInputException(file, "NRRD byte skip " + byteSkip + " is invalid");
            }
            if (offset >= 0 && byteSkip + bytes > available) {
                throw new InvalidInputException(file, "NRRD data holds " + available + " bytes, fewer than the "
                        + (byteSkip + bytes) + " the header needs (truncated?)");
            }
            Compression.skipFully(raw, byteSkip, file, "the NRRD data (byte skip)");
            return RawVoxelReader.read(raw, type, order, count, file);
        }
    }

    private static Object readAscii(InputStream in, RawType type, int count, Path file) throws IOException {
        DataType target = type.memoryType();
        Object out = SizeBudget.allocate(file, target, count);
        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        int pos = 0;
        int n = text.length();
        for (int i = 0; i < count; i++) {
            while (pos < n && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
                pos++;
            }
            int start = pos;
            while (pos < n && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ',') {
                pos++;
            }
            if (start == pos) {
                throw new InvalidInputException(file, "NRRD ascii data ends after " + i + " of " + count + " values");
            }
            double v;
            long exact = 0;
            try {
                String token = text.substring(start, pos);
                v = Double.parseDouble(token);
                if (type == RawType.INT64) {
                    exact = token.matches("[+-]?\\d+") ? Long.parseLong(token) : (long) v;
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file, "NRRD ascii value '" + text.substring(start, Math.min(pos, start + 30))
                        + "' is not a number");
            }
            switch (target) {
                case UINT8 -> ((byte[]) out)[i] = (byte) v;
                case INT16 -> ((short[]) out)[i] = (short) v;
                case INT32 -> ((int[]) out)[i] = (int) v;
                case INT64 -> ((long[]) out)[i] = type == RawType.INT64 ? exact : (long) v;
                case FLOAT32 -> ((float[]) out)[i] = (float) v;
                case FLOAT64 -> ((double[]) out)[i] = v;
            }
        }
        return out;
    }

    private static Geometry geometry(Path path, NrrdHeader h, int dimension, int[] size, List<String> warnings)
            throws InvalidInputException {
        double[] spacing = {1, 1, 1};
        double[] origin = new double[3];
        double[] direction = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        String directions = h.get("space directions");
        if (directions != null) {
            double[] flip = spaceFlip(path, h, warnings);
            Matcher m = VECTOR.matcher(directions);
            double[][] columns = new double[3][];
            int axis = 0;
            while (m.find()) {
                if (axis >= dimension) {
                    throw new InvalidInputException(path, "NRRD space directions has more vectors than dimension " + dimension);
                }
                if (m.group(1) == null) {
                    throw new InvalidInputException(path, "NRRD axis " + axis + " has no space direction ('none'), sizes "
                            + h.get("sizes") + ": Calcify reads spatial 2D/3D images only");
                }
                double[] v = vector(path, "space directions", m.group(1), 3);
                for (int r = 0; r < 3; r++) {
                    v[r] *= flip[r];
                }
                double norm = Math.sqrt(Matrix3.dot(v, v));
                if (norm == 0) {
                    throw new InvalidInputException(path, "NRRD space direction of axis " + axis + " is zero");
                }
                spacing[axis] = norm;
                columns[axis] = new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
                axis++;
            }
            if (axis != dimension) {
                throw new InvalidInputException(path, "NRRD space directions has " + axis + " vectors for dimension " + dimension);
            }
            if (dimension == 2) {
                double[] normal = Matrix3.cross(columns[0], columns[1]);
                if (Math.sqrt(Matrix3.dot(normal, normal)) < 1e-6) {
                    throw new InvalidInputException(path, "NRRD space directions are parallel");
                }
                columns[2] = Matrix3.normalize(normal);
            }
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    direction[r * 3 + c] = columns[c][r];
                }
            }
            if (h.get("space origin") != null) {
                Matcher o = VECTOR.matcher(h.get("space origin"));
                if (!o.find() || o.group(1) == null) {
                    throw new InvalidInputException(path, "bad NRRD space origin '" + h.get("space origin") + "'");
                }
                origin = vector(path, "space origin", o.group(1), 3);
                for (int r = 0; r < 3; r++) {
                    origin[r] *= flip[r];
                }
            }
        } else if (h.get("spacings") != null) {
            String[] parts = h.get("spacings").trim().split("\\s+");
            for (int i = 0; i < Math.min(dimension, parts.length); i++) {
                double s = parts[i].equalsIgnoreCase("nan") ? 1 : parseDouble(path, "spacings", parts[i]);
                spacing[i] = Math.abs(s);
            }
            warnings.add("NRRD has no space directions; assumed identity direction and origin 0");
        }
        if (Math.abs(Matrix3.determinant(direction)) < 1e-6) {
            throw new InvalidInputException(path, "NRRD space directions are parallel");
        }
        try {
            return Geometry.of(size[0], size[1], size[2], spacing, origin, direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, "unusable NRRD geometry: " + e.getMessage(), e);
        }
    }

    /** Factors taking the header's space to LPS. */
    private static double[] spaceFlip(Path path, NrrdHeader h, List<String> warnings) throws InvalidInputException {
        String space = h.get("space");
        if (space == null) {
            warnings.add("NRRD has no 'space' field; space directions taken as LPS");
            return new double[] {1, 1, 1};
        }
        return switch (space.toLowerCase(Locale.ROOT)) {
            case "left-posterior-superior", "lps", "scanner-xyz" -> new double[] {1, 1, 1};
            case "right-anterior-superior", "ras" -> new double[] {-1, -1, 1};
            case "left-anterior-superior", "las" -> new double[] {1, -1, 1};
            case "3d-right-handed", "3d-left-handed" -> {
                warnings.add("NRRD space '" + space + "' has no patient frame; taken as LPS");
                yield new double[] {1, 1, 1};
            }
            default -> throw new InvalidInputException(path, "unsupported NRRD space '" + space + "'");
        };
    }

    private static RawType type(Path path, String name) throws InvalidInputException {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "signed char", "int8", "int8_t" -> RawType.INT8;
            case "uchar", "unsigned char", "uint8", "uint8_t" -> RawType.UINT8;
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> RawType.INT16;
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> RawType.UINT16;
            case "int", "signed int", "int32", "int32_t" -> RawType.INT32;
            case "uint", "unsigned int", "uint32", "uint32_t" -> RawType.UINT32;
            case "longlong", "long long", "long long int", "signed long long", "signed long long int", "int64",
                    "int64_t" -> RawType.INT64;
            case "ulonglong", "unsigned long long", "unsigned long long int", "uint64", "uint64_t" -> RawType.UINT64;
            case "float" -> RawType.FLOAT32;
            case "double" -> RawType.FLOAT64;
            default -> throw new InvalidInputException(path, "unsupported NRRD type '" + name + "'");
        };
    }

    private static double[] vector(Path path, String field, String text, int n) throws InvalidInputException {
        String[] parts = text.split(",");
        if (parts.length != n) {
            throw new InvalidInputException(path, "NRRD " + field + " vector (" + text + ") needs " + n + " numbers");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = parseDouble(path, field, parts[i].trim());
        }
        return v;
    }

    private static double parseDouble(Path path, String field, String s) throws InvalidInputException {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(path, "NRRD " + field + " holds a bad number '" + s + "'");
    }

    private static long parseLong(Path path, String field, String s) throws InvalidInputException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(path, "NRRD " + field + " '" + s + "' is not an integer");
        }
    }

    private static int parseInt(Path path, String field, String s) throws InvalidInputException {
        long v = parseLong(path, field, s);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
