package org.calcify.app.dicomweb;

import java.io.IOException;
import java.net.URI;
import org.calcify.io.PrintableText;

/**
 * A DICOMweb request that failed: the server cannot be reached, refused the credentials, does not have what
 * was asked for, or answered with something that is not DICOMweb. The message is one line,
 * {@code "<url>: <what went wrong>"}; the command line prints it as {@code calcify: error: <url>: <what>} and
 * exits with code 2, like a bad input file.
 */
public final class DicomWebException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient URI url;
    private final int status;

    public DicomWebException(URI url, String problem) {
        this(url, 0, problem, null);
    }

    public DicomWebException(URI url, int status, String problem, Throwable cause) {
        super(PrintableText.escape(url + ": " + problem), cause);
        this.url = url;
        this.status = status;
    }

    /** The request's URL. */
    public URI url() {
        return url;
    }

    /** The HTTP status the server answered, or 0 when there was no answer (or the answer was not the problem). */
    public int status() {
        return status;
    }
}
