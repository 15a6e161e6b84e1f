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
    private static final DicomFormat DICOM = new DicomFormat();
    /** Formats in the order they are asked about a file; content sniffing is exact, so the order rarely matters. */
    private static final List<VolumeFormat> FORMATS = List.of(
            new NiftiFormat(),
            new NrrdFormat(),
            new MetaImageFormat(),
            new NumpyFormat(),
            new JoblibFormat(),
            DICOM);

    private VolumeIO() {
    }

    /** All known formats. */
    public static List<VolumeFormat> formats() {
        return FORMATS;
    }

    public static Volume read(Path path) throws IOException {
        return read(path, ReadOptions.DEFAULT);
    }

    /**
     * Reads a file or folder, whatever its format. A folder holding DICOM files is a DICOM series
     * (other files skipped, with a warning naming them); a folder without DICOM that holds exactly
     * one image file is that file; any other folder is an {@link InvalidInputException} saying what
     * it holds.
     */
    public static Volume read(Path path, ReadOptions options) throws IOException {
        Path target = imageOf(path);
        return formatOf(target).read(target, options);
    }

    /** Reads several files as one volume (a DICOM series given as a list of slices). */
    public static Volume read(List<Path> paths, ReadOptions options) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
        if (paths.size() == 1) {
            return read(paths.get(0), options);
        }
        VolumeFormat first = formatOf(paths.get(0));
        if (Files.isDirectory(paths.get(0)) && !(first instanceof DicomFormat)) {
            throw new InvalidInputException(paths.get(0), "only DICOM folders can be read together with other inputs");
        }
        return first.read(paths, options);
    }

    /**
     * The format that reads {@code path}; throws {@link InvalidInputException} when none does. For a
     * folder: DICOM when it holds DICOM files, else the format of the one image file it holds (see
     * {@link #read(Path, ReadOptions)}).
     */
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
        if (Files.isDirectory(path)) {
            if (DICOM.canRead(path)) {
                return DICOM;
            }
            return formatOf(imageOf(path));
        }
        for (VolumeFormat f : FORMATS) {
            if (f.canRead(path)) {
                return f;
            }
        }
        throw new InvalidInputException(path, "unknown file format (expected DICOM, NIfTI, MetaImage, NRRD, NumPy or joblib pickle)");
    }

    /**
     * {@code path} itself, unless it is a folder without DICOM files: then the one image file the
     * folder holds, or an {@link InvalidInputException} saying what it holds.
     */
    private static Path imageOf(Path path) throws IOException {
        if (!Files.isDirectory(path) || DICOM.canRead(path)) {
            return path;
        }
        FolderContents contents = FolderContents.of(path);
        List<Path> images = contents.imageFiles();
        if (images.size() == 1) {
            return images.get(0);
        }
        throw new InvalidInputException(path, images.isEmpty()
                ? "folder holds no readable image (no DICOM files found; it holds " + contents.describe() + ")"
                : "folder holds no DICOM files but " + images.size() + " images; give one of them: "
                        + contents.describe());
    }

    /** True if {@link #write} knows the output format of {@code path} (by extension). */
    public static boolean canWrite(Path path) {
        return FORMATS.stream().anyMatch(f -> f.canWrite(path));
    }

    /** Writes {@code volume} in the format given by {@code path}'s extension, atomically. */
    public static void write(Volume volume, Path path) throws IOException {
        writerOf(path).write(volume, path);
    }

    /**
     * Writes a label map held sparsely as the uint8 file of its dense map (byte for byte what {@link #write(Volume, Path)}
     * writes of {@code labels.toVolume()}); NIfTI is streamed a slice at a time, without the dense map.
     */
    public static void write(org.calcify.volume.SparseLabelMap labels, Path path) throws IOException {
        writerOf(path).write(labels, path);
    }

    private static VolumeFormat writerOf(Path path) throws InvalidInputException {
        for (VolumeFormat f : FORMATS) {
            if (f.canWrite(path)) {
                return f;
            }
        }
        throw new InvalidInputException(path, "cannot write this file type (use .nii, .nii.gz, .npy, .mhd or .mha)");
    }
}
