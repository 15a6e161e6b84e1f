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
        return Double.parseDouble(PythonOracle.run("""
                import sys, glob, numpy as np, pydicom
                ds = [pydicom.dcmread(f) for f in glob.glob(sys.argv[1] + '/*.dcm')]
                ds.sort(key=lambda d: float(d.ImagePositionPatient[2]))
                a = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds]).astype(np.float32)
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
                out = np.concatenate(out)
                print(float(np.median(out)))
                """, folder.toString()).trim());
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
