package org.calcify.io.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.calcify.io.InvalidInputException;

/**
 * Reads {@code .npy} files (format 1.0, 2.0, 3.0): the header by a literal parser, the elements with bulk
 * reads from the file channel straight into the target primitive array.
 */
public final class NpyReader {
    private NpyReader() {
    }

    /** Reads only the header of a {@code .npy} file. */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return NpyHeader.read(file, Channels.newInputStream(ch), ch.size());
        }
    }

    /** Reads the whole array of a {@code .npy} file, in C order. */
    public static NdArray read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            NpyHeader header = NpyHeader.read(file, Channels.newInputStream(ch), size);
            ch.position(header.dataOffset());
            return NdArrayReader.read(file, header.dtype(), header.shape(), header.fortranOrder(),
                    NdArrayReader.of(ch), size - header.dataOffset());
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(file, "corrupt .npy file: " + e, e);
        }
    }

    /**
     * Reads a {@code .npy} array from a stream (an {@code .npz} member).
     *
     * @param file     the file named in errors
     * @param maxBytes most bytes the stream can deliver (bounds every allocation)
     */
    public static NdArray read(Path file, InputStream in, long maxBytes) throws IOException {
        NpyHeader header = NpyHeader.read(file, in, maxBytes);
        return NdArrayReader.read(file, header.dtype(), header.shape(), header.fortranOrder(),
                NdArrayReader.of(in), maxBytes - header.dataOffset());
    }

    /** Reads a {@code .npy} header from a stream. */
    static NpyHeader readHeader(Path file, InputStream in, long maxBytes) throws IOException {
        return NpyHeader.read(file, in, maxBytes);
    }
}
