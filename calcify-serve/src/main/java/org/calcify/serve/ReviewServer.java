package org.calcify.serve;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.calcify.app.review.ReviewCohort;
import org.calcify.app.review.ReviewException;
import org.calcify.app.review.ReviewView;
import org.calcify.app.review.ScanReview;
import org.calcify.app.review.WorklistRow;
import org.calcify.io.InvalidInputException;
import org.calcify.io.PrintableText;
import org.calcify.score.CalciumLabel;

/**
 * {@code calcify serve}: the worklist and the viewer (static pages from the classpath, NiiVue vendored) over the review
 * use case of calcify-app ({@link ReviewCohort}). Routes are small handlers; errors of every kind become an
 * {@link ApiError} with a status; with a token every request must carry it (header {@code Authorization: Bearer},
 * the cookie set when a page is opened with {@code ?token=}, or that query parameter).
 */
public final class ReviewServer implements AutoCloseable {
    static final String TOKEN_COOKIE = "calcify_token";
    private static final String READER_HEADER = "X-Calcify-Reader";

    private final ServeOptions options;
    private final ReviewCohort cohort;
    private final Javalin app;

    private ReviewServer(ServeOptions options, ReviewCohort cohort) {
        this.options = options;
        this.cohort = cohort;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new CalcifyJsonMapper());
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.http.generateEtags = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.precompressMaxSize = 8 * 1024 * 1024;
                files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
            });
            var r = config.routes;
            r.before(this::checkAccess);
            Legend legend = Legend.of();
            r.get("/api/legend", ctx -> ctx.json(legend));
            r.get("/api/scans", this::worklist);
            r.get("/api/scans/{scan}", ctx -> ctx.json(open(ctx).view()));
            r.get("/api/scans/{scan}/ct.nii.gz", this::ctVolume);
            r.get("/api/scans/{scan}/labels.nii.gz", this::labelVolume);
            r.get("/api/scans/{scan}/report.html", this::report);
            r.post("/api/scans/{scan}/lesions/{lesion}/class", this::setClass);
            r.post("/api/scans/{scan}/lesions", this::addLesion);
            r.post("/api/scans/{scan}/undo", ctx -> {
                ReviewRequests.Versioned body = body(ctx, ReviewRequests.Versioned.class);
                ctx.json(open(ctx).undo(version(body.version()), reader(ctx, body.reader())));
            });
            r.post("/api/scans/{scan}/sign", ctx -> {
                ReviewRequests.Versioned body = body(ctx, ReviewRequests.Versioned.class);
                ctx.json(open(ctx).sign(version(body.version()), reader(ctx, body.reader())));
            });
            r.exception(ReviewException.class, (e, ctx) -> error(ctx, switch (e.reason()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                case CONFLICT -> 409;
            }, e.getMessage()));
            r.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 422, e.getMessage()));
            r.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            r.exception(tools.jackson.core.JacksonException.class, (e, ctx) -> error(ctx, 400, "the body is not the JSON expected: "
                    + e.getOriginalMessage()));
            r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                System.err.println("calcify serve: internal error on " + ctx.method() + " " + PrintableText.escape(ctx.path()) + ": " + e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            r.error(404, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    error(ctx, 404, "no such page: " + ctx.path());
                }
            });
            r.error(405, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path());
                }
            });
        });
    }

    /** A request the server cannot make sense of (a missing field, a bad class name). */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    /** Starts a server over {@code options.cohort()}; it listens on the host and port given, and on nothing else. */
    public static ReviewServer start(ServeOptions options) throws IOException {
        ReviewServer s = new ReviewServer(options, new ReviewCohort(options.cohort()));
        s.app.start(options.host(), options.port());
        // the worklist read once in the background, so that the first page finds it cached
        Thread warm = new Thread(() -> {
            try {
                s.cohort.worklist();
            } catch (IOException | RuntimeException e) {
                // the page's own request reports it
            }
        }, "calcify-serve-worklist");
        warm.setDaemon(true);
        warm.start();
        return s;
    }

    public int port() {
        return app.port();
    }

    /** The address to open in a browser (with the token when there is one). */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/" + (options.token() == null ? "" : "?token=" + options.token().value());
    }

    public ReviewCohort cohort() {
        return cohort;
    }

    @Override
    public void close() {
        app.stop();
    }

    private void checkAccess(Context ctx) {
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer"); // an address with ?token= never travels in a Referer
        AccessToken token = options.token();
        if (token == null) {
            // without a token only this machine can connect; a page elsewhere that points its own name at 127.0.0.1
            // (DNS rebinding) still sends its name as Host, and is refused
            if (!isLoopbackHost(ctx.header("Host"))) {
                throw new HttpResponseException(403, "this server answers only requests addressed to 127.0.0.1, localhost or [::1]");
            }
            return;
        }
        String auth = ctx.header("Authorization");
        String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
        String query = ctx.queryParam("token");
        if (token.matches(bearer) || token.matches(ctx.cookie(TOKEN_COOKIE))) {
            return;
        }
        if (token.matches(query)) {
            // a page opened from the printed address: later requests (scripts, volumes) carry the cookie
            ctx.cookie(new Cookie(TOKEN_COOKIE, query, "/", -1, false, true, null, SameSite.STRICT));
            return;
        }
        throw new HttpResponseException(401, "this server needs its token (printed at start, or the --token-file): "
                + "Authorization: Bearer TOKEN, or open the printed address");
    }

    /** True for a Host header naming this machine: 127.0.0.1, localhost or [::1], with any port. */
    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private void worklist(Context ctx) throws IOException {
        long t0 = System.nanoTime();
        List<WorklistRow> rows = cohort.worklist();
        Map<String, Integer> categories = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (WorklistRow row : rows) {
            categories.merge(row.category() == null ? "not scored" : row.category(), 1, Integer::sum);
            statuses.merge(row.status().jsonName(), 1, Integer::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cohort", cohort.dir().getFileName().toString());
        out.put("scans", rows);
        out.put("categories", categories);
        out.put("statuses", statuses);
        out.put("millis", Math.round((System.nanoTime() - t0) / 1e5) / 10.0);
        ctx.json(out);
    }

    private ScanReview open(Context ctx) throws IOException, ReviewException {
        return cohort.open(ctx.pathParam("scan"));
    }

    /** The scan as .nii.gz, streamed from its file (a cached conversion when it is not one), revalidated by ETag. */
    private void ctVolume(Context ctx) throws IOException, ReviewException {
        Path file = cohort.viewerVolume(ctx.pathParam("scan"));
        long size = Files.size(file);
        String etag = "\"ct-" + size + "-" + Files.getLastModifiedTime(file).toMillis() + "\"";
        if (notModified(ctx, etag)) {
            return;
        }
        ctx.disableCompression(); // gzip already
        ctx.contentType("application/gzip");
        ctx.header("Content-Length", Long.toString(size));
        InputStream in = Files.newInputStream(file);
        ctx.result(in);
    }

    /** The current label map as .nii.gz; its ETag is the review's version. */
    private void labelVolume(Context ctx) throws IOException, ReviewException {
        ScanReview review = open(ctx);
        String etag = "\"labels-" + review.version() + "\"";
        if (notModified(ctx, etag)) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        int version = review.writeLabelsNifti(bytes);
        ctx.header("ETag", "\"labels-" + version + "\"");
        ctx.disableCompression();
        ctx.contentType("application/gzip");
        ctx.result(bytes.toByteArray());
    }

    private void report(Context ctx) throws IOException, ReviewException {
        Path report = cohort.report(ctx.pathParam("scan"));
        ctx.contentType("text/html;charset=utf-8");
        ctx.header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
        ctx.result(Files.readAllBytes(report));
    }

    private static boolean notModified(Context ctx, String etag) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    private void setClass(Context ctx) throws Exception {
        ReviewRequests.SetClass body = body(ctx, ReviewRequests.SetClass.class);
        int lesion;
        try {
            lesion = Integer.parseInt(ctx.pathParam("lesion"));
        } catch (NumberFormatException e) {
            throw new BadRequest("lesion must be a number, got '" + PrintableText.escape(ctx.pathParam("lesion")) + "'");
        }
        ReviewView view = open(ctx).reclassify(version(body.version()), lesion, label(body.className()), reader(ctx, body.reader()));
        ctx.json(view);
    }

    private void addLesion(Context ctx) throws Exception {
        ReviewRequests.AddLesion body = body(ctx, ReviewRequests.AddLesion.class);
        ScanReview review = open(ctx);
        int[] zyx;
        if (body.zyx() != null && body.zyx().length == 3) {
            zyx = body.zyx();
        } else if (body.rasMm() != null) {
            zyx = review.voxelAt(body.rasMm());
        } else {
            throw new BadRequest("give the voxel as zyx [z, y, x] or the point as ras_mm [R, A, S]");
        }
        ctx.json(review.addLesion(version(body.version()), zyx, label(body.className()), reader(ctx, body.reader())));
    }

    private static <T> T body(Context ctx, Class<T> type) throws BadRequest {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a browser cannot send JSON to another origin without asking first (CORS), and this server never agrees
            throw new BadRequest("send the body as application/json");
        }
        T value = ctx.bodyAsClass(type);
        if (value == null) {
            throw new BadRequest("the body is empty");
        }
        return value;
    }

    private static int version(Integer v) throws BadRequest {
        if (v == null) {
            throw new BadRequest("version is missing: send the version the change is based on");
        }
        return v;
    }

    private static CalciumLabel label(String name) throws BadRequest {
        if (name == null) {
            throw new BadRequest("class is missing (none, LM, LAD, LCX, RCA or other)");
        }
        try {
            return CalciumLabel.ofClassName(name);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** Who made a change: the body's reader, the X-Calcify-Reader header, else the account the server runs under. */
    private static String reader(Context ctx, String fromBody) throws BadRequest {
        String r = fromBody != null ? fromBody : ctx.header(READER_HEADER);
        if (r == null || r.isBlank()) {
            r = System.getProperty("user.name", "unknown");
        }
        r = r.strip();
        if (r.length() > 80 || !r.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new BadRequest("reader must be at most 80 printable characters");
        }
        return r;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.json(new ApiError(status, PrintableText.escape(message == null ? "error" : message)));
    }
}
