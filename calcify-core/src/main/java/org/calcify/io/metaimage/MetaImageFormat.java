package org.calcify.io.metaimage;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** MetaImage files (placeholder: being implemented). */
public final class MetaImageFormat implements VolumeFormat {
    @Override
    public String name() {
        return "MetaImage";
    }

    @Override
    public boolean canRead(Path path) {
        return false;
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        throw new InvalidInputException(path, "MetaImage reading is not implemented yet");
    }
}
