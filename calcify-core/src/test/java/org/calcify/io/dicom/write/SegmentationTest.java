package org.calcify.io.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.report.dicom.CalciumSegments;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SEG of a label map on a real CT series: dciodvfy accepts it, pydicom turns it back into the same labels. */
class SegmentationTest {
    @TempDir
    Path tmp;

    @Test
    void realSeriesRoundTripsThroughPydicomAndPassesDciodvfy() throws Exception {
        Path series = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        DicomSeriesReference ref = DicomSeriesReference.read(series, null);
        Volume ct = VolumeIO.read(series);
        assertThat(ref.geometry().sameGrid(ct.geometry(), 1e-6)).isTrue();
        assertThat(ref.images()).hasSize(ct.sizeZ());
        byte[] labels = new byte[ct.geometry().voxelCount()];
        int nx = ct.sizeX();
        int ny = ct.sizeY();
        // LAD on slices 0 and 2, RCA on slice 1, other calcium on slice 2; nothing for LM and LCX
        for (int y = 100; y < 104; y++) {
            for (int x = 200; x < 205; x++) {
                labels[(0 * ny + y) * nx + x] = 2;
                labels[(2 * ny + y) * nx + x] = 2;
                labels[(1 * ny + y + 50) * nx + x + 7] = 4;
                labels[(2 * ny + y + 90) * nx + x - 100] = 5;
            }
        }
        labels[(1 * ny + ny - 1) * nx + nx - 1] = 4; // the last voxel of a slice
        Volume map = Volume.ofBytes(ct.geometry(), labels);
        List<Segmentation.Segment> present = Segmentation.present(map, CalciumSegments.ALL);
        assertThat(present).extracting(Segmentation.Segment::labelValue).containsExactly(2, 4, 5);
        DicomDataset seg = Segmentation.build(ref, map, present, CalciumSegments.algorithm("test", "unit-test model"),
                DerivedInstance.of(901, "Calcify calcium segmentation", "CALCIUM", "coronary calcium", "test"));
        Path file = tmp.resolve("seg.dcm");
        DicomFileWriter.write(seg, file);

        DicomTools.Result check = DicomTools.dciodvfy(file);
        assertThat(check.errors()).as(check.output()).isEmpty();

        byte[] back = DicomTools.segToLabels(file, series, new int[] {2, 4, 5}, tmp.resolve("labels.raw"));
        assertThat(back).isEqualTo(labels);
    }
}
