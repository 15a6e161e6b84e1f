package org.calcify.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.calcify.volume.Volume;

/**
 * One file format Calcify reads (and maybe writes). {@link VolumeIO} asks each registered format
 * whether it recognises a path, by content sniffing first and by extension second.
 */
public interface VolumeFormat {

    /** Short name shown by {@code calcify info} ("DICOM", "NIfTI-1", ...). */
    String name();

    /**
     * True if {@code path} (a file or, for DICOM, a folder) looks like this format. Must be cheap:
     * read at most a few kilobytes.
     */
    boolean canRead(Path path) throws IOException;

    /** Reads the volume. Bad input throws {@link InvalidInputException} naming the file. */
    Volume read(Path path, ReadOptions options) throws IOException;

    /** Reads a volume from several files (DICOM slices); formats of one file refuse more than one. */
    default Volume read(List<Path> paths, ReadOptions options) throws IOException {
        if (paths.size() != 1) {
            throw new InvalidInputException(paths.get(0), name() + " reads one file, got " + paths.size());
        }
        return read(paths.get(0), options);
    }

    /** True if this format writes files named like {@code path} (by extension). */
    default boolean canWrite(Path path) {
        return false;
    }

    /** Writes {@code volume} to {@code path} atomically (see {@link AtomicOutput}). */
    default void write(Volume volume, Path path) throws IOException {
        throw new UnsupportedOperationException(name() + " cannot be written");
    }

    /**
     * Writes a label map held sparsely as the uint8 file of its dense map; the default makes the dense map,
     * formats that can stream it slice by slice never hold it.
     */
    default void write(org.calcify.volume.SparseLabelMap labels, Path path) throws IOException {
        write(labels.toVolume(), path);
    }

    /** Lower-cased file name of a path ("" for none). */
    static String fileName(Path path) {
        Path f = path.getFileName();
        return f == null ? "" : f.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
