package org.calcify.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No request reaches a file outside the cohort, and a server with a token answers nobody without it. */
class ServeSafetyTest {
    private static final String SECRET = "SECRET-OUTSIDE-THE-COHORT";
    @TempDir
    static Path tmp;
    static ReviewServer server;

    @BeforeAll
    static void start() throws Exception {
        Path cohort = ReviewFixture.cohort(tmp, 1);
        // outside the cohort: a folder that looks like a scan, and a file
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("scores.json"), "{\"summary\":{\"case\":\"" + SECRET + "\"}}");
        Files.writeString(outside.resolve("report.html"), SECRET);
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(cohort.resolve("linked-scan"), outside);
        // a real scan folder whose report is a link to a file outside
        Path inside = Files.createDirectories(cohort.resolve("linked-report"));
        Files.copy(cohort.resolve("scan-0").resolve("scores.json"), inside.resolve("scores.json"));
        Files.createSymbolicLink(inside.resolve("report.html"), tmp.resolve("secret.txt"));
        server = ReviewServer.start(new ServeOptions(cohort, "127.0.0.1", 0, null, ServeOptions.DEFAULT_MAX_BODY_BYTES));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The raw request line, sent as is (no client normalises the path). */
    private static String raw(String path) throws IOException {
        return raw(path, "127.0.0.1:" + server.port());
    }

