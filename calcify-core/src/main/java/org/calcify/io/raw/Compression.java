package org.calcify.io.raw;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.calcify.io.InvalidInputException;

/** Gzip and zlib streams and the limits that keep hostile compressed files from exhausting memory. */
public final class Compression {
    /** Deflate cannot expand data by more than about 1032:1; anything claiming more is corrupt. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    private static final int IN_BUFFER_BYTES = 1 << 20;
    /** Deflater level used for writing: fast, and still close to level 6 on CT data. */
    public static final int WRITE_LEVEL = 1;

    private Compression() {
    }

    /** True if the file starts with the gzip magic bytes 1f 8b. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
        }
    }

    /**
     * The most bytes {@code compressedBytes} of deflate data can decompress to; a header that
     * promises more voxels than this is rejected before anything is allocated.
     */
    public static long maxInflatedBytes(long compressedBytes) {
        return compressedBytes * MAX_DEFLATE_RATIO + (1 << 16);
    }

    /** Opens {@code file}, transparently gunzipping when it starts with the gzip magic bytes. */
    public static InputStream openMaybeGzip(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            if (isGzip(file)) {
                return gunzip(raw, file);
            }
            return new BufferedInputStream(raw, 1 << 16);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** A gzip decoding stream over {@code in} with a large input buffer. */
    public static InputStream gunzip(InputStream in, Path file) throws IOException {
        try {
            return new GZIPInputStream(in, IN_BUFFER_BYTES);
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidInputException(file, "corrupt gzip header: " + e.getMessage(), e);
        }
    }

    /** A zlib (RFC 1950) decoding stream over {@code in}. */
    public static InputStream inflateZlib(InputStream in) {
        return new InflaterInputStream(in, new Inflater(), 1 << 16);
    }

    /** A gzip encoding stream at {@link #WRITE_LEVEL}; closing it finishes the gzip member and closes {@code out}. */
    public static OutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(WRITE_LEVEL);
            }
        };
    }

    /** Reads exactly {@code n} bytes, or fewer if the stream ends; zip errors become {@link InvalidInputException}. */
    public static byte[] readUpTo(InputStream in, int n, Path file) throws IOException {
        try {
            return in.readNBytes(n);
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidInputException(file, "corrupt compressed data: " + e.getMessage(), e);
        }
    }

    /** Skips exactly {@code n} bytes or fails naming what was being skipped. */
    public static void skipFully(InputStream in, long n, Path file, String what) throws IOException {
        try {
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new InvalidInputException(file, "file ends before " + what + " (" + (n - left)
                                + " of " + n + " bytes skipped)");
                    }
                    s = 1;
                }
                left -= s;
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidInputException(file, "corrupt compressed data before " + what + ": " + e.getMessage(), e);
        }
    }
}
