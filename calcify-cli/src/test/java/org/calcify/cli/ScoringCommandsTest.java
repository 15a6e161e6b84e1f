package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify phantom}, {@code score}, {@code evaluate} and the scoring demo, end to end. */
class ScoringCommandsTest {
    @TempDir
    static Path dir;
    static Path cohort;

    @BeforeAll
    static void phantom() {
        cohort = dir.resolve("cohort");
        CliRunner r = CliRunner.run("phantom", "--out", cohort.toString(), "--count", "3", "--seed", "9",
                "--size", "96", "--slices", "10-14");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[phantom] case-0000", "[phantom] case-0002", "cohort.csv");
    }

    @Test
    void phantomIsDeterministic() throws IOException {
        Path again = dir.resolve("again");
        assertThat(CliRunner.run("phantom", "--out", again.toString(), "--count", "1", "--seed", "9",
                "--size", "96", "--slices", "10-14").exitCode()).isZero();
        assertThat(VolumeIO.read(again.resolve("case-0000/ct.nii.gz")).shorts())
                .isEqualTo(VolumeIO.read(cohort.resolve("case-0000/ct.nii.gz")).shorts());
    }

    @Test
    void scoreJsonHasTheDocumentedKeys() {
        CliRunner r = CliRunner.run("score", "--ct", cohort.resolve("case-0001/ct.nii.gz").toString(),
                "--labels", cohort.resolve("case-0001/labels.nii.gz").toString(), "--json", "--artery-split", "proportional",
                "--no-thickness-normalisation");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"agatston\"", "\"volume_mm3\"", "\"mass_mg\"", "\"category\"", "\"arteries\"",
                "\"LM\"", "\"LAD\"", "\"LCX\"", "\"RCA\"", "\"lesions\"", "\"parameters\"", "\"artery_split\": \"proportional\"",
                "\"thickness_normalisation\": false");
        CliRunner text = CliRunner.run("score", "--ct", cohort.resolve("case-0001/ct.nii.gz").toString(),
                "--labels", cohort.resolve("case-0001/labels.nii.gz").toString());
        assertThat(text.out()).contains("total", "category:", "lesions:");
    }

    /**
     * {@code score} screens the scan as {@code detect} does: the real chest's 5 mm slices are a warning after the
     * scores and under "protocol" in the JSON (pydicom reads the thickness the warning must name); its
     * sharp-kernel reconstruction is refused in one line, exit 2, unless --allow-sharp-kernel.
     */
    @Test
    void scoreScreensTheProtocolOfARealScan() throws IOException {
        Path chest = org.calcify.testing.PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");
        Path b = chest.resolve("dicom");
        Path empty = dir.resolve("chest-empty.nii.gz");
        VolumeIO.write(Volume.ofBytes(VolumeIO.read(b).geometry(), new byte[VolumeIO.read(b).geometry().voxelCount()]), empty);
        String thickness = org.calcify.testing.PythonOracle.run("""
                import sys, os, pydicom
                f = sorted(os.listdir(sys.argv[1]))[0]
                print(float(pydicom.dcmread(os.path.join(sys.argv[1], f), stop_before_pixels=True).SliceThickness))
                """, b.toString()).strip();
        CliRunner text = CliRunner.run("score", "--ct", b.toString(), "--labels", empty.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("category: 0").containsPattern("protocol warning: " + thickness.replace(".0", "") + "(\\.0)? mm slices");
        CliRunner json = CliRunner.run("score", "--ct", b.toString(), "--labels", empty.toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"protocol\"", "\"slice_thickness_mm\": " + thickness, "\"check\": \"slice_thickness\"");
        Path l = chest.resolve("dicom-kernel-L");
        Path emptyL = dir.resolve("chest-l-empty.nii.gz");
        VolumeIO.write(Volume.ofBytes(VolumeIO.read(l).geometry(), new byte[VolumeIO.read(l).geometry().voxelCount()]), emptyL);
        assertOneLineExit2(CliRunner.run("score", "--ct", l.toString(), "--labels", emptyL.toString()), "refused: reconstruction kernel 'L'");
        assertThat(CliRunner.run("score", "--ct", l.toString(), "--labels", emptyL.toString(), "--allow-sharp-kernel").exitCode()).isZero();
    }

    @Test
    void evaluateWritesMetricsCsvAndPlots() {
        Path out = dir.resolve("eval");
        CliRunner r = CliRunner.run("evaluate", "--pred", cohort.toString(), "--truth", cohort.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : new String[] {"metrics.json", "per_case.csv", "bland_altman.png", "agatston_scatter.png", "category_confusion.png"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        CliRunner csv = CliRunner.run("evaluate", "--pred", cohort.resolve("cohort.csv").toString(),
                "--truth", cohort.resolve("cohort.csv").toString(), "--out", dir.resolve("eval-csv").toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out()).contains("ICC");
    }

    @Test
    void badInputsExitTwoWithOneLine() throws IOException {
        Path ct = cohort.resolve("case-0000/ct.nii.gz");
        assertOneLineExit2(CliRunner.run("score", "--ct", dir.resolve("missing.nii.gz").toString(), "--labels", ct.toString()), "missing.nii.gz");
        Volume c = VolumeIO.read(ct);
        Geometry g = c.geometry();
        Path shifted = dir.resolve("shifted.nii.gz");
        VolumeIO.write(Volume.ofBytes(g.withOrigin(new double[] {0, 0, 0}), new byte[g.voxelCount()]), shifted);
        assertOneLineExit2(CliRunner.run("score", "--ct", ct.toString(), "--labels", shifted.toString()), "grid differs");
        Path seven = dir.resolve("seven.nii.gz");
        byte[] b = new byte[g.voxelCount()];
        b[5] = 7;
        VolumeIO.write(Volume.ofBytes(g, b), seven);
        assertOneLineExit2(CliRunner.run("score", "--ct", ct.toString(), "--labels", seven.toString()), "outside 0-5");
        Path coronalCt = dir.resolve("coronal-ct.nii.gz");
        Path coronalLab = dir.resolve("coronal-lab.nii.gz");
        Geometry cor = g.withDirection(new double[] {1, 0, 0, 0, 0, 1, 0, -1, 0});
        VolumeIO.write(c.withGeometry(cor), coronalCt);
        VolumeIO.write(Volume.ofBytes(cor, new byte[g.voxelCount()]), coronalLab);
        // coronal slices are the same voxels in another order: scored as their axial slices (AxialSlices, DetectOrientationTest)
        CliRunner coronal = CliRunner.run("score", "--ct", coronalCt.toString(), "--labels", coronalLab.toString());
        assertThat(coronal.exitCode()).as(coronal.err()).isZero();
        // slices tilted 45 degrees lie in no anatomical plane: refused
        double h = Math.sqrt(0.5);
        Geometry tilted = g.withDirection(new double[] {1, 0, 0, 0, h, -h, 0, h, h});
        Path tiltedCt = dir.resolve("tilted-ct.nii.gz");
        Path tiltedLab = dir.resolve("tilted-lab.nii.gz");
        VolumeIO.write(c.withGeometry(tilted), tiltedCt);
        VolumeIO.write(Volume.ofBytes(tilted, new byte[g.voxelCount()]), tiltedLab);
        assertOneLineExit2(CliRunner.run("score", "--ct", tiltedCt.toString(), "--labels", tiltedLab.toString()), "not axial");
        assertOneLineExit2(CliRunner.run("score", "--ct", ct.toString(), "--labels", ct.toString(), "--connectivity-2d", "6"), "4 or 8");
        assertOneLineExit2(CliRunner.run("phantom", "--out", dir.resolve("x").toString(), "--slices", "ten"), "--slices");
        assertOneLineExit2(CliRunner.run("score", "--ct", ct.toString(), "--labels", ct.toString(), "--artery-split", "half"), "majority or proportional");
        Files.writeString(dir.resolve("bad.csv"), "case,agatston\na,oops\n");
        assertOneLineExit2(CliRunner.run("evaluate", "--pred", dir.resolve("bad.csv").toString(), "--truth",
                cohort.resolve("cohort.csv").toString(), "--out", dir.resolve("e2").toString()), "bad.csv");
    }

    private static void assertOneLineExit2(CliRunner r, String contains) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("calcify: error: ").contains(contains);
    }

    @Test
    void quickScoringDemoRuns() throws Exception {
        StringWriter sw = new StringWriter();
        long t0 = System.nanoTime();
        ScoringDemo.run(dir.resolve("demo"), true, new PrintWriter(sw));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String out = sw.toString();
        assertThat(out).contains("[demo] phantom:", "[demo] score:", "[demo] evaluate:", "metrics.json");
        assertThat(dir.resolve("demo/evaluation/metrics.json")).isRegularFile();
        assertThat(seconds).as("quick demo seconds").isLessThan(20);
        System.out.print(out);
        System.out.printf("quick scoring demo: %.1f s%n", seconds);
    }
}
