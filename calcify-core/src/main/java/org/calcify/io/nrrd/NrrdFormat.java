package org.calcify.io.nrrd;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** NRRD files (placeholder: being implemented). */
public final class NrrdFormat implements VolumeFormat {
    @Override
    public String name() {
        return "NRRD";
    }

    @Override
    public boolean canRead(Path path) {
        return false;
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        throw new InvalidInputException(path, "NRRD reading is not implemented yet");
    }
}
