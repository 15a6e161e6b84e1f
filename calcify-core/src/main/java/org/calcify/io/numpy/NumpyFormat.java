package org.calcify.io.numpy;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** NumPy files (placeholder: being implemented). */
public final class NumpyFormat implements VolumeFormat {
    @Override
    public String name() {
        return "NumPy";
    }

    @Override
    public boolean canRead(Path path) {
        return false;
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        throw new InvalidInputException(path, "NumPy reading is not implemented yet");
    }
}
