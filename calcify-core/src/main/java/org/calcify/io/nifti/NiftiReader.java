package org.calcify.io.nifti;

import java.io.IOException;
import java.io.InputStream;
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
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Reads NIfTI-1 and NIfTI-2 images: single files ({@code .nii}, gzipped or not, detected by the
 * gzip magic bytes) and header/image pairs ({@code .hdr}/{@code .img}), either byte order.
 * The stored array (i fastest) is our (z, y, x) C-order array with x = i, y = j, z = k.
 * Geometry: see {@link NiftiGeometry}; scaling: see {@link NiftiScaling}, applied when
 * {@code scl_slope} is finite, nonzero and not (1, 0).
 */
final class NiftiReader {
    private NiftiReader() {
    }

    static Volume read(Path path) throws IOException {
        Path headerFile = path;
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".img") || name.endsWith(".img.gz")) {
            headerFile = sibling(path, name.endsWith(".gz") ? ".img.gz" : ".img", ".hdr");
        }
        NiftiHeader header;
        try (InputStream in = Compression.openMaybeGzip(headerFile)) {
            header = readHeader(in, headerFile);
            if (header.singleFile()) {
                if (header.voxOffset() < header.size()) {
                    throw new InvalidInputException(headerFile, "vox_offset " + header.voxOffset()
                            + " lies inside the " + header.size() + "-byte header");
                }
                return readVoxels(header, in, headerFile, header.voxOffset() - header.size(), header.voxOffset());
            }
        }
        Path imageFile = name.endsWith(".hdr") || name.endsWith(".hdr.gz")
                ? sibling(headerFile, name.endsWith(".gz") ? ".hdr.gz" : ".hdr", ".img") : path;
        if (header.voxOffset() < 0) {
            throw new InvalidInputException(headerFile, "negative vox_offset " + header.voxOffset());
        }
        try (InputStream in = Compression.openMaybeGzip(imageFile)) {
            return readVoxels(header, in, imageFile, header.voxOffset(), header.voxOffset());
        }
    }

    /** The file next to {@code path} with {@code suffix} replaced by {@code replacement} (gzipped variant tried too). */
    private static Path sibling(Path path, String suffix, String replacement) throws InvalidInputException {
        String fileName = path.getFileName().toString();
        String stem = fileName.substring(0, fileName.length() - suffix.length());
        for (String candidate : new String[] {replacement, replacement.toUpperCase(Locale.ROOT),
                replacement + ".gz"}) {
            Path p = path.resolveSibling(stem + candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidInputException(path, "NIfTI pair is missing its " + replacement + " file");
    }

    static NiftiHeader readHeader(InputStream in, Path file) throws IOException {
        byte[] first = Compression.readUpTo(in, 4, file);
        if (NiftiHeader.orderOf(first) == null) {
            throw new InvalidInputException(file, first.length < 4 ? "NIfTI header truncated: " + first.length
                    + " bytes" : "not a NIfTI file (sizeof_hdr is neither 348 nor 540 in either byte order)");
        }
        int size = java.nio.ByteBuffer.wrap(first).order(NiftiHeader.orderOf(first)).getInt();
        byte[] rest = Compression.readUpTo(in, size - 4, file);
        byte[] head = new byte[4 + rest.length];
        System.arraycopy(first, 0, head, 0, 4);
        System.arraycopy(rest, 0, head, 4, rest.length);
        return NiftiHeader.parse(head, file);
    }

    private static Volume readVoxels(NiftiHeader h, InputStream in, Path file, long skip, long dataOffset)
            throws IOException {
        int[] size = checkedSize(h, file);
        RawType type = NiftiDatatype.rawType(h.datatype(), file);
        int count = size[0] * size[1] * size[2];
        long bytes = SizeBudget.bytes(count, type.bytes());
        long fileBytes = Files.size(file);
        boolean gzip = Compression.isGzip(file);
        if (dataOffset < 0 || dataOffset > Long.MAX_VALUE - bytes) {
            throw new InvalidInputException(file, "vox_offset " + dataOffset + " is not usable");
        }
        if (gzip) {
            if (dataOffset > Compression.maxInflatedBytes(fileBytes) - bytes) {
                throw new InvalidInputException(file, "header promises " + bytes + " bytes of voxels at vox_offset "
                        + dataOffset + ", more than " + fileBytes + " compressed bytes can hold");
            }
            // the stream, already past the header, inflates to what the header states and no further
            in = SizeBudget.inflateLimit(in, skip + bytes, file);
        } else if (dataOffset > fileBytes - bytes) {
            throw new InvalidInputException(file, "file is " + fileBytes + " bytes but the header needs "
                    + bytes + " bytes of voxels from vox_offset " + dataOffset + " (truncated?)");
        }
        boolean scaled = Double.isFinite(h.sclSlope()) && h.sclSlope() != 0
                && !(h.sclSlope() == 1 && h.sclInter() == 0);
        // the stored voxels, and when scaled a second array of at most 8 bytes a voxel
        SizeBudget.fitsHeap(file, SizeBudget.bytes(count, type.memoryType().bytes()) + (scaled ? SizeBudget.bytes(count, 8) : 0));
        Compression.skipFully(in, skip, file, "the voxel data at vox_offset " + dataOffset);
        Object stored = RawVoxelReader.read(in, type, h.order(), count, file);
        DataType dataType = type.memoryType();
        Object data = stored;
        if (scaled) {
            if (!Double.isFinite(h.sclInter())) {
                throw new InvalidInputException(file, "valid scl_slope but non-finite scl_inter " + h.sclInter());
            }
            Object[] result;
            try {
                result = NiftiScaling.apply(stored, dataType, count, h.sclSlope(), h.sclInter());
            } catch (OutOfMemoryError e) {
                throw new InvalidInputException(file, "scaled voxels do not fit in the Java heap (raise it with CALCIFY_JAVA_OPTS=-Xmx...)");
            }
            dataType = (DataType) result[0];
            data = result[1];
        }
        List<String> warnings = new ArrayList<>();
        Geometry geometry = NiftiGeometry.toGeometry(NiftiGeometry.bestAffineRas(h), size[0], size[1], size[2],
                h.spatialUnitMm(), warnings, file);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "NIfTI-" + h.version());
        meta.put("source.dtype", type.numpyName());
        meta.put("nifti.byte_order", h.order().toString().toLowerCase(Locale.ROOT));
        meta.put("nifti.sform_code", Integer.toString(h.sformCode()));
        meta.put("nifti.qform_code", Integer.toString(h.qformCode()));
        meta.put("nifti.geometry_from", NiftiGeometry.source(h));
        meta.put("nifti.descrip", h.descrip());
        meta.put("nifti.scl_slope", Double.toString(h.sclSlope()));
        meta.put("nifti.scl_inter", Double.toString(h.sclInter()));
        meta.put("nifti.xyzt_units", h.xyztUnits() + " (space " + h.spatialUnitName() + ")");
        meta.put("nifti.vox_offset", Long.toString(h.voxOffset()));
        return Volume.of(geometry, dataType, data).withMetadata(meta).withWarnings(warnings);
    }

    /** (x, y, z) sizes after checking dim[]: 1..3 spatial axes; a 4th or higher axis longer than 1 is refused. */
    private static int[] checkedSize(NiftiHeader h, Path file) throws InvalidInputException {
        long[] dim = h.dim();
        long ndim = dim[0];
        if (ndim < 1 || ndim > 7) {
            throw new InvalidInputException(file, "NIfTI dim[0] is " + ndim + ", expected 1 to 7");
        }
        StringBuilder shape = new StringBuilder();
        boolean extraAxes = false;
        for (int i = 1; i <= ndim; i++) {
            if (dim[i] < 1) {
                throw new InvalidInputException(file, "NIfTI dim[" + i + "] is " + dim[i] + " (must be at least 1)");
            }
            shape.append(i > 1 ? ", " : "").append(dim[i]);
            extraAxes |= i > 3 && dim[i] > 1;
        }
        if (extraAxes) {
            throw new InvalidInputException(file, ndim + "D image of shape (" + shape
                    + "): Calcify reads 3D volumes only (split the 4th dimension first)");
        }
        long x = dim[1];
        long y = ndim >= 2 ? dim[2] : 1;
        long z = ndim >= 3 ? dim[3] : 1;
        SizeBudget.elements(file, "NIfTI dim[1..3]", x, y, z);
        return new int[] {(int) x, (int) y, (int) z};
    }
}
