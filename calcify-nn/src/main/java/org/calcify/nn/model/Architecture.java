package org.calcify.nn.model;

import java.util.Locale;

/** The network families Calcify trains. */
public enum Architecture {
    /** A 3D CNN on the cube patch ({@code cube.npy}, z x y x x). */
    CNN3D,
    /** The 2.5D baseline: three 2D branches on the axial (y x x), sagittal (z x y) and coronal (z x x) planes. */
    TRIPLANAR;

    /** Lower-case name used on the command line and in config.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code cnn3d} or {@code triplanar}. */
    public static Architecture parse(String s) {
        for (Architecture a : values()) {
            if (a.id().equalsIgnoreCase(s.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + s + "' (cnn3d or triplanar)");
    }
}
