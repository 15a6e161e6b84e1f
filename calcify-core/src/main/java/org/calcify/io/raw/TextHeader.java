package org.calcify.io.raw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.calcify.io.InvalidInputException;

/**
 * The text lines at the start of a file (MetaImage, NRRD), read up to a size limit, and the byte
 * offset where the header ends.
 *
 * @param lines     header lines without their line ends
 * @param endOffset offset of the first byte after the last header line (and its line end)
 */
public record TextHeader(List<String> lines, long endOffset) {
    /** Longest header accepted; real headers are a few hundred bytes. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * Reads lines until {@code last} accepts one (that line is included) or, when {@code blankEnds},
     * until an empty line (not included); the end of the stream also ends the header.
     */
    public static TextHeader read(InputStream in, Path file, Predicate<String> last, boolean blankEnds)
            throws IOException {
        List<String> lines = new ArrayList<>();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            int c = in.read();
            if (c >= 0) {
                offset++;
            }
            if (offset > MAX_HEADER_BYTES) {
                throw new InvalidInputException(file, "header is longer than " + MAX_HEADER_BYTES + " bytes (not a text header?)");
            }
            if (c == '\n' || c < 0) {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                line.reset();
                if (blankEnds && s.isEmpty() && c >= 0) {
                    return new TextHeader(lines, offset);
                }
                if (!s.isEmpty() || c >= 0) {
                    lines.add(s);
                }
                if (c < 0 || last.test(s)) {
                    return new TextHeader(lines, offset);
                }
            } else {
                if (c == 0) {
                    throw new InvalidInputException(file, "binary data inside the text header");
                }
                line.write(c);
            }
        }
    }
}
