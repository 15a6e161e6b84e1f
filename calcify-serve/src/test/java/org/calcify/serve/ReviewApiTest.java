package org.calcify.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.calcify.serve.Http.body;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calcify.io.text.JsonFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The review API as a browser uses it, over a real server on a free port: the worklist, reclassifying, adding a missed
 * lesion, undo, the version check, signing and what it writes; scores checked against an independent Python oracle
 * computed from the files on disk.
 */
class ReviewApiTest {
    @TempDir
    static Path tmp;
    static Path cohort;
    static ReviewServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        cohort = ReviewFixture.cohort(tmp, 6); // one scan per test that changes one
        server = ReviewServer.start(new ServeOptions(cohort, "127.0.0.1", 0, null, ServeOptions.DEFAULT_MAX_BODY_BYTES));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode view(String scan) throws Exception {
        Http.Answer a = http.get("/api/scans/" + scan);
        assertThat(a.status()).isEqualTo(200);
        return a.json();
    }

    private static double artery(JsonNode view, String artery) {
        return view.path("scores").path("arteries").path(artery).path("agatston").asDouble();
    }

    /** The label map the server holds now, saved to disk, scored by the oracle. */
    private static Map<String, Double> oracleOfServedLabels(String scan) throws Exception {
        Http.Answer labels = http.get("/api/scans/" + scan + "/labels.nii.gz");
        assertThat(labels.status()).isEqualTo(200);
        Path file = tmp.resolve(scan + "-served-" + System.nanoTime() + ".nii.gz");
        Files.write(file, labels.response().body());
        return AgatstonOracle.agatston(tmp.resolve("scans").resolve(scan + ".nii.gz"), file);
    }

    @Test
    void worklistListsEveryScanWithItsStatusScoresWarningsAndModel() throws Exception {
        Http.Answer a = http.get("/api/scans");
        assertThat(a.status()).isEqualTo(200);
        JsonNode scans = a.json().path("scans");
        assertThat(scans.size()).isEqualTo(6);
        JsonNode first = scans.get(0);
        assertThat(first.path("scan").asString()).isEqualTo("scan-0");
        assertThat(first.path("model").asString()).isEqualTo(ReviewFixture.MODEL);
        assertThat(first.path("category").asString()).isNotEmpty();
        assertThat(scans.get(1).path("warnings").asString()).contains("kVp");
        assertThat(a.json().path("categories").size()).isPositive();
    }

