package org.calcify.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.dicom.DicomFormat;
import org.calcify.io.joblib.JoblibFormat;
import org.calcify.io.metaimage.MetaImageFormat;
import org.calcify.io.nifti.NiftiFormat;
import org.calcify.io.nrrd.NrrdFormat;
import org.calcify.io.numpy.NumpyFormat;
import org.calcify.volume.Volume;

/**
 * The one entry point for reading and writing volumes: {@code VolumeIO.read(path)} finds the format
 * by content (magic bytes) or extension, {@code VolumeIO.write(volume, path)} by the output's
 * extension.
 */
public final class VolumeIO {
    /** Formats in the order they are asked; content sniffing is exact, so the order rarely matters. */
    private static final List<VolumeFormat> FORMATS = List.of(
            new NiftiFormat(),
            new NrrdFormat(),
            new MetaImageFormat(),
            new NumpyFormat(),
            new JoblibFormat(),
            new DicomFormat());

    private VolumeIO() {
    }

    /** All known formats. */
    public static List<VolumeFormat> formats() {
        return FORMATS;
    }

    public static Volume read(Path path) throws IOException {
        return read(path, ReadOptions.DEFAULT);
    }

    /** Reads a file or folder, whatever its format. */
    public static Volume read(Path path, ReadOptions options) throws IOException {
        return formatOf(path).read(path, options);
    }

    /** Reads several files as one volume (a DICOM series given as a list of slices). */
    public static Volume read(List<Path> paths, ReadOptions options) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
        if (paths.size() == 1) {
            return read(paths.get(0), options);
        }
        return formatOf(paths.get(0)).read(paths, options);
    }

    /** The format that reads {@code path}; throws {@link InvalidInputException} when none does. */
    public static VolumeFormat formatOf(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path, "no such file or folder");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException(path, "not readable");
        }
        if (Files.isRegularFile(path) && Files.size(path) == 0) {
            throw new InvalidInputException(path, "file is empty");
        }
        for (VolumeFormat f : FORMATS) {
            if (f.canRead(path)) {
                return f;
            }
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(path, "folder holds no readable image (no DICOM files found)");
        }
        throw new InvalidInputException(path, "unknown file format (expected DICOM, NIfTI, MetaImage, NRRD, NumPy or joblib pickle)");
    }

    /** True if {@link #write} knows the output format of {@code path} (by extension). */
    public static boolean canWrite(Path path) {
        return FORMATS.stream().anyMatch(f -> f.canWrite(path));
    }

    /** Writes {@code volume} in the format given by {@code path}'s extension, atomically. */
    public static void write(Volume volume, Path path) throws IOException {
        for (VolumeFormat f : FORMATS) {
            if (f.canWrite(path)) {
                f.write(volume, path);
                return;
            }
        }
        throw new InvalidInputException(path, "cannot write this file type (use .nii, .nii.gz, .npy, .mhd or .mha)");
    }
}