    private static String raw(String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void noPathFromARequestLeavesTheCohort() throws Exception {
        List<String> attempts = List.of(
                "/api/scans/../../secret.txt",
                "/api/scans/..%2f..%2fsecret.txt",
                "/api/scans/%2e%2e/report.html",
                "/api/scans/%2e%2e%2f%2e%2e%2foutside/report.html",
                "/api/scans/..%252f..%252fsecret.txt",
                "/api/scans/%2Ftmp%2Fsecret.txt/report.html",
                "/api/scans/" + tmp.resolve("outside") + "/report.html",
                "/api/scans/linked-scan",
                "/api/scans/linked-scan/report.html",
                "/api/scans/linked-scan/ct.nii.gz",
                "/api/scans/linked-report/report.html",
                "/../../secret.txt",
                "/%2e%2e/%2e%2e/secret.txt",
                "/vendor/../../../../secret.txt",
                "/vendor/%2e%2e/%2e%2e/%2e%2e/secret.txt",
                "/vendor/..%5c..%5csecret.txt",
                "/%00/secret.txt",
                "//" + tmp.resolve("secret.txt"),
                tmp.resolve("secret.txt").toString());
        for (String path : attempts) {
            String answer = raw(path);
            String statusLine = answer.lines().findFirst().orElse("");
            assertThat(answer).as(path).doesNotContain(SECRET);
            assertThat(statusLine).as(path).matches("HTTP/1.1 (400|404) .*");
            assertThat(answer).as(path).containsIgnoringCase("content-type: application/json").contains("\"error\"");
        }
        // the worklist does not list a linked folder either
        assertThat(raw("/api/scans")).doesNotContain(SECRET).doesNotContain("linked-scan");
    }

    @Test
    void withoutATokenOnlyRequestsAddressedToThisMachineAreAnswered() throws Exception {
        // a page on evil.example that resolved its own name to 127.0.0.1 (DNS rebinding) sends Host: evil.example
        for (String host : List.of("evil.example", "evil.example:" + server.port(), "127.0.0.1.evil.example")) {
            String answer = raw("/api/scans", host);
            assertThat(answer.lines().findFirst().orElse("")).as(host).startsWith("HTTP/1.1 403");
            assertThat(answer).contains("\"error\"").doesNotContain("scan-0");
        }
        for (String host : List.of("127.0.0.1:" + server.port(), "localhost:" + server.port(), "[::1]:" + server.port(), "LOCALHOST")) {
            String answer = raw("/api/scans", host);
            assertThat(answer.lines().findFirst().orElse("")).as(host).startsWith("HTTP/1.1 200");
            assertThat(answer).containsIgnoringCase("X-Frame-Options: DENY").containsIgnoringCase("Referrer-Policy: no-referrer");
        }
    }

    @Test
    void aServerWithATokenAnswersNobodyWithoutIt() throws Exception {
        Path cohort = tmp.resolve("out");
        AccessToken token = AccessToken.random();
        try (ReviewServer guarded = ReviewServer.start(new ServeOptions(cohort, "127.0.0.1", 0, token, ServeOptions.DEFAULT_MAX_BODY_BYTES))) {
            Http http = new Http(guarded.port());
            for (String path : List.of("/", "/index.html", "/viewer.html", "/api/scans", "/api/scans/scan-0", "/api/scans/scan-0/ct.nii.gz",
                    "/api/legend", "/vendor/niivue/niivue.umd.js", "/no-such-page")) {
                Http.Answer a = http.get(path);
                assertThat(a.status()).as(path).isEqualTo(401);
                assertThat(a.json().path("status").asInt()).isEqualTo(401);
                assertThat(http.get(path, "Authorization", "Bearer wrong-" + token.value()).status()).as(path).isEqualTo(401);
            }
            assertThat(http.postRaw("/api/scans/scan-0/sign", "application/json", "{\"version\":0}").status()).isEqualTo(401);
            assertThat(http.get("/api/scans", "Authorization", "Bearer " + token.value()).status()).isEqualTo(200);
            Http.Answer page = http.get("/?token=" + token.value());
            assertThat(page.status()).isEqualTo(200);
            String cookie = page.header("Set-Cookie");
            assertThat(cookie).contains(ReviewServer.TOKEN_COOKIE).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
            assertThat(http.get("/api/scans", "Cookie", cookie.split(";")[0]).status()).isEqualTo(200);
        }
    }

    /** Ports this process listens on (Linux: its socket inodes in /proc/net/tcp and tcp6 in state LISTEN). */
    private static java.util.Set<Integer> listeningPorts() throws IOException {
        java.util.Set<String> mine = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        mine.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path t = Path.of(table);
            if (!Files.exists(t)) {
                continue;
            }
            for (String line : Files.readAllLines(t).subList(1, Files.readAllLines(t).size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && mine.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    void theServerListensOnTheOnePortAskedForAndNoOther() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "needs Linux's /proc/net/tcp");
        java.util.Set<Integer> before = listeningPorts();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ReviewServer another = ReviewServer.start(new ServeOptions(tmp.resolve("out"), "127.0.0.1", port, null, 1024))) {
            java.util.Set<Integer> after = listeningPorts();
            after.removeAll(before);
            assertThat(after).containsExactly(port);
            assertThat(another.port()).isEqualTo(port);
        }
    }

    @Test
    void onlyALoopbackAddressGoesWithoutAToken() {
        Path cohort = tmp.resolve("out");
        assertThatThrownBy(() -> new ServeOptions(cohort, "0.0.0.0", 0, null, 1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
        assertThat(ServeOptions.isLoopback("127.0.0.1")).isTrue();
        assertThat(ServeOptions.isLoopback("localhost")).isTrue();
        assertThat(ServeOptions.isLoopback("::1")).isTrue();
        assertThat(ServeOptions.isLoopback("0.0.0.0")).isFalse();
        new ServeOptions(cohort, "0.0.0.0", 0, AccessToken.random(), 1024);
    }

    @Test
    void aTokenFileNeedsALongToken() throws Exception {
        Path shortToken = Files.writeString(tmp.resolve("short.token"), "abc\n");
        assertThatThrownBy(() -> AccessToken.read(shortToken)).hasMessageContaining("at least 16");
        Path good = Files.writeString(tmp.resolve("good.token"), "0123456789abcdef-XYZ\nignored\n");
        assertThat(AccessToken.read(good).matches("0123456789abcdef-XYZ")).isTrue();
        assertThat(AccessToken.read(good).toString()).doesNotContain("0123");
    }
}
