package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify export}: detect on a real DICOM chest, then SEG and SR that the tools accept and that hold the same labels. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void detectThenExportWritesASegAndAReportTheToolsAccept() throws Exception {
        Path chest = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest").resolve("dicom");
        Path out = tmp.resolve("out");
        CliRunner d = CliRunner.run("detect", "--model", "baseline", "--input", chest.toString(), "--out", out.toString(), "--quiet");
        assertThat(d.exitCode()).as(d.err()).isZero();
        Path scan = out.resolve("dicom");

        CliRunner r = CliRunner.run("export", "--detect-dir", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sr.dcm");
        Path sr = scan.resolve("sr.dcm");
        DicomTools.Result srCheck = DicomTools.dciodvfy(sr);
        assertThat(srCheck.errors()).as(srCheck.output()).isEmpty();
        assertThat(DicomTools.dsrdump(sr).exitCode()).isZero();

        Volume labels = VolumeIO.read(scan.resolve("labels.nii.gz"));
        byte[] expected = new byte[labels.geometry().voxelCount()];
        int[] present = new int[6];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) labels.valueAt(i);
            present[expected[i]]++;
        }
        Path seg = scan.resolve("seg.dcm");
        if (java.util.Arrays.stream(present, 1, 6).sum() == 0) {
            assertThat(seg).doesNotExist();
            return;
        }
        DicomTools.Result segCheck = DicomTools.dciodvfy(seg);
        assertThat(segCheck.errors()).as(segCheck.output()).isEmpty();
        int[] segmentLabels = java.util.stream.IntStream.range(1, 6).filter(l -> present[l] > 0).toArray();
        assertThat(DicomTools.segToLabels(seg, chest, segmentLabels, tmp.resolve("back.raw"))).isEqualTo(expected);

        // Calcify's own reader: the SEG placed on the chest's grid is labels.nii.gz, voxel for voxel (nibabel compares)
        Path back = tmp.resolve("own.nii.gz");
        CliRunner c = CliRunner.run("convert", seg.toString(), back.toString(), "--reference", chest.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        String diff = PythonOracle.run("""
import sys, numpy as np, nibabel as nib
a, b = nib.load(sys.argv[1]), nib.load(sys.argv[2])
assert np.allclose(a.affine, b.affine, atol=1e-4), (a.affine, b.affine)
print(int((np.asanyarray(a.dataobj) != np.asanyarray(b.dataobj)).sum()))
""", back.toString(), scan.resolve("labels.nii.gz").toString());
        assertThat(diff.trim()).isEqualTo("0");
    }

    /**
     * After review in the browser: signing keeps the proposal's SEG and SR as {@code seg-proposed.dcm} and
     * {@code sr-proposed.dcm}, and an export writes them from the reader's signed map, which Calcify's SEG reader
     * gives back voxel for voxel (nibabel compares) and which differs from the proposal where the reader changed it.
     */
    @Test
    void afterASignedReviewTheExportIsTheReadersMap() throws Exception {
        Path chest = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest").resolve("dicom");
        Path out = tmp.resolve("out");
        CliRunner d = CliRunner.run("detect", "--model", "baseline", "--input", chest.toString(), "--out", out.toString(),
                "--dicom-out", "--quiet");
        assertThat(d.exitCode()).as(d.err()).isZero();
        Path scan = out.resolve("dicom");
        assertThat(scan.resolve("seg.dcm")).as("the baseline finds calcium on this chest").exists();
        byte[] proposedSeg = Files.readAllBytes(scan.resolve("seg.dcm"));

        var cohort = new org.calcify.app.review.ReviewCohort(out);
        var review = cohort.open("dicom");
        var view = review.view();
        assertThat(view.lesions()).isNotEmpty();
        var first = view.lesions().get(0);
        var to = "RCA".equals(first.current()) ? org.calcify.score.CalciumLabel.LM : org.calcify.score.CalciumLabel.RCA;
        view = review.reclassify(view.version(), first.id(), to, "test reader");
        review.sign(view.version(), "test reader");

        assertThat(scan.resolve("seg.dcm")).doesNotExist();
        assertThat(scan.resolve("sr.dcm")).doesNotExist();
        assertThat(Files.readAllBytes(scan.resolve("seg-proposed.dcm"))).isEqualTo(proposedSeg);
        assertThat(scan.resolve("sr-proposed.dcm")).exists();

        CliRunner r = CliRunner.run("export", "--detect-dir", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path back = tmp.resolve("signed.nii.gz");
        CliRunner c = CliRunner.run("convert", scan.resolve("seg.dcm").toString(), back.toString(), "--reference", chest.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        String diffs = PythonOracle.run("""
import sys, numpy as np, nibabel as nib
back, reviewed, proposed = (np.asanyarray(nib.load(p).dataobj) for p in sys.argv[1:4])
print(int((back != reviewed).sum()), int((back != proposed).sum()))
""", back.toString(), scan.resolve("labels-reviewed.nii.gz").toString(), scan.resolve("labels.nii.gz").toString());
        String[] n = diffs.trim().split(" ");
        assertThat(n[0]).as("SEG against the signed map").isEqualTo("0");
        assertThat(Integer.parseInt(n[1])).as("SEG against the proposal").isEqualTo(first.voxels());
        DicomTools.Result srCheck = DicomTools.dciodvfy(scan.resolve("sr.dcm"));
        assertThat(srCheck.errors()).as(srCheck.output()).isEmpty();
        // the signed report names its reader as a person observer; the proposal's names only the device
        String observers = PythonOracle.run("""
                import sys, pydicom
                for f in sys.argv[1:]:
                    sr = pydicom.dcmread(f)
                    print([str(it.PersonName) for it in sr.ContentSequence if it.ValueType == 'PNAME'
                           and it.ConceptNameCodeSequence[0].CodeValue == '121008'])
                """, scan.resolve("sr.dcm").toString(), scan.resolve("sr-proposed.dcm").toString());
        assertThat(observers.trim().split("\n")).containsExactly("['test reader']", "[]");
    }

    @Test
    void aScanThatIsNotDicomIsRefusedOnOneLineAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        CliRunner d = CliRunner.run("detect", "--model", "baseline", "--input",
                PythonOracle.nibabelTestData().resolve("anatomical.nii").toString(), "--out", out.toString(), "--quiet");
        Path scan;
        try (var s = Files.list(out)) {
            scan = s.filter(Files::isDirectory).findFirst().orElse(null);
        }
        if (scan == null || !Files.exists(scan.resolve("scores.json"))) {
            // the detect refused the scan; make a scan folder by hand that names a NIfTI source
            scan = out.resolve("nifti");
            Files.createDirectories(scan);
            Files.writeString(scan.resolve("scores.json"), "{\"scan\": {\"path\": \""
                    + PythonOracle.nibabelTestData().resolve("anatomical.nii") + "\"}}");
            VolumeIO.write(Volume.ofBytes(org.calcify.volume.Geometry.of(2, 2, 2), new byte[8]), scan.resolve("labels.nii.gz"));
        }
        CliRunner r = CliRunner.run("export", "--detect-dir", scan.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("calcify: error: ").contains("anatomical.nii").contains("not a DICOM series");
        assertThat(scan.resolve("seg.dcm")).doesNotExist();
        assertThat(scan.resolve("sr.dcm")).doesNotExist();
        assertThat(d.exitCode()).isIn(0, 1, 2);
    }
}
