package org.calcify.report.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomSegmentation;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.io.dicom.write.DerivedInstance;
import org.calcify.io.dicom.write.DicomFileWriter;
import org.calcify.io.dicom.write.Segmentation;
import org.calcify.score.CalciumLabel;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label maps from SEGs: Calcify's own SEG of all five classes comes back as the label map it was written from and
 * as pydicom reads it; a foreign SEG (written by pydicom) gets its labels from its SegmentLabels.
 */
class LabelMapReaderTest {
    @TempDir
    Path tmp;

    @Test
    void ownSegOfAllFiveClassesComesBackExactly() throws Exception {
        Path series = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        DicomSeriesReference ref = DicomSeriesReference.read(series, null);
        Volume ct = VolumeIO.read(series);
        byte[] labels = new byte[ct.geometry().voxelCount()];
        int nx = ct.sizeX();
        int ny = ct.sizeY();
        for (int label = 1; label <= 5; label++) {
            for (int y = 0; y < 3 + label; y++) {
                for (int x = 0; x < 2 + label; x++) {
                    labels[((label % 3) * ny + 60 * label + y) * nx + 50 * label + x] = (byte) label;
                }
            }
        }
        labels[(2 * ny + ny - 1) * nx + nx - 1] = 3; // the last voxel of the last slice
        Volume map = Volume.ofBytes(ct.geometry(), labels);
        List<Segmentation.Segment> present = Segmentation.present(map, CalciumSegments.ALL);
        assertThat(present).hasSize(5);
        Path seg = tmp.resolve("seg.dcm");
        DicomFileWriter.write(Segmentation.build(ref, map, present, CalciumSegments.algorithm("test", "unit"),
                DerivedInstance.of(901, "Calcify calcium segmentation", "CALCIUM", "coronary calcium", "test")), seg);

        Volume back = LabelMapReader.read(seg, series, ct);
        assertThat(back.geometry()).isEqualTo(ct.geometry());
        assertThat(back.bytes()).isEqualTo(labels);
        // the same without the series' own positions (a NIfTI of the scan)
        assertThat(LabelMapReader.read(seg, null, ct).bytes()).isEqualTo(labels);
        // pydicom's reading of the same file agrees
        assertThat(DicomTools.segToLabels(seg, series, new int[] {1, 2, 3, 4, 5}, tmp.resolve("py.raw"))).isEqualTo(labels);
        // dcmtk re-encodes the same SEG: implicit VR, deflated, group lengths, undefined-length sequences and items,
        // a bare data set without meta information; all read the same
        String[][] encodings = {{"+ti", "-e"}, {"+td", "-e"}, {"+te", "-e", "+g"}, {"+ti", "-F"}};
        for (String[] e : encodings) {
            Path other = tmp.resolve("seg" + String.join("", e) + ".dcm");
            List<String> cmd = new java.util.ArrayList<>(List.of("dcmconv"));
            cmd.addAll(List.of(e));
            cmd.addAll(List.of(seg.toString(), other.toString()));
            DicomTools.Result r = DicomTools.run(cmd.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(LabelMapReader.read(other, series, ct).bytes()).as(String.join(" ", e)).isEqualTo(labels);
        }
        Path big = tmp.resolve("segbig.dcm");
        assertThat(DicomTools.run("dcmconv", "+tb", seg.toString(), big.toString()).exitCode()).isZero();
        assertThatThrownBy(() -> LabelMapReader.read(big, series, ct)).isInstanceOf(org.calcify.io.InvalidInputException.class)
                .hasMessageContaining("Big Endian").hasMessageContaining("not supported");
        // a NIfTI label map still goes through VolumeIO
        Path nifti = tmp.resolve("labels.nii.gz");
        VolumeIO.write(map, nifti);
        assertThat(LabelMapReader.read(nifti, series, ct).convertTo(org.calcify.volume.DataType.UINT8).bytes()).isEqualTo(labels);
    }

    @Test
    void foreignSegLabelsAreNamedByTheirSegmentLabels() throws Exception {
        Path series = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        Volume ct = VolumeIO.read(series);
        int n = ct.geometry().voxelCount();
        byte[] masks = new byte[3 * n];
        for (int i = 0; i < 40; i++) {
            masks[(0 * 3 + 1) * n / 3 + 100 * 512 + 200 + i] = 1;
            masks[n + 2 * n / 3 + 300 * 512 + 60 + i] = 1;
            masks[2 * n + 100 * 512 + 220 + i] = 1; // slice 0, alone
            masks[2 * n + n / 3 + 100 * 512 + 210 + i] = 1; // overlaps the left main on slice 1
        }
        Path raw = tmp.resolve("masks.raw");
        Files.write(raw, masks);
        Path seg = tmp.resolve("foreign.dcm");
        DicomTools.makeSeg(series, raw, seg,
                "{\"shape\": [3, 3, 512, 512], \"labels\": [\"Left Main\", \"RCA calcification\", \"Aortic valve calcium\"],"
                        + " \"values\": [1, 4, 5], \"seed\": 11}");
        Volume back = LabelMapReader.read(seg, series, ct);
        assertThat(back.bytes()).isEqualTo(Files.readAllBytes(Path.of(seg + ".expected")));
        // the same SEG in another frame of reference is not this scan's
        Path elsewhere = tmp.resolve("elsewhere.dcm");
        DicomTools.makeSeg(series, raw, elsewhere, "{\"shape\": [3, 3, 512, 512], \"labels\": [\"LM\", \"RCA\", \"AV\"],"
                + " \"values\": [1, 4, 5], \"frame_of_reference\": \"1.2.3.4\"}");
        assertThatThrownBy(() -> LabelMapReader.read(elsewhere, series, ct)).isInstanceOf(org.calcify.io.InvalidInputException.class)
                .hasMessageContaining("FrameOfReferenceUID 1.2.3.4 is not the scan's");
    }

    @Test
    void aSeriesWithAMissingSliceGetsEachFrameOnItsOwnSlice() throws Exception {
        org.calcify.volume.Geometry g = org.calcify.volume.Geometry.of(9, 7, 6, new double[] {0.8, 0.8, 2.5}, new double[] {-5, 3, 40},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Path series = tmp.resolve("gap");
        org.calcify.io.dicom.write.CtImageSeries.write(Volume.ofShorts(g, new short[g.voxelCount()]), series,
                org.calcify.io.dicom.write.CtImageSeries.Identity.newStudy("gap", null, "test"));
        Files.delete(series.resolve("ct0003.dcm")); // slices at 0, 2.5, 7.5, 10, 12.5 mm: the reader stacks 5, 2.5 mm apart
        Volume ct = VolumeIO.read(series);
        assertThat(ct.sizeZ()).isEqualTo(5);
        byte[] labels = new byte[ct.geometry().voxelCount()];
        for (int z = 0; z < 5; z++) {
            labels[(z * 7 + z) * 9 + z] = (byte) (z % 4 + 1);
        }
        Volume map = Volume.ofBytes(ct.geometry(), labels);
        Path seg = tmp.resolve("gap.dcm");
        DicomFileWriter.write(Segmentation.build(DicomSeriesReference.read(series, null), map, Segmentation.present(map, CalciumSegments.ALL),
                CalciumSegments.algorithm("test", "unit"), DerivedInstance.of(901, "gap", "CALCIUM", "coronary calcium", "test")), seg);
        // the frames carry the slices' own positions; matched to them, each lands on its slice
        assertThat(LabelMapReader.read(seg, series, ct).bytes()).isEqualTo(labels);
        assertThat(DicomTools.segToLabels(seg, series, new int[] {1, 2, 3, 4}, tmp.resolve("gap.raw"))).isEqualTo(labels);
    }

    @Test
    void segmentLabelNames() {
        assertThat(CalciumSegmentLabels.byName("RCA calcification")).isEqualTo(CalciumLabel.RCA);
        assertThat(CalciumSegmentLabels.byName("left main")).isEqualTo(CalciumLabel.LM);
        assertThat(CalciumSegmentLabels.byName("LM calcium")).isEqualTo(CalciumLabel.LM);
        assertThat(CalciumSegmentLabels.byName("Left Anterior Descending")).isEqualTo(CalciumLabel.LAD);
        assertThat(CalciumSegmentLabels.byName("LAD_calc")).isEqualTo(CalciumLabel.LAD);
        assertThat(CalciumSegmentLabels.byName("Circumflex")).isEqualTo(CalciumLabel.LCX);
        assertThat(CalciumSegmentLabels.byName("lcx")).isEqualTo(CalciumLabel.LCX);
        assertThat(CalciumSegmentLabels.byName("Right coronary artery")).isEqualTo(CalciumLabel.RCA);
        assertThat(CalciumSegmentLabels.byName("Other calcium")).isNull();
        assertThat(CalciumSegmentLabels.byName("glade")).isNull(); // "lad" inside a word is no artery
        assertThat(CalciumSegmentLabels.byName("")).isNull();
        DicomSegmentation.Code rcaRegion = new DicomSegmentation.Code("13647002", "SRT", "Right Coronary Artery");
        assertThat(CalciumSegmentLabels.of(new DicomSegmentation.Segment(1, "calcium", null, null, rcaRegion, null))).isEqualTo(CalciumLabel.RCA);
        assertThat(CalciumSegmentLabels.of(new DicomSegmentation.Segment(1, "aorta", null, null, null, null))).isEqualTo(CalciumLabel.OTHER_CALCIUM);
    }
}