    @Test
    void reclassifyingUpdatesTheScoresAsTheOracleComputesThem() throws Exception {
        JsonNode v0 = view("scan-1");
        assertThat(v0.path("status").asString()).isEqualTo("not_reviewed");
        assertThat(v0.path("lesions").size()).isEqualTo(3);
        Map<String, Double> before = oracleOfServedLabels("scan-1");
        assertThat(artery(v0, "LAD")).isCloseTo(before.get("LAD"), within(1e-3)).isPositive();
        // lesion 1 (LAD) is really LCX
        Http.Answer a = http.post("/api/scans/scan-1/lesions/1/class", body("version", 0, "class", "LCX", "reader", "dr test"));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode v1 = a.json();
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("status").asString()).isEqualTo("in_review");
        assertThat(artery(v1, "LAD")).isZero();
        assertThat(artery(v1, "LCX")).isCloseTo(before.get("LAD"), within(1e-3));
        Map<String, Double> after = oracleOfServedLabels("scan-1");
        for (String art : List.of("LM", "LAD", "LCX", "RCA")) {
            assertThat(artery(v1, art)).as(art).isCloseTo(after.get(art), within(1e-3));
        }
        assertThat(v1.path("score_ms").asDouble()).isLessThan(200);
        // the live scores (on the box around the lesions) are those of calcify score's scorer on the whole scan
        Path served = tmp.resolve("scan-1-v1.nii.gz");
        Files.write(served, http.get("/api/scans/scan-1/labels.nii.gz").response().body());
        var whole = new org.calcify.score.CalciumScorer().score(ReviewFixture.ct(), org.calcify.io.VolumeIO.read(served)).document();
        JsonNode expected = JsonFiles.mapper().valueToTree(whole);
        for (String key : List.of("agatston", "volume_mm3", "mass_mg", "category", "arteries", "lesions")) {
            assertThat(v1.path("scores").path(key)).as(key).isEqualTo(expected.path(key));
        }
    }

    @Test
    void aMissedLesionIsAddedByAClickOnOneOfItsVoxelsAndUndone() throws Exception {
        int[] zyx = ReviewFixture.MISSED_ZYX;
        Http.Answer below = http.post("/api/scans/scan-2/lesions", body("version", 0, "zyx", ReviewFixture.SOFT_ZYX, "class", "RCA"));
        assertThat(below.status()).isEqualTo(400);
        assertThat(below.json().path("error").asString()).contains("below the 130 HU");
        Http.Answer a = http.post("/api/scans/scan-2/lesions", body("version", 0, "zyx", zyx, "class", "RCA"));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode v = a.json();
        assertThat(v.path("lesions").size()).isEqualTo(4);
        JsonNode added = v.path("lesions").get(3);
        assertThat(added.path("added").asBoolean()).isTrue();
        assertThat(added.path("voxels").asInt()).isEqualTo(3 * 5 * 5);
        Map<String, Double> oracle = oracleOfServedLabels("scan-2");
        assertThat(artery(v, "RCA")).isCloseTo(oracle.get("RCA"), within(1e-3));
        assertThat(oracle.get("RCA")).isGreaterThan(artery(view("scan-0"), "RCA"));
        Http.Answer again = http.post("/api/scans/scan-2/lesions", body("version", 1, "zyx", zyx, "class", "LAD"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asString()).contains("belongs to lesion 4");
        Http.Answer undo = http.post("/api/scans/scan-2/undo", body("version", 1));
        assertThat(undo.status()).isEqualTo(200);
        assertThat(undo.json().path("lesions").size()).isEqualTo(3);
        assertThat(artery(undo.json(), "RCA")).isCloseTo(artery(view("scan-0"), "RCA"), within(1e-9));
        assertThat(undo.json().path("version").asInt()).isEqualTo(2);
        // as the viewer sends a click: the point in RAS mm (the fixture's grid is LPS, identity direction)
        double[] lps = ReviewFixture.grid().indexToWorld(zyx[2], zyx[1], zyx[0]);
        Http.Answer click = http.post("/api/scans/scan-2/lesions", body("version", 2, "ras_mm", new double[] {-lps[0], -lps[1], lps[2]},
                "class", "LAD"));
        assertThat(click.status()).as(click.text()).isEqualTo(200);
        JsonNode clicked = click.json().path("lesions").get(3);
        assertThat(clicked.path("voxels").asInt()).isEqualTo(3 * 5 * 5);
        assertThat(clicked.path("current").asString()).isEqualTo("LAD");
    }

    @Test
    void aChangeBasedOnAnOldVersionIsAConflict() throws Exception {
        Http.Answer first = http.post("/api/scans/scan-0/lesions/2/class", body("version", 0, "class", "LM", "reader", "reader A"));
        assertThat(first.status()).isEqualTo(200);
        // a second browser still showing version 0
        Http.Answer second = http.post("/api/scans/scan-0/lesions/2/class", body("version", 0, "class", "none", "reader", "reader B"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("status").asInt()).isEqualTo(409);
        assertThat(second.json().path("error").asString()).contains("version 1");
        Http.Answer sign = http.post("/api/scans/scan-0/sign", body("version", 0, "reader", "reader B"));
        assertThat(sign.status()).isEqualTo(409);
        assertThat(view("scan-0").path("lesions").get(1).path("current").asString()).isEqualTo("LM");
        Http.Answer undo = http.post("/api/scans/scan-0/undo", body("version", 1, "reader", "reader A"));
        assertThat(undo.status()).isEqualTo(200);
        // review.json moved on behind this server's back (another server on the folder): refused too
        Path state = cohort.resolve("scan-0").resolve("review.json");
        JsonNode onDisk = JsonFiles.readTree(state);
        ((tools.jackson.databind.node.ObjectNode) onDisk).put("version", 7);
        JsonFiles.write(state, onDisk);
        Http.Answer behind = http.post("/api/scans/scan-0/lesions/2/class", body("version", 2, "class", "LAD"));
        assertThat(behind.status()).isEqualTo(409);
        assertThat(behind.json().path("error").asString()).contains("changed elsewhere");
    }

    @Test
    void signingWritesTheReviewedMapBesideTheProposedOneAndRegeneratesScores() throws Exception {
        String scan = "scan-3";
        Path folder = cohort.resolve(scan);
        byte[] proposed = Files.readAllBytes(folder.resolve("labels.nii.gz"));
        byte[] proposedScores = Files.readAllBytes(folder.resolve("scores.json"));
        int version = view(scan).path("version").asInt();
        Http.Answer other = http.post("/api/scans/" + scan + "/lesions/3/class", body("version", version, "class", "none", "reader", "dr sign"));
        assertThat(other.status()).isEqualTo(200);
        Http.Answer signed = http.post("/api/scans/" + scan + "/sign", body("version", version + 1, "reader", "dr sign"));
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(signed.json().path("status").asString()).isEqualTo("signed");
        assertThat(signed.json().path("can_undo").asBoolean()).isFalse();

        assertThat(Files.readAllBytes(folder.resolve("labels.nii.gz"))).isEqualTo(proposed);
        assertThat(Files.readAllBytes(folder.resolve("scores-proposed.json"))).isEqualTo(proposedScores);
        assertThat(folder.resolve("report-proposed.html")).exists();
        Path reviewed = folder.resolve("labels-reviewed.nii.gz");
        assertThat(reviewed).exists();
        Map<String, Double> oracle = AgatstonOracle.agatston(tmp.resolve("scans").resolve(scan + ".nii.gz"), reviewed);
        JsonNode scores = JsonFiles.readTree(folder.resolve("scores.json"));
        for (String art : List.of("LM", "LAD", "LCX", "RCA")) {
            assertThat(scores.path("arteries").path(art).path("agatston").asDouble()).as(art).isCloseTo(oracle.get(art), within(1e-3));
        }
        assertThat(scores.path("summary").path("agatston").asDouble()).isCloseTo(oracle.values().stream().mapToDouble(d -> d).sum(), within(2e-3));
        assertThat(scores.path("review").path("signed_by").asString()).isEqualTo("dr sign");
        assertThat(scores.path("model").asString()).isEqualTo(ReviewFixture.MODEL);
        // what the signature does not change is carried over from the proposal as it was
        JsonNode proposal = JsonFiles.readTree(folder.resolve("scores-proposed.json"));
        assertThat(scores.path("scan")).isEqualTo(proposal.path("scan"));
        assertThat(scores.path("anatomy")).isEqualTo(proposal.path("anatomy"));
        assertThat(scores.propertyNames()).containsExactly("summary", "scan", "agatston", "volume_mm3", "mass_mg", "category", "arteries",
                "lesions", "parameters", "detections", "protocol", "anatomy", "model", "review", "disclaimer");
        assertThat(Files.readString(folder.resolve("report.html"))).contains("signed by dr sign");

        List<String> audit = Files.readAllLines(folder.resolve("audit.jsonl"));
        assertThat(audit).hasSizeGreaterThanOrEqualTo(2);
        JsonNode last = JsonFiles.mapper().readTree(audit.get(audit.size() - 1));
        assertThat(last.path("action").asString()).isEqualTo("SIGN");
        assertThat(last.path("reader").asString()).isEqualTo("dr sign");
        assertThat(last.path("model").asString()).isEqualTo(ReviewFixture.MODEL);
        assertThat(last.path("at").asString()).isNotEmpty();
        assertThat(JsonFiles.mapper().readTree(audit.get(audit.size() - 2)).path("edit").path("to").asString()).isEqualTo("NONE");

        Http.Answer undo = http.post("/api/scans/" + scan + "/undo", body("version", version + 2));
        assertThat(undo.status()).isEqualTo(400);
        JsonNode row = null;
        for (JsonNode r : http.get("/api/scans").json().path("scans")) {
            if (r.path("scan").asString().equals(scan)) {
                row = r;
            }
        }
        assertThat(row.path("status").asString()).isEqualTo("signed");
        assertThat(row.path("signed_by").asString()).isEqualTo("dr sign");

        // the loop back into training: the signed scan with the reader's labels and the model's error as a hard example
        var signedScans = org.calcify.app.review.SignedScans.of(cohort);
        var mine = signedScans.stream().filter(x -> x.name().equals(scan)).findFirst().orElseThrow();
        assertThat(mine.reviewedLabels()).isEqualTo(reviewed.toRealPath());
        assertThat(mine.corrections()).singleElement().satisfies(c -> {
            assertThat(c.lesion()).isEqualTo(3);
            assertThat(c.proposed()).isEqualTo("other");
            assertThat(c.reviewed()).isEqualTo("none");
        });
    }

    @Test
    void volumesAreServedAsNiftiGzipWithEtags() throws Exception {
        Http.Answer ct = http.get("/api/scans/scan-4/ct.nii.gz");
        assertThat(ct.status()).isEqualTo(200);
        assertThat(ct.response().body()[0] & 0xFF).isEqualTo(0x1f);
        assertThat(ct.response().body()[1] & 0xFF).isEqualTo(0x8b);
        String etag = ct.header("ETag");
        assertThat(http.get("/api/scans/scan-4/ct.nii.gz", "If-None-Match", etag).status()).isEqualTo(304);
        Http.Answer labels = http.get("/api/scans/scan-4/labels.nii.gz");
        assertThat(labels.status()).isEqualTo(200);
        assertThat(http.get("/api/scans/scan-4/labels.nii.gz", "If-None-Match", labels.header("ETag")).status()).isEqualTo(304);
        Http.Answer page = http.get("/vendor/niivue/niivue.umd.js", "Accept-Encoding", "gzip");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void badRequestsGetAJsonErrorWithAStatusNeverAStackTrace() throws Exception {
        record Case(Http.Answer answer, int status) {
        }
        List<Case> cases = List.of(
                new Case(http.post("/api/scans/scan-5/lesions/1/class", "{not json"), 400),
                new Case(http.post("/api/scans/scan-5/lesions/1/class", body("class", "LAD")), 400),
                new Case(http.post("/api/scans/scan-5/lesions/1/class", body("version", 0, "class", "aorta")), 400),
                new Case(http.post("/api/scans/scan-5/lesions/99/class", body("version", 0, "class", "LAD")), 404),
                new Case(http.post("/api/scans/scan-5/lesions/x/class", body("version", 0, "class", "LAD")), 400),
                new Case(http.post("/api/scans/scan-5/lesions", body("version", 0, "zyx", new int[] {999, 0, 0}, "class", "LAD")), 400),
                new Case(http.postRaw("/api/scans/scan-5/sign", "text/plain", "{\"version\":0}"), 400),
                new Case(http.post("/api/scans/scan-5/sign", "{\"version\":0,\"reader\":\"" + "x".repeat(40_000) + "\"}"), 413),
                new Case(http.get("/api/nothing"), 404),
                new Case(http.get("/api/scans/scan-5/sign"), 404),
                new Case(http.get("/api/scans/no-such-scan"), 404));
        for (Case c : cases) {
            assertThat(c.answer.status()).as(c.answer.text()).isEqualTo(c.status);
            assertThat(c.answer.header("Content-Type")).startsWith("application/json");
            JsonNode e = c.answer.json();
            assertThat(e.path("status").asInt()).isEqualTo(c.status);
            assertThat(e.path("error").asString()).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception:");
        }
    }
}
