package org.calcify.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.calcify.io.InvalidInputException;

/** The secret every request must carry when the server listens beyond this machine. Compared in constant time. */
public final class AccessToken {
    private static final int MIN_LENGTH = 16;
    private final byte[] secret;

    private AccessToken(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random token: 32 bytes from a SecureRandom, base64url. */
    public static AccessToken random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** The token in {@code file}: its first line, at least 16 characters of letters, digits, {@code - _ . ~}. */
    public static AccessToken read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such token file");
        }
        String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        if (first.length() < MIN_LENGTH || !first.matches("[A-Za-z0-9._~-]+")) {
            throw new InvalidInputException(file, "the token (first line) must be at least " + MIN_LENGTH
                    + " characters of letters, digits, '-', '_', '.' or '~'");
        }
        return new AccessToken(first);
    }

    /** True when {@code candidate} is this token. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(secret, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The token itself, to print once at start. */
    public String value() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }
}
