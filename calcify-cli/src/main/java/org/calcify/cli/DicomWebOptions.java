package org.calcify.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.calcify.app.dicomweb.DicomWebClient;
import org.calcify.app.dicomweb.DicomWebCredentials;
import org.calcify.app.failure.UsageException;
import picocli.CommandLine.Option;

/** The connection options every DICOMweb command shares: credentials read from files, timeouts and attempts. */
final class DicomWebOptions {
    @Option(names = "--user", paramLabel = "NAME", description = "User for HTTP basic authentication (the password comes from --password-file).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the basic-authentication password.")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File whose first line is a bearer token (instead of --user).")
    Path tokenFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds to wait for an answer, and at most between two pieces of it (default: ${DEFAULT-VALUE}; connecting: 10).")
    int timeoutSeconds;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts per request when the server cannot be reached, times out or answers 5xx, with pauses of 0.5, 1, 2 s ..."
                    + " between them (default: ${DEFAULT-VALUE}).")
    int attempts;

    /** A client of the service at {@code base} with these options. */
    DicomWebClient client(URI base) throws IOException {
        DicomWebCredentials credentials;
        if (tokenFile != null && (user != null || passwordFile != null)) {
            throw new UsageException("--token-file and --user/--password-file do not go together");
        }
        if ((user == null) != (passwordFile == null)) {
            throw new UsageException("--user and --password-file go together");
        }
        if (tokenFile != null) {
            credentials = DicomWebCredentials.bearer(tokenFile);
        } else if (user != null) {
            credentials = UsageException.fromOptions(() -> {
                try {
                    return DicomWebCredentials.basic(user, passwordFile);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } else {
            credentials = DicomWebCredentials.none();
        }
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        return UsageException.fromOptions(() -> DicomWebClient.builder(base).optCredentials(credentials)
                .optReadTimeout(Duration.ofSeconds(timeoutSeconds)).optAttempts(attempts).optVersion(ExportCommand.version()).build());
    }

    /** {@code --url} as a URI, or a usage error naming it. */
    static URI url(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new UsageException("--url '" + url + "' is not a URL: " + e.getReason());
        }
    }
}
