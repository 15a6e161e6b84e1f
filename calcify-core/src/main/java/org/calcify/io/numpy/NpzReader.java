package org.calcify.io.numpy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.calcify.io.InvalidInputException;

/**
 * Reads arrays from {@code .npz} archives ({@code np.savez} stored, {@code np.savez_compressed} deflated).
 * Members are {@code NAME.npy}; arrays are addressed by NAME.
 */
public final class NpzReader {
    /** Deflate cannot expand data more than about 1032 times; a larger claim is a lie or a bomb. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private NpzReader() {
    }

    /** The array names in archive order. */
    public static List<String> arrayNames(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return names(zip);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw corrupt(file, e);
        }
    }

    /** Reads the array called {@code name}. */
    public static NdArray read(Path file, String name) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                throw new InvalidInputException(file, "no array '" + name + "' in archive (has " + names(zip) + ")");
            }
            long bound = bound(file, entry);
            try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
                return NpyReader.read(file, in, bound);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * The array {@code calcify} shows for an archive: the only one, else "arr_0", else the first 3D array,
     * else the first 2D array.
     */
    public static String defaultArray(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            List<String> names = names(zip);
            if (names.isEmpty()) {
                throw new InvalidInputException(file, ".npz archive holds no arrays");
            }
            if (names.size() == 1) {
                return names.get(0);
            }
            if (names.contains("arr_0")) {
                return "arr_0";
            }
            String first2d = null;
            for (String name : names) {
                ZipEntry entry = zip.getEntry(name + ".npy");
                try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 12)) {
                    int ndim = NpyReader.readHeader(file, in, bound(file, entry)).shape().length;
                    if (ndim == 3) {
                        return name;
                    }
                    if (ndim == 2 && first2d == null) {
                        first2d = name;
                    }
                }
            }
            if (first2d == null) {
                throw new InvalidInputException(file, ".npz archive holds no 2D or 3D array (arrays: " + names + ")");
            }
            return first2d;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw corrupt(file, e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (IOException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * What a failure while reading the archive means: our own refusals and file-system errors (missing,
     * unreadable) pass unchanged; anything else the zip reader throws (ZipException, EOFException from a
     * damaged central directory or comment, IllegalArgumentException from a bad entry) is a corrupt archive.
     */
    private static IOException corrupt(Path file, Exception e) {
        if (e instanceof InvalidInputException bad) {
            return bad;
        }
        if (e instanceof java.nio.file.FileSystemException || e instanceof java.io.FileNotFoundException) {
            return (IOException) e;
        }
        String what = e instanceof java.io.EOFException ? "the zip structure ends early (damaged end record or comment length?)"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidInputException(file, "corrupt .npz archive: " + what, e);
    }

    private static List<String> names(ZipFile zip) {
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String n = entries.nextElement().getName();
            if (n.endsWith(".npy")) {
                names.add(n.substring(0, n.length() - 4));
            }
        }
        return names;
    }

    private static long bound(Path file, ZipEntry entry) throws IOException {
        long size = Files.size(file);
        return entry.getMethod() == ZipEntry.STORED ? size : size * MAX_DEFLATE_RATIO + (1 << 20);
    }
}
