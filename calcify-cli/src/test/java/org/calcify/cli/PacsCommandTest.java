package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.calcify.app.io.JsonFiles;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code calcify pacs} and {@code detect --input dicomweb://} against a real Orthanc with its DICOMweb plugin,
 * started on a free loopback port with basic authentication: a real chest series stored (STOW-RS), found
 * (QIDO-RS), retrieved (WADO-RS), detected, its SEG and SR stored and retrieved again, linked to the study.
 */
class PacsCommandTest {
    private static final Path CHEST = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest").resolve("dicom");
    private static final String STUDY = "1.3.6.1.4.1.14519.5.2.1.6655.2359.165554066086145834377508507990";
    private static final String SERIES = "1.3.6.1.4.1.14519.5.2.1.6655.2359.213534032021332276911485641315";

    @TempDir
    static Path serverDir;
    private static OrthancServer orthanc;
    private static Path passwordFile;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startOrthanc() throws Exception {
        assumeTrue(OrthancServer.installed(), "Orthanc with the DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb)");
        orthanc = OrthancServer.start(serverDir);
        passwordFile = serverDir.resolve("password");
        Files.writeString(passwordFile, OrthancServer.PASSWORD + "\n");
    }

    @AfterAll
    static void stopOrthanc() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static CliRunner pacs(String command, String... args) {
        String[] all = Stream.concat(Stream.of("pacs", command, "--url", orthanc.dicomWebUrl(), "--user", OrthancServer.USER,
                "--password-file", passwordFile.toString()), Stream.of(args)).toArray(String[]::new);
        return CliRunner.run(all);
    }

    @Test
    void pushQueryPullDetectPushSegAndSrPullBack() throws Exception {
        CliRunner push = pacs("push", CHEST.toString());
        assertThat(push.exitCode()).as(push.err() + orthanc.log()).isZero();
        assertThat(push.out()).contains("stored 36 of 36 instances");

        CliRunner query = pacs("query", "--patient-id", "Lung_Dx-A0001");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains(STUDY).contains("Lung_Dx-A0001");
        CliRunner series = pacs("query", "--study", STUDY, "--json");
        assertThat(series.exitCode()).as(series.err()).isZero();
        assertThat(series.out()).contains(SERIES).contains("\"modality\": \"CT\"");

        Path first = tmp.resolve("first");
        CliRunner pull = pacs("pull", "--study", STUDY, "--out", first.toString());
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        Path pulled = first.resolve(SERIES);
        assertThat(contents(pulled).values()).containsExactlyInAnyOrderElementsOf(contents(CHEST).values()); // as stored, byte for byte
        Volume local = VolumeIO.read(CHEST);
        Volume remote = VolumeIO.read(pulled);
        assertThat(remote.geometry()).isEqualTo(local.geometry());
        for (int i = 0; i < local.geometry().voxelCount(); i++) {
            if (local.valueAt(i) != remote.valueAt(i)) {
                throw new AssertionError("voxel " + i + ": " + remote.valueAt(i) + " pulled, " + local.valueAt(i) + " local");
            }
        }

        // detect straight from the server with the default model, and with the baseline for a SEG (the default finds no calcium here)
        String auth = "--user=" + OrthancServer.USER;
        String source = "dicomweb://127.0.0.1:" + orthanc.port() + "/dicom-web?StudyInstanceUID=" + STUDY;
        Path det = tmp.resolve("det");
        CliRunner d = CliRunner.run("detect", "--input", source, "--out", det.toString(), "--dicom-out", "--quiet", auth,
                "--password-file", passwordFile.toString());
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(det.resolve(SERIES).resolve("sr.dcm")).isRegularFile();
        Path base = tmp.resolve("base");
        CliRunner b = CliRunner.run("detect", "--model", "baseline", "--input", source + "&SeriesInstanceUID=" + SERIES, "--out", base.toString(),
                "--dicom-out", "--quiet", auth, "--password-file", passwordFile.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(base.resolve(SERIES).resolve("seg.dcm")).isRegularFile();

        CliRunner results = pacs("push", det.resolve(SERIES).resolve("sr.dcm").toString(), base.resolve(SERIES).toString());
        assertThat(results.exitCode()).as(results.err() + orthanc.log()).isZero();
        assertThat(results.out()).contains("stored 3 of 3 instances");

        // Orthanc files them under the same study: one study, four series (CT, SR, SEG, SR)
        JsonNode studies = JsonFiles.json().readTree(orthanc.rest("/studies"));
        assertThat(studies.size()).isEqualTo(1);
        JsonNode study = JsonFiles.json().readTree(orthanc.rest("/studies/" + studies.get(0).asString()));
        assertThat(study.path("MainDicomTags").path("StudyInstanceUID").asString()).isEqualTo(STUDY);
        assertThat(study.path("Series").size()).isEqualTo(4);
        CliRunner all = pacs("query", "--study", STUDY, "--json");
        assertThat(all.out()).contains("\"modality\": \"SEG\"").contains("\"modality\": \"SR\"");

        // pull the whole study back: the SEG and SR as written, and the same bytes a second time
        Path back = tmp.resolve("back");
        CliRunner pb = pacs("pull", "--study", STUDY, "--out", back.toString());
        assertThat(pb.exitCode()).as(pb.err()).isZero();
        Map<String, String> once = contents(back);
        assertThat(once.values()).contains(md5(det.resolve(SERIES).resolve("sr.dcm")), md5(base.resolve(SERIES).resolve("seg.dcm")),
                md5(base.resolve(SERIES).resolve("sr.dcm")));
        assertThat(once).hasSize(36 + 3);
        CliRunner again = pacs("pull", "--study", STUDY, "--out", back.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(contents(back)).isEqualTo(once);
        assertThat(leftovers(back)).isEmpty();
    }

    @Test
    void aServerThatIsDownIsOneLineNamingTheUrl() throws IOException {
        String url = "http://127.0.0.1:" + OrthancServer.freePort() + "/dicom-web";
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.run("pacs", "pull", "--url", url, "--study", STUDY, "--out", out.toString(), "--attempts", "2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("calcify: error: " + url + "/studies/" + STUDY)
                .contains("cannot connect").contains("2 attempts");
        assertThat(out).doesNotExist();
        CliRunner d = CliRunner.run("detect", "--input", "dicomweb://127.0.0.1:" + url.split(":")[2].replace("/dicom-web", "")
                + "/dicom-web?StudyInstanceUID=" + STUDY, "--out", out.toString(), "--attempts", "1", "--quiet");
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err().lines().toList()).singleElement().asString().contains(url).contains("cannot connect");
    }

    @Test
    void aWrongPasswordIs401Named() throws IOException {
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "not-the-password\n");
        CliRunner r = CliRunner.run("pacs", "query", "--url", orthanc.dicomWebUrl(), "--user", OrthancServer.USER, "--password-file", wrong.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("calcify: error: " + orthanc.dicomWebUrl() + "/studies")
                .contains("HTTP 401 Unauthorized").doesNotContain("not-the-password");
        CliRunner none = CliRunner.run("pacs", "push", "--url", orthanc.dicomWebUrl(), CHEST.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("HTTP 401");
    }

    @Test
    void aFailedPullLeavesNothing() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner r = pacs("pull", "--study", STUDY, "--series", "1.2.3.4", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("/studies/" + STUDY + "/series/1.2.3.4").contains("404");
        assertThat(leftovers(out)).isEmpty();
        CliRunner bad = pacs("pull", "--study", "not-a-uid", "--out", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--study 'not-a-uid' is not a DICOM UID");
        CliRunner notDicom = pacs("push", passwordFile.toString());
        assertThat(notDicom.exitCode()).isEqualTo(2);
        assertThat(notDicom.err().strip()).isEqualTo("calcify: error: " + passwordFile + ": not a DICOM file");
    }

    /** Every file under {@code dir}, relative path to MD5. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), md5(p));
            }
        }
        return out;
    }

    private static String md5(Path p) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
