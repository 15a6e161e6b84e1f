package org.calcify.app.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.calcify.io.InvalidInputException;

/**
 * How requests authenticate: not at all, HTTP basic (a user and a password read from a file) or a bearer token
 * read from a file. Secrets are read from files, never from the command line, so that they do not show in the
 * process list or the shell history; the file's first line is the secret (trailing spaces and the line end
 * dropped).
 */
public final class DicomWebCredentials {
    private static final DicomWebCredentials NONE = new DicomWebCredentials(null, "none");
    private final String authorization;
    private final String description;

    private DicomWebCredentials(String authorization, String description) {
        this.authorization = authorization;
        this.description = description;
    }

    /** No Authorization header. */
    public static DicomWebCredentials none() {
        return NONE;
    }

    /** HTTP basic authentication with {@code user} and the password on the first line of {@code passwordFile}. */
    public static DicomWebCredentials basic(String user, Path passwordFile) throws IOException {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("user must be non-empty and must not contain ':'");
        }
        String password = firstLine(passwordFile);
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new DicomWebCredentials("Basic " + token, "basic authentication as '" + user + "'");
    }

    /** A bearer token (OAuth 2 access token) on the first line of {@code tokenFile}. */
    public static DicomWebCredentials bearer(Path tokenFile) throws IOException {
        return new DicomWebCredentials("Bearer " + firstLine(tokenFile), "bearer token from " + tokenFile);
    }

    /** The value of the Authorization header, if any. */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** What was sent, for error messages (never the secret). */
    public String description() {
        return description;
    }

    private static String firstLine(Path file) throws IOException {
        String s;
        try {
            s = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
        if (line.isEmpty()) {
            throw new InvalidInputException(file, "is empty: the secret must be on its first line");
        }
        return line;
    }
}
