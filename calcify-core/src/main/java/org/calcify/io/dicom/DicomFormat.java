package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** DICOM files (placeholder: being implemented). */
public final class DicomFormat implements VolumeFormat {
    @Override
    public String name() {
        return "DICOM";
    }

    @Override
    public boolean canRead(Path path) {
        return false;
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        throw new InvalidInputException(path, "DICOM reading is not implemented yet");
    }
}
