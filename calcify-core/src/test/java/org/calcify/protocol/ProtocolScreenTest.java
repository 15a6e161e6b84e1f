package org.calcify.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Padding;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;

class ProtocolScreenTest {
    private static final Path CHEST = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");

    private static ScanProtocol screen(Path scan, boolean allowContrast, boolean allowSharp) throws IOException {
        Volume raw = VolumeIO.read(scan);
        Volume ct = Padding.of(raw).withAir();
        return new ProtocolScreen(allowContrast, allowSharp).screen(raw, ThoraxSegmenter.segment(ct));
    }

    /** The header's values, as pydicom reads them now. */
    private static String[] header(Path folder) {
        return PythonOracle.run("""
                import sys, glob, pydicom
                d = pydicom.dcmread(sorted(glob.glob(sys.argv[1] + '/*'))[0])
                print(float(d.SliceThickness), float(d.KVP), d.ConvolutionKernel)
                """, folder.toString()).trim().split(" ");
    }

    @Test
    void theStandardKernelChestIsScoredWithAThickSliceWarning() throws IOException {
        Path scan = CHEST.resolve("dicom");
        String[] h = header(scan);
        ScanProtocol p = screen(scan, false, false);
        assertThat(p.refusal()).isEmpty();
        assertThat(p.sliceThicknessMm()).isEqualTo(Double.parseDouble(h[0]));
        assertThat(p.kvp()).isEqualTo(Double.parseDouble(h[1]));
        assertThat(p.kernel()).isEqualTo(h[2]);
        assertThat(p.kernelSharpness()).isEqualTo(KernelSharpness.SOFT_TISSUE);
        boolean thick = Double.parseDouble(h[0]) > 3.05;
        assertThat(p.warnings().stream().anyMatch(f -> f.check() == ProtocolCheck.SLICE_THICKNESS)).isEqualTo(thick);
        assertThat(p.findings()).noneMatch(f -> f.check() == ProtocolCheck.CONTRAST || f.check() == ProtocolCheck.TUBE_VOLTAGE
                && f.severity() == Severity.WARNING);
        assertThat(p.bloodPoolHu()).isBetween(0.0, 80.0);
        // it starts below the carina, above the heart: a note that the start was not checked, no cut field of view
        assertThat(p.findings()).filteredOn(f -> f.check() == ProtocolCheck.FIELD_OF_VIEW).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.message()).contains("below the carina").contains("not checked");
                });
    }

    @Test
    void theSharpKernelIsRefusedWithItsReasonUnlessAllowed() throws IOException {
        Path scan = CHEST.resolve("dicom-kernel-L");
        String kernel = header(scan)[2];
        ScanProtocol p = screen(scan, false, false);
        assertThat(p.refusal()).hasValueSatisfying(f -> {
            assertThat(f.check()).isEqualTo(ProtocolCheck.KERNEL);
            assertThat(f.message()).contains("'" + kernel + "'").contains("sharp").contains("--allow-sharp-kernel");
        });
        ScanProtocol allowed = screen(scan, false, true);
        assertThat(allowed.refusal()).isEmpty();
        assertThat(allowed.warnings()).anyMatch(f -> f.check() == ProtocolCheck.KERNEL);
        // the same acquisition measures far noisier than the standard kernel
        assertThat(p.noiseHu()).isGreaterThan(2 * screen(CHEST.resolve("dicom"), false, false).noiseHu());
    }

    @Test
    void aContrastEnhancedScanIsRefusedUnlessAllowed() throws IOException {
        Path cta = PythonOracle.realData().resolve("totalseg/aorta_report/ct_cropped.nii.gz");
        ScanProtocol p = screen(cta, false, false);
        assertThat(p.refusal()).hasValueSatisfying(f -> assertThat(f.check()).isEqualTo(ProtocolCheck.CONTRAST));
        ScanProtocol allowed = screen(cta, true, false);
        assertThat(allowed.refusal()).isEmpty();
        assertThat(allowed.warnings()).anyMatch(f -> f.check() == ProtocolCheck.CONTRAST);
    }

    /** Vendor kernel names, as the vendors' manuals name their soft-tissue and sharp kernels. */
    @Test
    void kernelNamesAreClassifiedPerVendor() {
        assertThat(KernelSharpness.of("SIEMENS", List.of("B40f"))).isEqualTo(KernelSharpness.SOFT_TISSUE);
        assertThat(KernelSharpness.of("SIEMENS", List.of("Br38f", "3"))).isEqualTo(KernelSharpness.SOFT_TISSUE);
        assertThat(KernelSharpness.of("SIEMENS", List.of("Qr36d"))).isEqualTo(KernelSharpness.SOFT_TISSUE);
        assertThat(KernelSharpness.of("SIEMENS", List.of("B70f"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of("SIEMENS", List.of("Bl57d"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of("GE MEDICAL SYSTEMS", List.of("STANDARD"))).isEqualTo(KernelSharpness.SOFT_TISSUE);
        assertThat(KernelSharpness.of("GE MEDICAL SYSTEMS", List.of("LUNG"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of("GE MEDICAL SYSTEMS", List.of("BONEPLUS"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of("Philips", List.of("B"))).isEqualTo(KernelSharpness.SOFT_TISSUE);
        assertThat(KernelSharpness.of("Philips", List.of("L"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of("Philips", List.of("YC"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of("TOSHIBA", List.of("FC12"))).isEqualTo(KernelSharpness.SOFT_TISSUE);
        assertThat(KernelSharpness.of("CANON_MEC", List.of("FC52"))).isEqualTo(KernelSharpness.SHARP);
        assertThat(KernelSharpness.of(null, List.of())).isEqualTo(KernelSharpness.UNKNOWN);
        assertThat(KernelSharpness.of("Acme", List.of("SMOOTHISH"))).isEqualTo(KernelSharpness.UNKNOWN);
    }

    @Test
    void aHeartNotLocatedWarnsDetectButOnlyNotesForCalciumTheUserLabelled() {
        // a water cylinder in air: no lungs, so no mediastinum and no heart (as in a calcium phantom without lung inserts)
        int n = 96;
        short[] hu = new short[n * n * 8];
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r = Math.hypot(x - n / 2.0, y - n / 2.0);
                    hu[(z * n + y) * n + x] = (short) (r < n / 3.0 ? 0 : -1000);
                }
            }
        }
        Volume cylinder = Volume.ofShorts(org.calcify.volume.Geometry.of(n, n, 8), hu);
        var anatomy = ThoraxSegmenter.segment(cylinder);
        assertThat(anatomy.hasHeart()).isFalse();
        ScanProtocol detect = new ProtocolScreen(false, false).screen(cylinder, anatomy);
        assertThat(detect.findings()).anyMatch(f -> f.check() == ProtocolCheck.HEART && f.severity() == Severity.WARNING
                && f.message().contains("every candidate inside the body was classified"));
        ScanProtocol score = ProtocolScreen.forGivenLabels(false, false).screen(cylinder, anatomy);
        assertThat(score.findings()).filteredOn(f -> f.check() == ProtocolCheck.HEART).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.message()).contains("scored as given").doesNotContain("classified");
                });
    }
}
