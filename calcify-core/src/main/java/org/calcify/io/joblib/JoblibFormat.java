package org.calcify.io.joblib;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** joblib files (placeholder: being implemented). */
public final class JoblibFormat implements VolumeFormat {
    @Override
    public String name() {
        return "joblib";
    }

    @Override
    public boolean canRead(Path path) {
        return false;
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        throw new InvalidInputException(path, "joblib reading is not implemented yet");
    }
}
