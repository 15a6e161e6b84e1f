package org.calcify.io.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/**
 * NumPy {@code .npy} files (read and written) and {@code .npz} archives (read). Arrays of shape (z, y, x)
 * become volumes, (y, x) one slice; NumPy stores no geometry, so 1 mm isotropic spacing, origin 0 and
 * identity direction are assumed and said in the metadata ("geometry").
 */
public final class NumpyFormat implements VolumeFormat {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    @Override
    public String name() {
        return "NumPy";
    }

    @Override
    public boolean canRead(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (NpyHeader.hasMagic(head, n)) {
            return true;
        }
        return n >= 4 && head[0] == ZIP_MAGIC[0] && head[1] == ZIP_MAGIC[1] && head[2] == ZIP_MAGIC[2]
                && head[3] == ZIP_MAGIC[3] && VolumeFormat.fileName(path).endsWith(".npz");
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        if (VolumeFormat.fileName(path).endsWith(".npz") && !isNpy(path)) {
            java.util.List<String> names = NpzReader.arrayNames(path);
            String chosen = NpzReader.defaultArray(path);
            NdArray array = NpzReader.read(path, chosen);
            return NdArrayVolumes.toVolume(path, array, "NumPy .npz")
                    .withMetadata("npz.arrays", String.join(", ", names))
                    .withMetadata("npz.array", chosen);
        }
        NpyHeader header = NpyReader.readHeader(path);
        NdArray array = NpyReader.read(path);
        return NdArrayVolumes.toVolume(path, array, "NumPy .npy " + header.version())
                .withMetadata("npy.fortran_order", header.fortranOrder() ? "True" : "False");
    }

    private static boolean isNpy(Path path) throws IOException {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(path)) {
            return NpyHeader.hasMagic(head, in.readNBytes(head, 0, head.length));
        }
    }

    @Override
    public boolean canWrite(Path path) {
        return VolumeFormat.fileName(path).endsWith(".npy");
    }

    /** Writes {@code .npy} 1.0, shape (z, y, x), little endian, C order; geometry is not stored. */
    @Override
    public void write(Volume volume, Path path) throws IOException {
        NpyWriter.write(volume, path);
    }
}
