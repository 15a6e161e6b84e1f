package org.calcify.io.joblib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NdArrayVolumes;
import org.calcify.volume.Volume;

/**
 * Files written by {@code joblib.dump} (or plain pickles) holding one NumPy array, or a list of arrays such as
 * the seed cohort's {@code cross_validation_ct_threshold_K.pkl}: the single array, or the first of the list,
 * becomes the volume (shape (z, y, x) or (y, x); 1 mm geometry assumed). Folders holding a whole seed cohort
 * are not a volume: see {@link SeedCohort}.
 */
public final class JoblibFormat implements VolumeFormat {
    @Override
    public String name() {
        return "joblib pickle";
    }

    /** A .pkl/.pickle/.joblib file starting with a pickle protocol marker (0x80) or a compressor's magic. */
    @Override
    public boolean canRead(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        String name = VolumeFormat.fileName(path);
        if (!(name.contains(".pkl") || name.contains(".pickle") || name.contains(".joblib"))) {
            return false;
        }
        byte[] head = new byte[5];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return n > 0 && ((head[0] & 0xFF) == 0x80 || JoblibReader.compressionOf(head, n) != JoblibReader.Compression.NONE);
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        Object content = JoblibReader.load(path);
        NdArray array;
        int count = 1;
        if (content instanceof NdArray a) {
            array = a;
        } else if (content instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof NdArray a) {
            array = a;
            count = list.size();
        } else {
            throw new InvalidInputException(path, "pickle holds " + describe(content)
                    + ", not a NumPy array or a list of arrays");
        }
        Volume v = NdArrayVolumes.toVolume(path, array, name())
                .withMetadata("joblib.compression", JoblibReader.compressionOf(path).joblibName());
        return content instanceof List<?> ? v.withMetadata("joblib.arrays", Integer.toString(count)) : v;
    }

    /** "a list of a list of a Long items", following first items at most a few levels down. */
    static String describe(Object o) {
        return describe(o, 0);
    }

    private static String describe(Object o, int depth) {
        if (o == null) {
            return "None";
        }
        if (o instanceof List<?> l) {
            if (l.isEmpty()) {
                return "an empty list";
            }
            return depth >= 3 ? "a list of lists" : "a list of " + describe(l.get(0), depth + 1) + " items";
        }
        return "a " + o.getClass().getSimpleName();
    }
}
