package org.calcify.io.nifti;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** NIfTI files (placeholder: being implemented). */
public final class NiftiFormat implements VolumeFormat {
    @Override
    public String name() {
        return "NIfTI";
    }

    @Override
    public boolean canRead(Path path) {
        return false;
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        throw new InvalidInputException(path, "NIfTI reading is not implemented yet");
    }
}
