package org.calcify.app.dicomweb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming parser of a {@code multipart/related} body (RFC 2046 5.1, RFC 2387), as WADO-RS answers a
 * retrieve: {@link #nextPart()} reads a part's headers, {@link #copyPart(OutputStream)} copies its content to a
 * stream without holding it in memory (a fixed buffer of 64 KiB), up to the next boundary. Parts are found by
 * their boundary, not by a Content-Length header (which servers may omit). A body that ends before its closing
 * boundary is refused with an {@link EOFException}.
 */
final class MultipartReader {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private final InputStream in;
    /** "\r\n--" + boundary: what ends each part (the body is read as if it began with "\r\n"). */
    private final byte[] delimiter;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean inPart;
    private boolean closed;
    private Map<String, String> headers = Map.of();

    MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("boundary must have 1 to 200 characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /**
     * Moves to the next part (skipping what is left of the current one) and reads its headers.
     *
     * @return false after the closing boundary
     */
    boolean nextPart() throws IOException {
        if (closed) {
            return false;
        }
        if (!started || inPart) {
            copyPart(OutputStream.nullOutputStream()); // the preamble, or the unread rest of a part
            started = true;
        }
        require(2);
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            closed = true; // the close delimiter; the epilogue is ignored
            return false;
        }
        readLine(); // transport padding after the boundary, then CRLF
        Map<String, String> h = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        headers = h;
        inPart = true;
        return true;
    }

    /** The current part's headers, names in lower case. */
    Map<String, String> headers() {
        return headers;
    }

    /** Copies the current part's content to {@code out}; returns its length in bytes. */
    long copyPart(OutputStream out) throws IOException {
        long n = 0;
        int d = delimiter.length;
        while (true) {
            fill(d);
            int found = indexOfDelimiter();
            if (found >= 0) {
                out.write(buf, pos, found - pos);
                n += found - pos;
                pos = found + d;
                inPart = false;
                return n;
            }
            if (eof) {
                throw new EOFException("multipart body ends before its closing boundary");
            }
            int safe = Math.max(pos, limit - (d - 1)); // a delimiter may begin in the last d-1 bytes
            out.write(buf, pos, safe - pos);
            n += safe - pos;
            pos = safe;
            compact();
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            require(1);
            byte b = buf[pos++];
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() > MAX_HEADER_BYTES) {
                throw new IOException("multipart header line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            sb.append((char) (b & 0xff));
        }
    }

    /** At least {@code n} unread bytes in the buffer, or an EOFException. */
    private void require(int n) throws IOException {
        fill(n);
        if (limit - pos < n) {
            throw new EOFException("multipart body ends before its closing boundary");
        }
    }

    /** Reads until {@code n} bytes are buffered or the stream ends. */
    private void fill(int n) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        compact();
        while (limit - pos < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }
}
