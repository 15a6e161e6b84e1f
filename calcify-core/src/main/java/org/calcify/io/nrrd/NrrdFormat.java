package org.calcify.io.nrrd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** NRRD ({@code .nrrd}, {@code .nhdr}), recognised by its {@code NRRD000x} magic line; see {@link NrrdReader}. Read only. */
public final class NrrdFormat implements VolumeFormat {
    @Override
    public String name() {
        return "NRRD";
    }

    @Override
    public boolean canRead(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return NrrdHeader.hasMagic(in.readNBytes(8));
        }
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        return NrrdReader.read(path);
    }
}
