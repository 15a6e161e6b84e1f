package org.calcify.patch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.joblib.JoblibReader;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NpyHeader;
import org.calcify.io.numpy.NpyReader;

/**
 * Loads tri-planar patches back from what Calcify writes: a seed-extract {@code .pkl}
 * ({@code [axial, sagittal, coronal, emr, answer]}) or one row of a shard folder (axial/sagittal/coronal.npy,
 * or cube.npy, whose central sections are taken). Shard rows are read with a seek, not by loading the shard.
 */
public final class PatchFiles {
    private PatchFiles() {
    }

    /** A patch and its label (the pkl's answer or the shard's labels.npy entry; null when unknown). */
    public record LoadedPatch(TriplanarPatch patch, Long label) {
    }

    public static LoadedPatch readPkl(Path file) throws IOException {
        Object o = JoblibReader.load(file);
        if (!(o instanceof List<?> list) || list.size() < 3 || !(list.get(0) instanceof NdArray a)
                || !(list.get(1) instanceof NdArray s) || !(list.get(2) instanceof NdArray c)) {
            throw new InvalidInputException(file, "not a patch file: expected a list [axial, sagittal, coronal, ...] of arrays");
        }
        if (a.ndim() != 2 || s.ndim() != 2 || c.ndim() != 2 || a.dtype().itemBytes() != 1 || s.dtype().itemBytes() != 1 || c.dtype().itemBytes() != 1) {
            throw new InvalidInputException(file, "patch planes must be 2D uint8 arrays, got " + a.shapeText() + ", " + s.shapeText() + ", " + c.shapeText());
        }
        int sy = a.shape()[0];
        int sx = a.shape()[1];
        int sz = s.shape()[0];
        if (sy % 2 == 0 || sx % 2 == 0 || sz % 2 == 0 || s.shape()[1] != sy || c.shape()[0] != sz || c.shape()[1] != sx) {
            throw new InvalidInputException(file, "inconsistent plane shapes " + a.shapeText() + ", " + s.shapeText() + ", " + c.shapeText());
        }
        Long label = list.size() >= 5 && list.get(4) instanceof Number n ? n.longValue() : null;
        return new LoadedPatch(new TriplanarPatch(PatchShape.ofSizes(sz, sy, sx), (byte[]) a.data(), (byte[]) s.data(), (byte[]) c.data()), label);
    }

    /** Row {@code row} of a shard folder. */
    public static LoadedPatch readShardRow(Path dir, long row) throws IOException {
        Long label = null;
        Path labels = dir.resolve("labels.npy");
        if (Files.isRegularFile(labels)) {
            byte[] b = rowBytes(labels, row, 0);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (b[i] & 0xFF);
            }
            label = v;
        }
        if (Files.isRegularFile(dir.resolve("axial.npy"))) {
            NpyHeader ha = NpyReader.readHeader(dir.resolve("axial.npy"));
            NpyHeader hs = NpyReader.readHeader(dir.resolve("sagittal.npy"));
            PatchShape shape = PatchShape.ofSizes((int) hs.shape()[1], (int) ha.shape()[1], (int) ha.shape()[2]);
            return new LoadedPatch(new TriplanarPatch(shape, rowBytes(dir.resolve("axial.npy"), row, 2),
                    rowBytes(dir.resolve("sagittal.npy"), row, 2), rowBytes(dir.resolve("coronal.npy"), row, 2)), label);
        }
        Path cube = dir.resolve("cube.npy");
        if (!Files.isRegularFile(cube)) {
            throw new InvalidInputException(dir, "not a shard folder (no axial.npy or cube.npy)");
        }
        NpyHeader h = NpyReader.readHeader(cube);
        PatchShape shape = PatchShape.ofSizes((int) h.shape()[1], (int) h.shape()[2], (int) h.shape()[3]);
        byte[] k = rowBytes(cube, row, 3);
        byte[] vol = k;
        PatchSource src = PatchSource.of(vol, shape.sizeZ(), shape.sizeY(), shape.sizeX());
        return new LoadedPatch(new TriplanarExtractor(shape).extract(src, shape.halfZ(), shape.halfY(), shape.halfX()), label);
    }

    /** The bytes of one row of an {@code .npy} whose rows have {@code rowDims} trailing dimensions. */
    private static byte[] rowBytes(Path npy, long row, int rowDims) throws IOException {
        NpyHeader h = NpyReader.readHeader(npy);
        long[] shape = h.shape();
        if (shape.length != rowDims + 1 || h.fortranOrder()) {
            throw new InvalidInputException(npy, "expected a C-order array of rank " + (rowDims + 1));
        }
        if (row < 0 || row >= shape[0]) {
            throw new InvalidInputException(npy, "row " + row + " is out of range (" + shape[0] + " rows)");
        }
        long len = h.dtype().itemBytes();
        for (int i = 1; i < shape.length; i++) {
            len *= shape[i];
        }
        long offset = h.dataOffset() + row * len;
        try (RandomAccessFile f = new RandomAccessFile(npy.toFile(), "r")) {
            if (offset + len > f.length()) {
                throw new InvalidInputException(npy, "file is truncated");
            }
            byte[] b = new byte[(int) len];
            f.seek(offset);
            f.readFully(b);
            return b;
        }
    }
}
