package org.calcify.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Padding;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * The sharp-kernel signature measured from the image: on the real chest's two reconstructions (kernel B and
 * the sharp kernel L), the median edge overshoot equals a numpy implementation over pydicom's HU, and a copy of
 * kernel L that names no kernel (as a NIfTI file would) is refused for its edges, while kernel B's copy is not.
 */
class EdgeOvershootTest {
    private static final Path CHEST = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");

    /** numpy: every slice (the test series have fewer than 48), rows and columns, both directions. */
    private static double numpyMedian(Path folder) {
        return Double.parseDouble(numpy(folder, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, "median"));
    }

    /** numpy on the rows y0 .. y1 - 1 and columns x0 .. x1 - 1 of every slice: the median, or ("all") every overshoot in order. */
    private static String numpy(Path folder, int y0, int x0, int y1, int x1, String what) {
        return PythonOracle.run("""
                import sys, glob, numpy as np, pydicom
                ds = [pydicom.dcmread(f) for f in glob.glob(sys.argv[1] + '/*.dcm')]
                ds.sort(key=lambda d: float(d.ImagePositionPatient[2]))
                a = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds]).astype(np.float32)
                y0, x0, y1, x1 = (int(v) for v in sys.argv[2:6])
                a = a[:, y0:y1, x0:x1]
                px = [float(v) for v in ds[0].PixelSpacing]  # row spacing (y), column spacing (x)
                out = []
                for arr, p in ((a, px[1]), (np.swapaxes(a, 1, 2), px[0])):  # along x, then along y
                    rim = max(2, round(1.5 / p)); l0 = max(2, round(1.5 / p)); l1 = max(l0 + 1, round(4 / p))
                    p0 = max(rim + 2, round(4 / p)); p1 = max(p0 + 2, round(7 / p))
                    lines = arr.reshape(-1, arr.shape[2]).astype(np.float64)
                    n = lines.shape[1]
                    for m in (lines, lines[:, ::-1]):  # both directions
                        r, e = np.nonzero((m[:, :-1] < -500) & (m[:, 1:] >= -500))
                        e = e + 1
                        ok = (e - l1 >= 0) & (e + p1 < n)
                        r, e = r[ok], e[ok]
                        lung = np.mean([m[r, e - k] for k in range(l0, l1 + 1)], 0)
                        plat = np.mean([m[r, e + k] for k in range(p0, p1 + 1)], 0)
                        top = np.max([m[r, e + k] for k in range(rim + 1)], 0)
                        sel = (lung < -750) & (np.abs(plat) <= 100)
                        out.append((top - plat)[sel])
                out = np.sort(np.concatenate(out))
                print(float(np.median(out)) if sys.argv[6] == 'median' else ' '.join(repr(float(v)) for v in out))
                """, folder.toString(), Integer.toString(y0), Integer.toString(x0), Integer.toString(y1), Integer.toString(x1), what).trim();
    }

    @Test
    void theMedianOvershootEqualsNumpysAndTellsTheKernels() throws IOException {
        double b = EdgeOvershoot.medianHu(VolumeIO.read(CHEST.resolve("dicom")));
        double l = EdgeOvershoot.medianHu(VolumeIO.read(CHEST.resolve("dicom-kernel-L")));
        assertThat(b).isCloseTo(numpyMedian(CHEST.resolve("dicom")), within(0.5));
        assertThat(l).isCloseTo(numpyMedian(CHEST.resolve("dicom-kernel-L")), within(0.5));
        assertThat(b).isLessThan(0);
        assertThat(l).isGreaterThan(EdgeOvershoot.SHARP_HU);
    }

    /**
     * Rows that are not a multiple of 64 voxels long and fewer rows than columns (the crossings are found in words of
     * 64 voxels): a crop of each reconstruction, 450 wide and 391 high, against numpy on the same crop, edge for edge.
     */
    @Test
    void anOddlySizedCropEqualsNumpyToo() throws IOException {
        for (String series : new String[] {"dicom", "dicom-kernel-L"}) {
            Volume read = VolumeIO.read(CHEST.resolve(series));
            int y0 = 61;
            int x0 = 29;
            int[] size = {read.sizeZ(), 391, 450};
            Volume crop = read.crop(new int[] {0, y0, x0}, size);
            assertThat(crop.sizeX()).isEqualTo(450);
            float[] ours = EdgeOvershoot.overshoots(crop);
            double[] theirs = java.util.Arrays.stream(numpy(CHEST.resolve(series), y0, x0, y0 + size[1], x0 + size[2], "all")
                    .split(" ")).mapToDouble(Double::parseDouble).toArray();
            // every edge found, none more: the same count, and in order the same overshoots (ours rounded to float)
            assertThat(ours).as(series).hasSize(theirs.length).hasSizeGreaterThan(EdgeOvershoot.MIN_EDGES);
            for (int i = 0; i < ours.length; i++) {
                assertThat((double) ours[i]).as("%s overshoot %d", series, i).isCloseTo(theirs[i], within(1e-3));
            }
        }
    }

    @Test
    void aSharpKernelThatTheFileDoesNotNameIsRefusedForItsEdges() throws IOException {
        for (String series : new String[] {"dicom", "dicom-kernel-L"}) {
            Volume read = VolumeIO.read(CHEST.resolve(series));
            // what a NIfTI copy holds: the voxels and the grid, no header
            Volume bare = Volume.ofShorts(read.geometry(), read.convertTo(org.calcify.volume.DataType.INT16).shorts());
            ScanProtocol p = new ProtocolScreen(false, false).screen(bare, ThoraxSegmenter.segment(Padding.of(bare).withAir()));
            assertThat(p.kernel()).isNull();
            if (series.equals("dicom")) {
                assertThat(p.refusal()).as(series).isEmpty();
                assertThat(p.findings()).anyMatch(f -> f.check() == ProtocolCheck.KERNEL && f.severity() == Severity.NOTE
                        && f.message().contains("judged soft-tissue by its edges"));
            } else {
                assertThat(p.refusal()).as(series).hasValueSatisfying(f -> {
                    assertThat(f.check()).isEqualTo(ProtocolCheck.KERNEL);
                    assertThat(f.message()).contains("sharp").contains("lung borders").contains("--allow-sharp-kernel");
                });
                ScanProtocol allowed = new ProtocolScreen(false, true).screen(bare, ThoraxSegmenter.segment(Padding.of(bare).withAir()));
                assertThat(allowed.refusal()).isEmpty();
                assertThat(allowed.warnings()).anyMatch(f -> f.check() == ProtocolCheck.KERNEL);
            }
        }
    }

    @Test
    void aScanWithoutLungsIsNotMeasured() {
        Volume water = Volume.ofShorts(Geometry.of(64, 64, 4), new short[64 * 64 * 4]);
        assertThat(EdgeOvershoot.medianHu(water)).isNaN();
        // and the screen says so instead of failing on the missing number
        ScanProtocol p = new ProtocolScreen(false, false).screen(water, ThoraxSegmenter.segment(water));
        assertThat(p.edgeOvershootHu()).isNaN();
        assertThat(p.findings()).anyMatch(f -> f.check() == ProtocolCheck.KERNEL && f.message().contains("not measured: no lung borders found"));
    }
}
