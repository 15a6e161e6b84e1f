package org.calcify.io.numpy;

import java.nio.file.Path;
import org.calcify.io.InvalidInputException;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/** Turns NumPy arrays into volumes: NumPy files carry no geometry, so 1 mm isotropic at origin 0 is assumed. */
public final class NdArrayVolumes {
    /** Metadata value of "geometry" for formats without one. */
    public static final String NO_GEOMETRY = "none (1 mm isotropic assumed)";

    private NdArrayVolumes() {
    }

    /**
     * A volume over the array's data (not copied): shape (z, y, x) for 3D arrays, (y, x) as one slice for 2D.
     * Metadata: "format", "source.dtype", "source.shape", "geometry".
     */
    public static Volume toVolume(Path file, NdArray array, String format) throws InvalidInputException {
        int[] s = array.shape();
        int z;
        int y;
        int x;
        if (s.length == 3) {
            z = s[0];
            y = s[1];
            x = s[2];
        } else if (s.length == 2) {
            z = 1;
            y = s[0];
            x = s[1];
        } else {
            throw new InvalidInputException(file, "array of shape " + array.shapeText()
                    + " is not an image (need 3D (z, y, x) or 2D (y, x))");
        }
        if (x == 0 || y == 0 || z == 0) {
            throw new InvalidInputException(file, "array of shape " + array.shapeText() + " is empty");
        }
        Volume v = Volume.of(Geometry.of(x, y, z), array.dataType(), array.data());
        return v.withMetadata("format", format)
                .withMetadata("source.dtype", array.dtype().numpyName())
                .withMetadata("source.shape", array.shapeText())
                .withMetadata("geometry", NO_GEOMETRY);
    }
}
