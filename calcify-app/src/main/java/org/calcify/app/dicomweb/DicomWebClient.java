package org.calcify.app.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.calcify.app.io.JsonFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A DICOMweb client on {@code java.net.http}: QIDO-RS search for studies and series, WADO-RS retrieve of a
 * series (the {@code multipart/related} answer parsed as a stream and written to disk part by part), STOW-RS
 * store (a {@code multipart/related} upload streamed from the files). Requests that cannot connect, time out
 * or get a 5xx answer are tried again after a growing pause; any other failure, and the last one, is a
 * {@link DicomWebException} naming the request's URL and why it failed. Built with {@link #builder(URI)}.
 */
public final class DicomWebClient {
    static final String DICOM_JSON = "application/dicom+json";
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final URI base;
    private final DicomWebCredentials credentials;
    private final Duration readTimeout;
    private final int attempts;
    private final Duration backoff;
    private final String userAgent;
    private final HttpClient http;

    private DicomWebClient(Builder b) {
        String s = b.base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.credentials = b.credentials;
        this.readTimeout = b.readTimeout;
        this.attempts = b.attempts;
        this.backoff = b.backoff;
        this.userAgent = "calcify/" + b.version;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A client of the DICOMweb service at {@code base} (e.g. {@code http://host:8042/dicom-web}). */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    /** The service's base URL (without a trailing slash). */
    public URI base() {
        return base;
    }

    /** True if {@code s} is a DICOM UID (digits and dots, at most 64 characters): safe in a URL and as a file name. */
    public static boolean isUid(String s) {
        return s != null && s.length() <= 64 && UID.matcher(s).matches();
    }

    // ---- QIDO-RS ----

    /** QIDO-RS {@code /studies}, with the given matching keys (e.g. PatientID, StudyInstanceUID); none: all studies. */
    public List<StudyRecord> searchStudies(Map<String, String> match) throws IOException {
        Map<String, String> q = new LinkedHashMap<>(match);
        URI uri = uri("/studies", q, "00201206", "00201208", "00080061");
        List<StudyRecord> out = new ArrayList<>();
        for (JsonNode n : getJsonArray(uri)) {
            out.add(new StudyRecord(text(n, "0020000D"), text(n, "00100020"), text(n, "00100010"), text(n, "00080020"),
                    text(n, "00080050"), text(n, "00081030"), texts(n, "00080061"), integer(n, "00201206"), integer(n, "00201208")));
        }
        return out;
    }

    /** QIDO-RS {@code /studies/{study}/series}: the series of a study (an empty list if the server has none). */
    public List<SeriesRecord> searchSeries(String studyUid) throws IOException {
        requireUid(studyUid, "StudyInstanceUID");
        URI uri = uri("/studies/" + studyUid + "/series", Map.of(), "00201209", "0008103E", "00200011");
        List<SeriesRecord> out = new ArrayList<>();
        for (JsonNode n : getJsonArray(uri)) {
            String study = text(n, "0020000D");
            out.add(new SeriesRecord(study.isEmpty() ? studyUid : study, text(n, "0020000E"), text(n, "00080060"), integer(n, "00200011"),
                    text(n, "0008103E"), integer(n, "00201209")));
        }
        return out;
    }

    // ---- WADO-RS ----

    /** What a retrieve wrote. */
    public record Retrieved(List<Path> files, long bytes) {
    }

    /**
     * WADO-RS retrieve of a series into {@code dir} (which must exist), one file per instance, named
     * {@code <SOPInstanceUID>.dcm} (from the file's meta information; the part's number when it has none). Each
     * part is written under a temporary name and renamed when complete; the caller owns {@code dir} and removes it
     * when this throws. The instances come as stored ({@code transfer-syntax=*}).
     */
    public Retrieved retrieveSeries(String studyUid, String seriesUid, Path dir) throws IOException {
        requireUid(studyUid, "StudyInstanceUID");
        requireUid(seriesUid, "SeriesInstanceUID");
        URI uri = URI.create(base + "/studies/" + studyUid + "/series/" + seriesUid);
        HttpRequest.Builder req = request(uri).GET().header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        HttpResponse<InputStream> resp = send(uri, req, HttpResponse.BodyHandlers.ofInputStream());
        String type = resp.headers().firstValue("Content-Type").orElse("");
        Matcher m = BOUNDARY.matcher(type);
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/related") || !m.find()) {
            resp.body().close();
            throw new DicomWebException(uri, resp.statusCode(), "answer is not multipart/related with a boundary (Content-Type '" + type + "')", null);
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        try (IdleTimeoutStream body = new IdleTimeoutStream(resp.body(), readTimeout)) {
            MultipartReader parts = new MultipartReader(body, boundary);
            int index = 0;
            while (parts.nextPart()) {
                index++;
                String ct = parts.headers().getOrDefault("content-type", "application/dicom");
                if (!ct.toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
                    throw new DicomWebException(uri, "part " + index + " is '" + ct + "', not application/dicom");
                }
                Path tmp = dir.resolve(".part-" + index + ".part");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    bytes += parts.copyPart(out);
                }
                String sop = DicomMetaInfo.sopInstanceUid(tmp);
                Path target = dir.resolve((isUid(sop) ? sop : String.format(Locale.ROOT, "%05d", index)) + ".dcm");
                if (Files.exists(target)) {
                    target = dir.resolve(String.format(Locale.ROOT, "%s-%05d.dcm", isUid(sop) ? sop : "part", index));
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                files.add(target);
            }
        } catch (DicomWebException e) {
            throw e;
        } catch (IdleTimeoutStream.IdleException e) {
            throw new DicomWebException(uri, 0, "no data for " + readTimeout.toSeconds() + " s while receiving the series", e);
        } catch (IOException e) {
            throw new DicomWebException(uri, 0, "receiving the series failed: " + describe(e), e);
        }
        if (files.isEmpty()) {
            throw new DicomWebException(uri, "the server sent no instances");
        }
        return new Retrieved(files, bytes);
    }

    // ---- STOW-RS ----

    /** What a store did: instances the server stored, and those it refused (with the reason it gave, if any). */
    public record Stored(int stored, int failed, List<String> failures) {
    }

    /** STOW-RS {@code /studies}: uploads the DICOM files in one request, streamed from disk. */
    public Stored store(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return new Stored(0, 0, List.of());
        }
        URI uri = URI.create(base + "/studies");
        String boundary = "calcify-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> body = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            body.add(HttpRequest.BodyPublishers.ofString((i == 0 ? "" : "\r\n") + "--" + boundary
                    + "\r\nContent-Type: application/dicom\r\n\r\n", StandardCharsets.ISO_8859_1));
            body.add(HttpRequest.BodyPublishers.ofFile(files.get(i)));
        }
        body.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.ISO_8859_1));
        HttpRequest.Builder req = request(uri)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", DICOM_JSON)
                .POST(HttpRequest.BodyPublishers.concat(body.toArray(HttpRequest.BodyPublisher[]::new)));
        HttpResponse<InputStream> resp = send(uri, req, HttpResponse.BodyHandlers.ofInputStream());
        JsonNode answer = readJson(uri, resp);
        JsonNode failed = answer.path("00081198").path("Value");
        JsonNode stored = answer.path("00081199").path("Value");
        List<String> failures = new ArrayList<>();
        for (JsonNode f : failed) {
            failures.add(text(f, "00081155") + " (failure reason " + text(f, "00081197") + ")");
        }
        return new Stored(stored.size(), failed.size(), failures);
    }

    // ---- requests ----

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(readTimeout).header("User-Agent", userAgent);
        credentials.authorization().ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    private URI uri(String path, Map<String, String> match, String... includeFields) {
        StringBuilder sb = new StringBuilder(base.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : match.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        for (String f : includeFields) {
            sb.append(sep).append("includefield=").append(f);
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private List<JsonNode> getJsonArray(URI uri) throws IOException {
        HttpResponse<InputStream> resp = send(uri, request(uri).GET().header("Accept", DICOM_JSON), HttpResponse.BodyHandlers.ofInputStream());
        if (resp.statusCode() == 204) {
            resp.body().close();
            return List.of();
        }
        JsonNode n = readJson(uri, resp);
        if (!n.isArray()) {
            throw new DicomWebException(uri, resp.statusCode(), "answer is not a JSON array of DICOM data sets", null);
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private JsonNode readJson(URI uri, HttpResponse<InputStream> resp) throws IOException {
        try (InputStream in = new IdleTimeoutStream(resp.body(), readTimeout)) {
            byte[] b = in.readAllBytes();
            if (b.length == 0) {
                return JsonFiles.json().createObjectNode();
            }
            return JsonFiles.json().readTree(b);
        } catch (JacksonException e) {
            throw new DicomWebException(uri, resp.statusCode(), "answer is not JSON: " + e.getOriginalMessage(), e);
        } catch (IdleTimeoutStream.IdleException e) {
            throw new DicomWebException(uri, 0, "no data for " + readTimeout.toSeconds() + " s while receiving the answer", e);
        }
    }

    /**
     * Sends the request, trying again after a pause (backoff, doubled each time) when it cannot connect, times
     * out or gets a 5xx answer; returns a 2xx answer, or throws a DicomWebException saying why the last attempt
     * failed.
     */
    private <T> HttpResponse<InputStream> send(URI uri, HttpRequest.Builder req, HttpResponse.BodyHandler<InputStream> handler)
            throws IOException {
        HttpRequest request = req.build();
        String problem = null;
        IOException cause = null;
        int status = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause(uri, backoff.multipliedBy(1L << Math.min(attempt - 2, 10)));
            }
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(request, handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(uri + ": interrupted");
            } catch (IOException e) {
                cause = e;
                status = 0;
                problem = describe(e);
                continue;
            }
            int code = resp.statusCode();
            if (code >= 200 && code < 300) {
                return resp;
            }
            String excerpt = excerpt(resp.body());
            status = code;
            cause = null;
            problem = statusProblem(code, excerpt);
            if (code < 500) {
                break;
            }
        }
        String tries = attempts > 1 && (status == 0 || status >= 500) ? " (" + attempts + " attempts)" : "";
        throw new DicomWebException(uri, status, problem + tries, cause);
    }

    private String statusProblem(int code, String excerpt) {
        String body = excerpt.isEmpty() ? "" : ": " + excerpt;
        return switch (code) {
            case 401 -> "HTTP 401 Unauthorized: the server refused the credentials (" + credentials.description()
                    + "; give --user and --password-file, or --token-file)";
            case 403 -> "HTTP 403 Forbidden: these credentials may not do this (" + credentials.description() + ")";
            case 404 -> "HTTP 404 Not Found: the server has no such study, series or DICOMweb service at this URL";
            default -> "HTTP " + code + (code >= 500 ? " server error" : "") + body;
        };
    }

    /** Up to 200 characters of an error answer's body, on one line. */
    private static String excerpt(InputStream body) {
        try (InputStream in = body) {
            byte[] b = in.readNBytes(2048);
            String s = new String(b, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        } catch (IOException e) {
            return "";
        }
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + http.connectTimeout().map(Duration::toSeconds).orElse(0L) + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + readTimeout.toSeconds() + " s";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "cannot connect (" + (root.getMessage() == null ? "connection refused" : root.getMessage().toLowerCase(Locale.ROOT))
                    + "): is the DICOMweb server running at " + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()) + "?";
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "unknown host " + base.getHost();
        }
        String msg = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return (msg == null ? root.getClass().getSimpleName() : msg);
    }

    private static void pause(URI uri, Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(uri + ": interrupted");
        }
    }

    private static void requireUid(String uid, String what) {
        if (!isUid(uid)) {
            throw new IllegalArgumentException(what + " '" + uid + "' is not a DICOM UID (digits and dots, at most 64 characters)");
        }
    }

    // ---- DICOM JSON (PS3.18 F.2) ----

    static String text(JsonNode n, String tag) {
        JsonNode v = n.path(tag).path("Value").path(0);
        if (v.isObject()) {
            v = v.path("Alphabetic");
        }
        return v.isMissingNode() || v.isNull() ? "" : v.asString();
    }

    private static List<String> texts(JsonNode n, String tag) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : n.path(tag).path("Value")) {
            out.add(v.asString());
        }
        return out;
    }

    private static Integer integer(JsonNode n, String tag) {
        JsonNode v = n.path(tag).path("Value").path(0);
        if (v.isNumber()) {
            return v.asInt();
        }
        try {
            return v.isString() ? Integer.valueOf(v.asString().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Settings of a {@link DicomWebClient}; every one has a default. */
    public static final class Builder {
        private final URI base;
        private DicomWebCredentials credentials = DicomWebCredentials.none();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int attempts = 3;
        private Duration backoff = Duration.ofMillis(500);
        private String version = "unknown";

        private Builder(URI base) {
            this.base = base;
        }

        public Builder optCredentials(DicomWebCredentials c) {
            this.credentials = c;
            return this;
        }

        /** Time to establish a connection (default 10 s). */
        public Builder optConnectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** Time to wait for an answer's headers, and at most between two reads of its body (default 60 s). */
        public Builder optReadTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        /** Attempts per request when it cannot connect, times out or gets a 5xx answer (default 3). */
        public Builder optAttempts(int n) {
            this.attempts = n;
            return this;
        }

        /** Pause before the second attempt, doubled before each further one (default 0.5 s). */
        public Builder optBackoff(Duration d) {
            this.backoff = d;
            return this;
        }

        /** Calcify's version, for the User-Agent header. */
        public Builder optVersion(String v) {
            this.version = v;
            return this;
        }

        public DicomWebClient build() {
            if (base == null || base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                    || base.getHost() == null) {
                throw new IllegalArgumentException("DICOMweb URL must be http://HOST[:PORT]/PATH or https://..., not '" + base + "'");
            }
            if (base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("DICOMweb URL must have no query or fragment: '" + base + "'");
            }
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("attempts must be 1 to 10, not " + attempts);
            }
            for (Duration d : new Duration[] {connectTimeout, readTimeout}) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive");
                }
            }
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative");
            }
            return new DicomWebClient(this);
        }
    }
}
