package org.calcify.io.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.io.raw.Compression;
import org.calcify.volume.Volume;

/**
 * NIfTI-1 and NIfTI-2 ({@code .nii}, {@code .nii.gz}, {@code .hdr}/{@code .img}); writes NIfTI-1
 * {@code .nii} and {@code .nii.gz}. See {@link NiftiReader}, {@link NiftiGeometry} and
 * {@link NiftiWriter} for the rules.
 */
public final class NiftiFormat implements VolumeFormat {
    @Override
    public String name() {
        return "NIfTI";
    }

    @Override
    public boolean canRead(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        String name = VolumeFormat.fileName(path);
        if (name.endsWith(".img") || name.endsWith(".img.gz")) {
            String stem = path.getFileName().toString().replaceFirst("(?i)\\.img(\\.gz)?$", "");
            return Files.isRegularFile(path.resolveSibling(stem + ".hdr")) && sniff(path.resolveSibling(stem + ".hdr"));
        }
        return sniff(path);
    }

    private static boolean sniff(Path path) throws IOException {
        try (InputStream in = Compression.openMaybeGzip(path)) {
            return NiftiHeader.looksLikeNifti(in.readNBytes(NiftiHeader.NIFTI1_SIZE));
        } catch (InvalidInputException | java.util.zip.ZipException | java.io.EOFException e) {
            return false;
        }
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        return NiftiReader.read(path);
    }

    @Override
    public boolean canWrite(Path path) {
        String name = VolumeFormat.fileName(path);
        return name.endsWith(".nii") || name.endsWith(".nii.gz");
    }

    @Override
    public void write(Volume volume, Path path) throws IOException {
        NiftiWriter.write(volume, path, VolumeFormat.fileName(path).endsWith(".gz"));
    }

    /** Streams the label map slice by slice: the file is that of its dense map, byte for byte. */
    @Override
    public void write(org.calcify.volume.SparseLabelMap labels, Path path) throws IOException {
        NiftiWriter.write(labels, path, VolumeFormat.fileName(path).endsWith(".gz"));
    }

    /**
     * Writes {@code volume} as a single-file NIfTI to a stream ({@code .nii.gz} bytes when {@code gzip}), as
     * {@link #write} writes a file; {@code out} is left open. For a server sending a volume without a file.
     */
    public static void writeTo(Volume volume, java.io.OutputStream out, boolean gzip) throws IOException {
        NiftiWriter.writeTo(volume, out, gzip);
    }
}
