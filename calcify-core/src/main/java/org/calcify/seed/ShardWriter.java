package org.calcify.seed;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.calcify.io.numpy.NpyWriter;
import org.calcify.io.numpy.NumpyDtype;
import org.calcify.patch.PatchShape;

/**
 * Writes one fold's patches as shards: {@code axial.npy} (N x sy x sx uint8), {@code sagittal.npy}
 * (N x sz x sy), {@code coronal.npy} (N x sz x sx), {@code emr.npy} (N x 7 float64), {@code labels.npy}
 * (N int64) and {@code index.csv} (scan, z, y, x, answer, row). Rows are appended in order; every file
 * is written under a {@code .part} name and all are renamed only by {@link #commit()}, so a killed job
 * leaves no file that looks complete. The {@code .npy} files load with {@code numpy.load(mmap_mode='r')}.
 */
public final class ShardWriter implements Closeable {
    /** The files of a complete shard set. */
    public static final List<String> FILES = List.of("axial.npy", "sagittal.npy", "coronal.npy", "emr.npy", "labels.npy", "index.csv");

    private final Path dir;
    private final long rows;
    private final PatchShape shape;
    private final List<OutputStream> npy = new ArrayList<>();
    private final BufferedWriter index;
    private long written;
    private boolean committed;

    public ShardWriter(Path dir, long rows, PatchShape shape) throws IOException {
        this.dir = dir;
        this.rows = rows;
        this.shape = shape;
        Files.createDirectories(dir);
        NumpyDtype u1 = NumpyDtype.of(org.calcify.volume.DataType.UINT8);
        NumpyDtype f8 = NumpyDtype.of(org.calcify.volume.DataType.FLOAT64);
        NumpyDtype i8 = NumpyDtype.of(org.calcify.volume.DataType.INT64);
        open("axial.npy", NpyWriter.header(u1, new long[] {rows, shape.sizeY(), shape.sizeX()}));
        open("sagittal.npy", NpyWriter.header(u1, new long[] {rows, shape.sizeZ(), shape.sizeY()}));
        open("coronal.npy", NpyWriter.header(u1, new long[] {rows, shape.sizeZ(), shape.sizeX()}));
        open("emr.npy", NpyWriter.header(f8, new long[] {rows, EmrFeatures.count()}));
        open("labels.npy", NpyWriter.header(i8, new long[] {rows}));
        index = Files.newBufferedWriter(part("index.csv"), StandardCharsets.UTF_8);
        index.write("scan,z,y,x,answer,row\n");
    }

    private Path part(String name) {
        return dir.resolve(name + ".part");
    }

    private void open(String name, byte[] header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(part(name)), 1 << 20);
        npy.add(out);
        out.write(header);
    }

    /** True when every file of a committed shard set is present in {@code dir}. */
    public static boolean isComplete(Path dir) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** Appends one row. */
    public void append(byte[] axial, int axialOffset, byte[] sagittal, int sagittalOffset, byte[] coronal, int coronalOffset,
                       double[] emr, long label, int scan, int z, int y, int x, String answerText) throws IOException {
        if (written == rows) {
            throw new IllegalStateException("all " + rows + " rows already written");
        }
        npy.get(0).write(axial, axialOffset, shape.axialLength());
        npy.get(1).write(sagittal, sagittalOffset, shape.sagittalLength());
        npy.get(2).write(coronal, coronalOffset, shape.coronalLength());
        ByteBuffer b = ByteBuffer.allocate(8 * emr.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(emr);
        npy.get(3).write(b.array());
        ByteBuffer l = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, label);
        npy.get(4).write(l.array());
        index.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%s,%d%n", scan, z, y, x, answerText, written));
        written++;
    }

    /** Closes the files and renames them into place; fails if fewer rows than announced were written. */
    public void commit() throws IOException {
        if (written != rows) {
            throw new IllegalStateException("wrote " + written + " of " + rows + " rows");
        }
        closeStreams();
        for (String f : FILES) {
            Files.move(part(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
        } catch (IOException e) {
            first = first == null ? e : first;
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
                for (String f : FILES) {
                    Files.deleteIfExists(part(f));
                }
            }
        }
    }
}
