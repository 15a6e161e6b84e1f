package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.io.dicom.write.CtImageSeries;
import org.calcify.io.dicom.write.DerivedInstance;
import org.calcify.io.dicom.write.DicomFileWriter;
import org.calcify.io.dicom.write.Segmentation;
import org.calcify.report.dicom.CalciumSegments;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DICOM SEG where users give label maps: a CT written as a DICOM series, its label map as NIfTI and as a SEG
 * (Calcify's writer); {@code convert SEG --reference} gives the NIfTI's voxels (nibabel compares the two files),
 * {@code score} and {@code evaluate} say the same with the SEG as with the NIfTI, {@code info} describes the SEG,
 * and bad SEGs end in one error line, exit 2.
 */
class SegInputCommandTest {
    @TempDir
    static Path tmp;

    static Path ctDir;
    static Path labelsNifti;
    static Path seg;

    @BeforeAll
    static void scanAndSeg() throws Exception {
        Geometry g = Geometry.of(48, 40, 8, new double[] {0.7, 0.7, 3.0}, new double[] {-20, -15, -60},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[g.voxelCount()];
        java.util.Arrays.fill(hu, (short) 40);
        byte[] labels = new byte[g.voxelCount()];
        for (int label = 1; label <= 5; label++) {
            int z = label + 1;
            for (int y = 5 * label; y < 5 * label + 3; y++) {
                for (int x = 7 * label; x < 7 * label + 4; x++) {
                    hu[g.index(z, y, x)] = (short) (150 + 100 * label);
                    labels[g.index(z, y, x)] = (byte) label;
                }
            }
        }
        ctDir = tmp.resolve("ct");
        CtImageSeries.write(Volume.ofShorts(g, hu), ctDir, CtImageSeries.Identity.newStudy("seg input", 120.0, "test"));
        Volume ct = VolumeIO.read(ctDir);
        Volume map = Volume.ofBytes(ct.geometry(), labels);
        labelsNifti = tmp.resolve("labels.nii.gz");
        VolumeIO.write(map, labelsNifti);
        VolumeIO.write(ct, tmp.resolve("ct.nii.gz"));
        seg = tmp.resolve("seg.dcm");
        DicomSeriesReference ref = DicomSeriesReference.read(ctDir, null);
        List<Segmentation.Segment> present = Segmentation.present(map, CalciumSegments.ALL);
        DicomFileWriter.write(Segmentation.build(ref, map, present, CalciumSegments.algorithm("test", "unit"),
                DerivedInstance.of(901, "Calcify calcium segmentation", "CALCIUM", "coronary calcium", "test")), seg);
    }

    @Test
    void convertPlacesTheSegOnTheReferenceGrid() throws Exception {
        Path back = tmp.resolve("back.nii.gz");
        CliRunner r = CliRunner.run("convert", seg.toString(), back.toString(), "--reference", ctDir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String same = PythonOracle.run("""
import sys, numpy as np, nibabel as nib
a, b = nib.load(sys.argv[1]), nib.load(sys.argv[2])
assert np.allclose(a.affine, b.affine, atol=1e-4), (a.affine, b.affine)
x, y = np.asanyarray(a.dataobj), np.asanyarray(b.dataobj)
assert x.shape == y.shape, (x.shape, y.shape)
print(int((x != y).sum()), sorted(np.unique(x).tolist()))
""", back.toString(), labelsNifti.toString());
        assertThat(same.trim()).isEqualTo("0 [0, 1, 2, 3, 4, 5]");
    }

    @Test
    void scoreAndRenderTakeASeg() {
        CliRunner fromSeg = CliRunner.run("score", "--ct", ctDir.toString(), "--labels", seg.toString(), "--json");
        CliRunner fromNifti = CliRunner.run("score", "--ct", ctDir.toString(), "--labels", labelsNifti.toString(), "--json");
        assertThat(fromSeg.exitCode()).as(fromSeg.err()).isZero();
        assertThat(fromSeg.out()).isEqualTo(fromNifti.out());
        assertThat(fromSeg.out()).contains("\"LAD\"");
        CliRunner render = CliRunner.run("render", "scan", ctDir.toString(), "--labels", seg.toString(), "--out", tmp.resolve("v.png").toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
    }

    @Test
    void evaluateReadsCaseSegs() throws Exception {
        Path truth = tmp.resolve("truth").resolve("case1");
        Path pred = tmp.resolve("pred").resolve("case1");
        Files.createDirectories(truth);
        Files.createDirectories(pred);
        Files.copy(tmp.resolve("ct.nii.gz"), truth.resolve("ct.nii.gz"));
        Files.copy(labelsNifti, truth.resolve("labels.nii.gz"));
        Files.copy(seg, pred.resolve("seg.dcm"));
        CliRunner r = CliRunner.run("evaluate", "--pred", pred.getParent().toString(), "--truth", truth.getParent().toString(),
                "--out", tmp.resolve("eval").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Dice 1.000");
    }

    @Test
    void infoDescribesTheSeg() {
        CliRunner r = CliRunner.run("info", seg.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("DICOM Segmentation (SEG)").contains("label: LM calcium").contains("calcify_label: LM")
                .contains("calcify_label: other").contains("frames: 5").contains("instances: 8");
    }

    @Test
    void badSegsEndInOneLine() throws Exception {
        byte[] whole = Files.readAllBytes(seg);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        for (String[] args : List.of(
                new String[] {"score", "--ct", ctDir.toString(), "--labels", cut.toString()},
                new String[] {"convert", seg.toString(), tmp.resolve("x.nii.gz").toString()},
                new String[] {"score", "--ct", seg.toString(), "--labels", seg.toString()},
                new String[] {"convert", seg.toString(), tmp.resolve("y.nii.gz").toString(), "--reference",
                        PythonOracle.realData().resolve("dcmqi-ct-3slice").toString()})) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith("calcify: error: ");
        }
    }
}
