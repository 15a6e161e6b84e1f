package org.calcify.seed;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.numpy.NpyWriter;
import org.calcify.io.text.CsvTable;
import org.calcify.io.numpy.NumpyDtype;
import org.calcify.volume.DataType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SequenceWriter;

/**
 * Writes patches as shards: one {@code .npy} per array (N x plane shape, uint8; optionally N x k
 * float64 EMR; N int64 labels) and {@code index.csv}. Rows are appended in order; every file is
 * written under a temporary name ({@code .NAME.PID-RANDOM.part}, which {@link AtomicOutput#removeLeftovers}
 * removes once the process is gone) and all are renamed only by {@link #commit()}, so a killed job
 * leaves no file that looks complete. The {@code .npy} files load with
 * {@code numpy.load(mmap_mode='r')}.
 */
public final class ShardWriter implements Closeable {
    /** One uint8 patch array: file name and the shape of one row. */
    public record Plane(String file, int... rowShape) {
        int rowLength() {
            int n = 1;
            for (int s : rowShape) {
                n *= s;
            }
            return n;
        }
    }

    private final Path dir;
    private final long rows;
    private final List<Plane> planes;
    private final int emrColumns;
    private final List<String> files = new ArrayList<>();
    private final java.util.Map<String, Path> parts = new java.util.HashMap<>();
    private final List<OutputStream> npy = new ArrayList<>();
    private final int indexColumns;
    private final SequenceWriter index;
    private long written;
    private boolean committed;

    /**
     * @param emrColumns number of float64 EMR features per row, 0 for none
     * @param indexColumns the columns of index.csv before {@code row} (e.g. scan, z, y, x, label); each {@link #append}
     *                     call passes the row's values of these
     */
    public ShardWriter(Path dir, long rows, List<Plane> planes, int emrColumns, List<String> indexColumns) throws IOException {
        this.dir = dir;
        this.rows = rows;
        this.planes = List.copyOf(planes);
        this.emrColumns = emrColumns;
        Files.createDirectories(dir);
        NumpyDtype u1 = NumpyDtype.of(DataType.UINT8);
        for (Plane p : planes) {
            long[] shape = new long[p.rowShape().length + 1];
            shape[0] = rows;
            for (int i = 0; i < p.rowShape().length; i++) {
                shape[i + 1] = p.rowShape()[i];
            }
            open(p.file(), NpyWriter.header(u1, shape));
        }
        if (emrColumns > 0) {
            open("emr.npy", NpyWriter.header(NumpyDtype.of(DataType.FLOAT64), new long[] {rows, emrColumns}));
        }
        open("labels.npy", NpyWriter.header(NumpyDtype.of(DataType.INT64), new long[] {rows}));
        files.add("index.csv");
        List<String> header = new ArrayList<>(indexColumns);
        header.add("row");
        this.indexColumns = indexColumns.size();
        index = CsvTable.rowWriter(Files.newBufferedWriter(part("index.csv"), StandardCharsets.UTF_8), header);
    }

    /** The temporary file of {@code name}, made on first use (named as {@link AtomicOutput} names its own). */
    private Path part(String name) throws IOException {
        Path p = parts.get(name);
        if (p == null) {
            p = AtomicOutput.temporaryFor(dir.resolve(name));
            parts.put(name, p);
        }
        return p;
    }

    private void open(String name, byte[] header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(part(name)), 1 << 20);
        npy.add(out);
        files.add(name);
        out.write(header);
    }

    /** True when {@code dir} holds a committed shard set (its index.csv is written last). */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve("index.csv")) && Files.isRegularFile(dir.resolve("labels.npy"));
    }

    /**
     * Appends one row: the planes' data (in constructor order) from {@code data[i]} at {@code offsets[i]},
     * its EMR features (or null), label and its values in index.csv (one per index column; the row number is added).
     */
    public void append(byte[][] data, int[] offsets, double[] emr, long label, List<?> indexFields) throws IOException {
        if (written == rows) {
            throw new IllegalStateException("all " + rows + " rows already written");
        }
        if (indexFields.size() != indexColumns) {
            throw new IllegalArgumentException(indexFields.size() + " index fields for " + indexColumns + " index columns");
        }
        for (int i = 0; i < planes.size(); i++) {
            npy.get(i).write(data[i], offsets[i], planes.get(i).rowLength());
        }
        int k = planes.size();
        if (emrColumns > 0) {
            ByteBuffer b = ByteBuffer.allocate(8 * emrColumns).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(emr, 0, emrColumns);
            npy.get(k++).write(b.array());
        }
        npy.get(k).write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, label).array());
        List<Object> fields = new ArrayList<>(indexFields);
        fields.add(written);
        try {
            index.write(fields);
        } catch (JacksonException e) {
            throw new IOException(parts.get("index.csv") + ": " + e.getOriginalMessage(), e);
        }
        written++;
    }

    /** Closes the files and renames them into place (index.csv last); fails if rows are missing. */
    public void commit() throws IOException {
        if (written != rows) {
            throw new IllegalStateException("wrote " + written + " of " + rows + " rows");
        }
        closeStreams();
        for (String f : files) {
            AtomicOutput.moveIntoPlace(part(f), dir.resolve(f));
        }
        committed = true;
    }

    private void closeStreams() throws IOException {
        IOException first = null;
        for (OutputStream o : npy) {
            try {
                o.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        try {
            index.close();
        } catch (JacksonException e) {
            first = first == null ? new IOException(e) : first;
        }
        if (first != null) {
            throw first;
        }
    }

    /** Without {@link #commit()}, removes the partial files. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                closeStreams();
            } finally {
                for (Path p : parts.values()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
