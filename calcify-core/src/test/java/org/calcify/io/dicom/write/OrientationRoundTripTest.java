package org.calcify.io.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.report.dicom.CalciumSegments;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Orientation round trips on series the test writes with Calcify's writer: head first, feet first (slices
 * stored against the normal, mirrored rows) and oblique. For each, dcm2niix's NIfTI (read with nibabel)
 * must hold our volume's value at our voxel's world position, and a SEG of a label map must come back from
 * pydicom on the same voxels, with dciodvfy reporting no errors.
 */
class OrientationRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<SyntheticSeries> series() {
        double a = Math.toRadians(20);
        double b = Math.toRadians(15);
        double[] row = {Math.cos(a), Math.sin(a), 0};
        double[] col = {-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b)};
        double[] normal = {row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]};
        return Stream.of(
                new SyntheticSeries("headfirst", "HFS", new double[] {1, 0, 0}, new double[] {0, 1, 0},
                        new double[] {-30, -25, 50}, new double[] {0, 0, -2.5}, 0.75, 24, 20, 6),
                new SyntheticSeries("feetfirst", "FFS", new double[] {-1, 0, 0}, new double[] {0, 1, 0},
                        new double[] {30, -25, -40}, new double[] {0, 0, 2}, 0.8, 24, 20, 6),
                new SyntheticSeries("oblique", "HFS", row, col, new double[] {-12, -8, 20},
                        new double[] {3 * normal[0], 3 * normal[1], 3 * normal[2]}, 0.7, 24, 20, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void segmentationStaysOnTheSameVoxels(SyntheticSeries s) throws Exception {
        Path folder = s.write(tmp.resolve(s.name()));
        Volume ct = VolumeIO.read(folder);
        DicomSeriesReference ref = DicomSeriesReference.read(folder, null);
        Geometry g = ct.geometry();
        assertThat(ref.geometry().sameGrid(g, 1e-6)).isTrue();

        // label voxels at asymmetric places: a corner, an edge, the middle
        int[][] marks = {{0, 0, 0, 2}, {s.nx() - 1, 1, 1, 2}, {3, s.ny() - 2, s.nz() - 1, 4}, {s.nx() / 2, s.ny() / 3, 2, 1}, {5, 7, 3, 5}};
        byte[] labels = new byte[g.voxelCount()];
        StringBuilder points = new StringBuilder();
        for (int[] m : marks) {
            labels[g.index(m[2], m[1], m[0])] = (byte) m[3];
            double[] w = g.indexToWorld(m[0], m[1], m[2]);
            points.append(String.format(Locale.ROOT, "%.6f %.6f %.6f %d%n", w[0], w[1], w[2], (int) ct.value(m[2], m[1], m[0])));
        }

        // dcm2niix's grid holds our values at our world positions
        Path nii = tmp.resolve(s.name() + "-nii");
        Files.createDirectories(nii);
        DicomTools.Result conv = DicomTools.run("dcm2niix", "-z", "n", "-b", "n", "-f", "ct", "-o", nii.toString(), folder.toString());
        assertThat(conv.exitCode()).as(conv.output()).isZero();
        Path pts = tmp.resolve(s.name() + ".txt");
        Files.writeString(pts, points);
        String verdict = PythonOracle.run("""
import sys, numpy as np, nibabel as nib
img = nib.load(sys.argv[1]); data = np.asanyarray(img.dataobj); inv = np.linalg.inv(img.affine)
for line in open(sys.argv[2]):
    x, y, z, v = line.split(); ras = np.array([-float(x), -float(y), float(z), 1.0])
    ijk = inv @ ras; r = np.rint(ijk[:3])
    assert np.allclose(ijk[:3], r, atol=1e-3), ijk
    got = int(data[tuple(int(i) for i in r)])
    assert got == int(v), (got, v, r)
print('ok')
""", nii.resolve("ct.nii").toString(), pts.toString());
        assertThat(verdict.strip()).isEqualTo("ok");

        Volume map = Volume.ofBytes(g, labels);
        List<Segmentation.Segment> present = Segmentation.present(map, CalciumSegments.ALL);
        Path seg = tmp.resolve(s.name() + "-seg.dcm");
        DicomFileWriter.write(Segmentation.build(ref, map, present, CalciumSegments.algorithm("test", null),
                DerivedInstance.of(900, "seg", "CALCIUM", "test", "test")), seg);
        DicomTools.Result check = DicomTools.dciodvfy(seg);
        assertThat(check.errors()).as(check.output()).isEmpty();
        int[] segmentLabels = present.stream().mapToInt(Segmentation.Segment::labelValue).toArray();
        assertThat(DicomTools.segToLabels(seg, folder, segmentLabels, tmp.resolve(s.name() + ".raw"))).isEqualTo(labels);
    }
}
