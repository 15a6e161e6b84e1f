package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calcify.app.detect.CohortDetection;
import org.calcify.app.detect.CohortList;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.DetectionOptions;
import org.calcify.app.detect.LesionRow;
import org.calcify.app.detect.ListedScan;
import org.calcify.app.detect.ScanItem;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.io.JsonFiles;
import org.calcify.app.score.ScanScoring;
import org.calcify.detect.CandidateClassifier;
import org.calcify.io.VolumeIO;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.data.ShardManifest;
import org.calcify.nn.inference.Classifiers;
import org.calcify.phantom.Kernel;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.phantom.Range;
import org.calcify.score.CalciumScorer;
import org.calcify.seed.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cohort commands on a small phantom cohort (4 scans of 96 x 96 x 30-40 voxels) plus two bad entries (a
 * missing file, a file that is no scan), on Spark local[2]: detect gives the label maps and the table of
 * {@code calcify detect}'s application layer run in-process, the Parquet tables read back by Spark's reader hold
 * the same rows, bad scans are error rows, and a rerun redoes only what is missing.
 */
class CohortCommandsTest {
    @TempDir
    static Path tmp;
    static Path list;

    @BeforeAll
    static void cohort() throws IOException {
        PhantomOptions o = PhantomOptions.builder().sizeXy(96).slices(30, 40).sliceThicknessMm(Range.of(2.5, 3.0))
                .kernels(Kernel.STANDARD, Kernel.SMOOTH).build();
        PhantomCohort.write(tmp.resolve("ph"), 4, 1, o, line -> { });
        Files.writeString(tmp.resolve("garbage.nii.gz"), "not a scan");
        StringBuilder csv = new StringBuilder("scan,labels\n");
        for (int i = 0; i < 4; i++) {
            csv.append("ph/case-000").append(i).append("/ct.nii.gz,ph/case-000").append(i).append("/labels.nii.gz\n");
        }
        csv.append("ph/missing.nii.gz,\ngarbage.nii.gz,\n");
        list = tmp.resolve("list.csv");
        Files.writeString(list, csv);
    }

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CohortMain.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertThat(err.toString()).as("stderr").doesNotContain("internal error").doesNotContain("Exception");
        return rc;
    }

    static List<CohortRow> withoutSeconds(List<CohortRow> rows) {
        return rows.stream().map(r -> new CohortRow(r.caseName(), r.status(), r.agatston(), r.volumeMm3(), r.massMg(), r.category(), r.lesions(),
                r.otherCalcium(), r.agatstonLm(), r.agatstonLad(), r.agatstonLcx(), r.agatstonRca(), r.sliceThicknessMm(), r.kvp(), r.kernel(),
                r.noiseHu(), r.bloodPoolHu(), r.warnings(), null, r.message())).toList();
    }

    /** Every row of a Parquet table, read by Spark's own reader in a session of this test, as column → value maps. */
    private static List<Map<String, Object>> parquet(Path dir) throws IOException {
        try (SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row r : s.read().parquet(dir.toUri().toString()).collectAsList()) {
                Map<String, Object> m = new HashMap<>();
                for (String f : r.schema().fieldNames()) {
                    m.put(f, r.get(r.fieldIndex(f)));
                }
                out.add(m);
            }
            return out;
        }
    }

    /** A number as the tables mean it: null (Parquet) and NaN (CSV read back) both say "none". */
    private static Double number(Object v) {
        return v == null ? Double.NaN : (Double) v;
    }

    /** Text as the tables mean it: null (Parquet) and empty (CSV read back) both say "none". */
    private static String text(Object v) {
        return v == null ? "" : (String) v;
    }

    @Test
    void detectGivesWhatCalcifyDetectGivesAndResumes() throws Exception {
        List<ScanItem> items = CohortList.resolve(list.toString()).stream().map(ListedScan::scan).toList();
        Path oracle = tmp.resolve("oracle");
        try (CandidateClassifier c = Classifiers.load(Classifiers.DEFAULT)) {
            new CohortDetection(c, DetectionOptions.builder().threads(2).writeCandidates(true).build()).run(items, oracle, Map.of(), true,
                    ProgressListener.NONE);
        }
        Path out = tmp.resolve("detect");
        assertThat(run("detect", "--input", list.toString(), "--out", out.toString(), "--master", "local[2]", "--candidates", "--quiet"))
                .as("exit 1: two scans failed").isEqualTo(1);

        List<CohortRow> expected = JsonFiles.readCsv(oracle.resolve("cohort.csv"), CohortRow.class);
        List<CohortRow> got = JsonFiles.readCsv(out.resolve("cohort.csv"), CohortRow.class);
        assertThat(withoutSeconds(got)).isEqualTo(withoutSeconds(expected));
        assertThat(got.stream().filter(r -> r.status() == ScanStatus.OK)).hasSize(4);
        assertThat(got.get(4).message()).contains("missing.nii.gz").contains("no such file");
        assertThat(got.get(5).status()).isEqualTo(ScanStatus.FAILED);
        assertThat(got.get(5).message()).contains("garbage.nii.gz");
        int lesions = 0;
        for (CohortRow r : expected.subList(0, 4)) {
            for (String f : List.of("labels.nii.gz", "scores.json", "report.html")) {
                assertThat(out.resolve(r.caseName()).resolve(f)).exists();
            }
            assertThat(Files.mismatch(oracle.resolve(r.caseName()).resolve("labels.nii.gz"), out.resolve(r.caseName()).resolve("labels.nii.gz")))
                    .as(r.caseName() + " label map byte for byte").isEqualTo(-1L);
            assertThat(Files.mismatch(oracle.resolve(r.caseName()).resolve("candidates.csv"), out.resolve(r.caseName()).resolve("candidates.csv")))
                    .as(r.caseName() + " candidates table byte for byte").isEqualTo(-1L);
            lesions += LesionRow.fromScores(r.caseName(), oracle.resolve(r.caseName()).resolve("scores.json")).size();
        }
        assertThat(lesions).as("the cohort has lesions").isPositive();
        assertThat(JsonFiles.readCsv(out.resolve("lesions.csv"), LesionRow.class)).hasSize(lesions);

        // the Parquet tables, read back by Spark's reader
        List<Map<String, Object>> scans = parquet(out.resolve("cohort.parquet"));
        assertThat(scans).hasSize(6);
        for (CohortRow e : expected) {
            Map<String, Object> row = scans.stream().filter(m -> e.caseName().equals(m.get("case"))).findFirst().orElseThrow();
            assertThat(row.get("status")).isEqualTo(e.status().jsonName());
            assertThat(number(row.get("agatston"))).isEqualTo(number(e.agatston()));
            assertThat(number(row.get("agatston_LAD"))).isEqualTo(number(e.agatstonLad()));
            assertThat(text(row.get("category"))).isEqualTo(text(e.category()));
            assertThat(row.get("lesions")).isEqualTo(e.lesions());
            assertThat(text(row.get("warnings"))).isEqualTo(text(e.warnings()));
            assertThat(text(row.get("message"))).isEqualTo(text(e.message()));
            assertThat(row.get("seconds")).isInstanceOf(Double.class);
        }
        assertThat(parquet(out.resolve("lesions.parquet"))).hasSize(lesions);

        // a rerun redoes only what is missing (a killed run's scans), and gives the same tables
        String redo = expected.get(1).caseName();
        Map<String, FileTime> before = new HashMap<>();
        for (CohortRow r : expected.subList(0, 4)) {
            before.put(r.caseName(), Files.getLastModifiedTime(out.resolve(r.caseName()).resolve("labels.nii.gz")));
        }
        org.calcify.spark.CohortTables.deleteTree(out.resolve(redo));
        assertThat(run("detect", "--input", list.toString(), "--out", out.toString(), "--master", "local[2]", "--quiet")).isEqualTo(1);
        for (CohortRow r : expected.subList(0, 4)) {
            FileTime t = Files.getLastModifiedTime(out.resolve(r.caseName()).resolve("labels.nii.gz"));
            if (r.caseName().equals(redo)) {
                assertThat(Files.mismatch(oracle.resolve(redo).resolve("labels.nii.gz"), out.resolve(redo).resolve("labels.nii.gz"))).isEqualTo(-1L);
            } else {
                assertThat(t).as(r.caseName() + " not redone").isEqualTo(before.get(r.caseName()));
            }
        }
        List<CohortRow> again = JsonFiles.readCsv(out.resolve("cohort.csv"), CohortRow.class);
        assertThat(withoutSeconds(again)).isEqualTo(withoutSeconds(expected));
        assertThat(JsonFiles.readCsv(out.resolve("lesions.csv"), LesionRow.class)).hasSize(lesions);
    }

    /**
     * {@code --dicom-out}: a scan that is a DICOM series gets the SEG and SR of {@code calcify export} (valid for
     * dicom3tools' dciodvfy; the SEG read back is the label map), a NIfTI scan beside it none; a rerun keeps them.
     */
    @Test
    void detectWithDicomOutWritesSegAndSrForDicomSeries() throws Exception {
        // the phantom case with the most calcium becomes a DICOM series; another stays NIfTI
        var table = org.calcify.io.text.CsvTable.read(tmp.resolve("ph/cohort.csv"));
        int col = table.header().indexOf("agatston");
        List<String> byCalcium = table.rows().stream().sorted((a, b) -> Double.compare(Double.parseDouble(b.get(col)), Double.parseDouble(a.get(col))))
                .map(r -> r.get(0)).toList();
        Path series = tmp.resolve("dicom-series");
        org.calcify.io.dicom.write.CtImageSeries.write(org.calcify.io.VolumeIO.read(tmp.resolve("ph").resolve(byCalcium.get(0)).resolve("ct.nii.gz")),
                series, org.calcify.io.dicom.write.CtImageSeries.Identity.newStudy("cohort test", 120.0, "test"));
        Path l = tmp.resolve("dicom-list.txt");
        Files.writeString(l, series + "\n" + tmp.resolve("ph").resolve(byCalcium.get(1)).resolve("ct.nii.gz") + "\n");
        Path out = tmp.resolve("detect-dicom");
        assertThat(run("detect", "--input", l.toString(), "--out", out.toString(), "--master", "local[2]", "--dicom-out", "--quiet")).isZero();
        List<CohortRow> rows = JsonFiles.readCsv(out.resolve("cohort.csv"), CohortRow.class);
        assertThat(rows).hasSize(2).allMatch(r -> r.status() == ScanStatus.OK);
        Path dicomDir = out.resolve(rows.get(0).caseName());
        Path niftiDir = out.resolve(rows.get(1).caseName());
        assertThat(niftiDir.resolve("sr.dcm")).doesNotExist();
        assertThat(niftiDir.resolve("seg.dcm")).doesNotExist();
        var srCheck = org.calcify.testing.DicomTools.dciodvfy(dicomDir.resolve("sr.dcm"));
        assertThat(srCheck.errors()).as(srCheck.output()).isEmpty();
        var labels = org.calcify.io.VolumeIO.read(dicomDir.resolve("labels.nii.gz"));
        assertThat(rows.get(0).lesions()).as("the series has calcium, so a SEG").isPositive();
        var segCheck = org.calcify.testing.DicomTools.dciodvfy(dicomDir.resolve("seg.dcm"));
        assertThat(segCheck.errors()).as(segCheck.output()).isEmpty();
        var back = org.calcify.report.dicom.LabelMapReader.read(dicomDir.resolve("seg.dcm"), series, org.calcify.io.VolumeIO.read(series));
        int differ = 0;
        for (int i = 0; i < labels.geometry().voxelCount(); i++) {
            differ += back.valueAt(i) == labels.valueAt(i) ? 0 : 1;
        }
        assertThat(differ).as("SEG voxels unlike the label map").isZero();
        FileTime sr = Files.getLastModifiedTime(dicomDir.resolve("sr.dcm"));
        assertThat(run("detect", "--input", l.toString(), "--out", out.toString(), "--master", "local[2]", "--dicom-out", "--quiet")).isZero();
        assertThat(Files.getLastModifiedTime(dicomDir.resolve("sr.dcm"))).as("a rerun keeps the SR").isEqualTo(sr);
    }

    @Test
    void scoreGivesTheScoresOfCalcifyScore() throws Exception {
        Path out = tmp.resolve("score");
        assertThat(run("score", "--input", list.toString(), "--out", out.toString(), "--master", "local[2]", "--quiet")).isEqualTo(1);
        List<CohortRow> got = JsonFiles.readCsv(out.resolve("cohort.csv"), CohortRow.class);
        assertThat(got).hasSize(6);
        List<ListedScan> scans = CohortList.resolve(list.toString());
        ScanScoring scoring = new ScanScoring(new CalciumScorer(), false, false);
        for (int i = 0; i < 4; i++) {
            ListedScan s = scans.get(i);
            ScanScoring.ScoredScan e = scoring.score(s.scan().path(), VolumeIO.read(s.scan().path()), s.labels(), VolumeIO.read(s.labels()));
            assertThat(got.get(i).status()).isEqualTo(ScanStatus.OK);
            assertThat(got.get(i).agatston()).isEqualTo(Math.round(e.score().total().agatston() * 1000) / 1000.0);
            assertThat(got.get(i).lesions()).isEqualTo(e.score().lesions().size());
        }
        assertThat(got.get(4).status()).isEqualTo(ScanStatus.FAILED);
        assertThat(got.get(5).message()).contains("no label map");
        assertThat(parquet(out.resolve("cohort.parquet"))).hasSize(6);
    }

    @Test
    void extractWritesShardsPerPartitionAndOneManifestThatTrainReads() throws Exception {
        Path out = tmp.resolve("extract");
        String[] args = {"extract", "--input", list.toString(), "--out", out.toString(), "--master", "local[2]", "--partitions", "2", "--quiet",
            "--mode", "cube", "--size", "9,17,17", "--per-class", "40"};
        assertThat(run(args)).isEqualTo(1);
        List<ExtractRow> rows = JsonFiles.readCsv(out.resolve("scans.csv"), ExtractRow.class);
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().filter(r -> r.status() == ScanStatus.OK)).hasSize(4);
        assertThat(ShardManifest.folders(out)).isNotEmpty();
        PatchData data = PatchData.open(out);
        long patches = rows.stream().filter(r -> r.patches() != null).mapToLong(ExtractRow::patches).sum();
        assertThat(data.size()).isEqualTo((int) patches).isPositive();
        assertThat(data.patchZyx()).containsExactly(9, 17, 17);
        FileTime t = Files.getLastModifiedTime(out.resolve("part-00000").resolve("labels.npy"));
        assertThat(run(args)).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(out.resolve("part-00000").resolve("labels.npy"))).as("a finished partition is not cut again").isEqualTo(t);
        assertThat(JsonFiles.readCsv(out.resolve("scans.csv"), ExtractRow.class)).isEqualTo(rows);

        // a rerun that would deal the scans otherwise is refused (it would reuse part-00000 for other scans); without
        // --partitions it takes the plan's count and resumes
        String[] three = args.clone();
        three[java.util.Arrays.asList(args).indexOf("--partitions") + 1] = "3";
        StringWriter err = new StringWriter();
        int rc = CohortMain.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(three);
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("calcify: error: " + out).contains("--partitions 2").doesNotContain("\n");
        List<String> unset = new java.util.ArrayList<>(List.of(args));
        unset.subList(unset.indexOf("--partitions"), unset.indexOf("--partitions") + 2).clear();
        assertThat(run(unset.toArray(String[]::new))).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(out.resolve("part-00000").resolve("labels.npy"))).isEqualTo(t);
        assertThat(JsonFiles.readCsv(out.resolve("scans.csv"), ExtractRow.class)).isEqualTo(rows);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        StringWriter err = new StringWriter();
        int rc = CohortMain.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("detect", "--input", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("calcify: error: ").contains("nowhere").doesNotContain("\n");

        // extract's noise gate applies to heart-region candidates only, as in 'calcify extract'
        StringWriter gate = new StringWriter();
        rc = CohortMain.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(gate))
                .execute("extract", "--input", list.toString(), "--out", tmp.resolve("g").toString(), "--min-significance", "0");
        assertThat(rc).isEqualTo(2);
        assertThat(gate.toString().strip()).isEqualTo("calcify: error: --min-significance needs --heart-region");
        assertThat(new ExtractSettings(org.calcify.extract.PatchMode.CUBE, new int[] {9, 33, 33}, "50,400", 130, 1, true, 3.5, 0, 0, 0, null)
                .options().minSignificance()).isEqualTo(3.5);

        // without gate options, cohort detect's noise gate is the core's default, as detect's
        DetectCohortCommand detect = (DetectCohortCommand) CohortMain.newCommandLine().parseArgs("detect", "--input", "a", "--out", "b")
                .subcommand().commandSpec().userObject();
        assertThat(new DetectSettings(detect.voxelsPerLesion, false, false, false, false, detect.minSignificance, detect.minNoiseExcess,
                detect.noiseBackground, detect.minSmoothedRise, detect.noiseVoxels, null).options().noiseGate())
                .isEqualTo(org.calcify.detect.NoiseGate.DEFAULT);

        // a bad option: the line and where help is; --debug on any subcommand adds the trace
        StringWriter usage = new StringWriter();
        rc = CohortMain.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(usage)).execute("score", "--input", "a", "--out", "b", "--frobnicate");
        assertThat(rc).isEqualTo(2);
        assertThat(usage.toString().lines().toList()).first().asString().startsWith("calcify: error: Unknown option: '--frobnicate'");
        assertThat(usage.toString().lines().toList()).last().isEqualTo("Try 'calcify cohort score --help' for more information.");
        StringWriter debug = new StringWriter();
        rc = CohortMain.newCommandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(debug))
                .execute("detect", "--input", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x").toString(), "--debug");
        assertThat(rc).isEqualTo(2);
        assertThat(debug.toString()).startsWith("calcify: error: ").contains("\tat ");
    }
}
