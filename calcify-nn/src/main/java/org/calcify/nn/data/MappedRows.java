package org.calcify.nn.data;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NpyHeader;
import org.calcify.io.numpy.NpyReader;

/**
 * A uint8 {@code .npy} array of shape (rows, d1, d2[, d3]) in C order, memory-mapped (in segments of
 * under 2 GiB), never loaded whole. Rows are copied out on demand; safe for concurrent readers.
 */
final class MappedRows {
    private final Path file;
    private final long rows;
    private final int rowBytes;
    private final int[] rowShape;
    private final int rowsPerSegment;
    private final MappedByteBuffer[] segments;

    private MappedRows(Path file, long rows, int[] rowShape, int rowBytes, MappedByteBuffer[] segments, int rowsPerSegment) {
        this.file = file;
        this.rows = rows;
        this.rowShape = rowShape;
        this.rowBytes = rowBytes;
        this.segments = segments;
        this.rowsPerSegment = rowsPerSegment;
    }

    /** Maps {@code file}, which must be uint8 with {@code rowShape} per row. */
    static MappedRows open(Path file, int... rowShape) throws IOException {
        NpyHeader h = NpyReader.readHeader(file);
        long[] shape = h.shape();
        if (h.dtype().kind() != 'u' || h.dtype().itemBytes() != 1) {
            throw new InvalidInputException(file, "patches must be uint8, found " + h.dtype().numpyName());
        }
        if (h.fortranOrder()) {
            throw new InvalidInputException(file, "patches must be in C order (fortran_order is True)");
        }
        boolean ok = shape.length == rowShape.length + 1;
        for (int i = 0; ok && i < rowShape.length; i++) {
            ok = shape[i + 1] == rowShape[i];
        }
        if (!ok) {
            throw new InvalidInputException(file, "shape " + java.util.Arrays.toString(shape) + " is not (N" + shapeText(rowShape) + ")");
        }
        long rowLong = 1;
        for (int s : rowShape) {
            rowLong *= s;
        }
        if (rowLong <= 0 || rowLong > Integer.MAX_VALUE / 2) {
            throw new InvalidInputException(file, "patch of " + rowLong + " voxels is not supported");
        }
        int rowBytes = (int) rowLong;
        long rows = shape[0];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long need = h.dataOffset() + rows * rowBytes;
            if (rows > Long.MAX_VALUE / rowBytes || need > ch.size()) {
                throw new InvalidInputException(file, "header promises " + rows + " patches (" + need + " bytes) but the file has "
                        + ch.size() + " bytes (truncated?)");
            }
            int perSegment = Math.max(1, Integer.MAX_VALUE / rowBytes);
            int n = (int) ((rows + perSegment - 1) / perSegment);
            MappedByteBuffer[] seg = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long first = (long) i * perSegment;
                long count = Math.min(perSegment, rows - first);
                seg[i] = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + first * rowBytes, count * rowBytes);
            }
            return new MappedRows(file, rows, rowShape.clone(), rowBytes, seg, perSegment);
        }
    }

    private static String shapeText(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int v : s) {
            b.append(", ").append(v);
        }
        return b.toString();
    }

    long rows() {
        return rows;
    }

    int rowBytes() {
        return rowBytes;
    }

    Path file() {
        return file;
    }

    /** Copies row {@code row} into {@code dst} at {@code offset}. */
    void copy(long row, byte[] dst, int offset) {
        MappedByteBuffer seg = segments[(int) (row / rowsPerSegment)];
        int at = (int) (row % rowsPerSegment) * rowBytes;
        seg.get(at, dst, offset, rowBytes);
    }
}
