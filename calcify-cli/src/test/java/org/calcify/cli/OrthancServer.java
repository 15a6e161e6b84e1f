package org.calcify.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real Orthanc (Debian's {@code orthanc} and {@code orthanc-dicomweb}) started for a test: loopback HTTP on a
 * free port, no DICOM listener, storage and index in a throwaway folder, the DICOMweb plugin at
 * {@code /dicom-web/}, basic authentication with one user. Stopped by {@link #close()}.
 */
final class OrthancServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    static final String USER = "calcify";
    static final String PASSWORD = "test-password-1";

    private final Process process;
    private final int port;
    private final Path log;

    private OrthancServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** True if Orthanc and its DICOMweb plugin are installed. */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.exists(DICOMWEB_PLUGIN);
    }

    static OrthancServer start(Path dir) throws IOException, InterruptedException {
        int port = freePort();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "calcify-test",
                  "HttpPort": %d,
                  "DicomServerEnabled": false,
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "Plugins": ["%s"],
                  "DicomWeb": {"Enable": true, "Root": "/dicom-web/"},
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": true,
                  "RegisteredUsers": {"%s": "%s"},
                  "HttpCompressionEnabled": false,
                  "ConcurrentJobs": 1
                }
                """.formatted(port, storage, storage, DICOMWEB_PLUGIN, USER, PASSWORD));
        Path log = dir.resolve("orthanc.log");
        Process p = new ProcessBuilder(BINARY.toString(), config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OrthancServer server = new OrthancServer(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("Orthanc exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http.send(server.get("/system"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IOException("Orthanc did not answer within 30 s: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** The DICOMweb root, e.g. {@code http://127.0.0.1:PORT/dicom-web}. */
    String dicomWebUrl() {
        return "http://127.0.0.1:" + port + "/dicom-web";
    }

    int port() {
        return port;
    }

    /** A GET of Orthanc's own REST API, with the test user's credentials. */
    HttpRequest get(String path) {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic " + auth).build();
    }

    /** The body of a GET of Orthanc's REST API. */
    String rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(get(path), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** A loopback port nothing listens on (just now). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
