package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real series in testdata/realdata against pydicom computed now (stacked in pydicom's own sort
 * along the slice normal), and each lossless re-encoding against the uncompressed original. JPEG
 * lossless is compared with the uncompressed files only: pydicom has no JPEG lossless decoder here.
 */
class DicomRealDataTest {
    static final Path REAL = PydicomOracle.TestFiles.REAL;
    static final Path CT3 = REAL.resolve("dcmqi-ct-3slice");
    static Volume ct3;
    static PydicomOracle.Result ct3Oracle;

    @BeforeAll
    static void readReference() throws Exception {
        ct3 = VolumeIO.read(CT3);
        ct3Oracle = PydicomOracle.series(CT3);
    }

    @Test
    void implicitLittleEndianSeriesMatchesPydicom() {
        VolumeAssert.assertVoxelsEqual(ct3, ct3Oracle.values(), "dcmqi-ct-3slice");
        assertThat(ct3.type()).isEqualTo(DataType.INT16);
        assertGridMatches(ct3, ct3Oracle, "dcmqi-ct-3slice");
        assertThat(ct3.warnings()).as("only the note about the NRRD and text files beside the series")
                .singleElement().asString().startsWith("skipped 7 non-DICOM files");
        assertThat(ct3.metadata()).containsEntry("format", "DICOM").containsEntry("dicom.modality", "CT")
                .containsEntry("source.dtype", "int16")
                .containsEntry("dicom.transferSyntax", "1.2.840.10008.1.2 (Implicit VR Little Endian)")
                .containsKeys("dicom.seriesInstanceUid", "dicom.series", "dicom.sliceThickness", "dicom.manufacturer",
                        "dicom.seriesDescription");
    }

    static void assertGridMatches(Volume v, PydicomOracle.Result want, String what) {
        double[] shape = want.numbers("shape");
        assertThat(new int[] {v.sizeZ(), v.sizeY(), v.sizeX()}).as(what + " shape")
                .containsExactly((int) shape[0], (int) shape[1], (int) shape[2]);
        assertThat(v.geometry().originMm()).as(what + " origin").containsExactly(want.numbers("origin"), within(1e-6));
        assertThat(v.geometry().spacingMm()).as(what + " spacing").containsExactly(want.numbers("spacing"), within(1e-6));
        double[] n = want.numbers("normal");
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        assertThat(v.geometry().axis(2)).as(what + " z axis = slice normal")
                .containsExactly(new double[] {n[0] / len, n[1] / len, n[2] / len}, within(1e-6));
        // every slice centre lies where pydicom's sorted IPP says
        double[] ipp = want.numbers("ipp");
        for (int z = 0; z < v.sizeZ(); z++) {
            double[] w = v.geometry().indexToWorld(0, 0, z);
            double along = w[0] * n[0] / len + w[1] * n[1] / len + w[2] * n[2] / len;
            double wantAlong = (ipp[3 * z] * n[0] + ipp[3 * z + 1] * n[1] + ipp[3 * z + 2] * n[2]) / len;
            if (v.warnings().stream().allMatch(note -> note.startsWith("skipped "))) {
                assertThat(w).as(what + " slice " + z + " position").containsExactly(new double[] {ipp[3 * z], ipp[3 * z + 1], ipp[3 * z + 2]}, within(1e-3));
            } else {
                assertThat(along).isNotNaN();
                assertThat(wantAlong).isNotNaN();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"explicit_be", "deflated_le", "rle"})
    void reencodingsPydicomDecodesMatchPydicomAndTheOriginal(String folder) throws Exception {
        Path dir = REAL.resolve("dcmqi-ct-3slice-ts").resolve(folder);
        Volume v = VolumeIO.read(dir);
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.series(dir).values(), folder + " vs pydicom");
        VolumeAssert.assertSameVoxels(v, ct3, folder + " vs implicit original");
        assertThat(v.geometry().sameGrid(ct3.geometry(), 1e-9)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg_lossless_p14", "jpeg_lossless_sv1"})
    void jpegLosslessMatchesTheOriginalAndPydicomOfIt(String folder) throws Exception {
        Path dir = REAL.resolve("dcmqi-ct-3slice-ts").resolve(folder);
        Volume v = VolumeIO.read(dir);
        VolumeAssert.assertVoxelsEqual(v, ct3Oracle.values(), folder + " vs pydicom of the uncompressed series");
        assertThat(v.geometry().sameGrid(ct3.geometry(), 1e-9)).isTrue();
        assertThat(v.metadata().get("dicom.transferSyntax")).contains("JPEG Lossless");
    }

    @Test
    void jpegLsIsRefusedByName() {
        assertThatThrownBy(() -> VolumeIO.read(REAL.resolve("dcmqi-ct-3slice-ts/jpeg_ls_lossless")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("transfer syntax 1.2.840.10008.1.2.4.80 (JPEG-LS Lossless) is not supported");
    }

    @Test
    void tiltedSeriesIsSortedAlongTheNormalAndWarnsOfTiltAndGaps() throws Exception {
        Path dir = REAL.resolve("dcmqa-ct-ge-tilt");
        Volume v = VolumeIO.read(dir);
        PydicomOracle.Result want = PydicomOracle.series(dir);
        VolumeAssert.assertVoxelsEqual(v, want.values(), "dcmqa-ct-ge-tilt");
        assertGridMatches(v, want, "dcmqa-ct-ge-tilt");
        // the slice order follows pydicom's projections, and the z spacing is their median gap
        double[] pos = want.numbers("positions");
        double[] gaps = new double[pos.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = pos[i + 1] - pos[i];
        }
        assertThat(v.geometry().spacingZ()).isEqualTo(SliceGeometry.median(gaps), within(1e-5));
        double min = java.util.Arrays.stream(gaps).min().orElseThrow();
        double max = java.util.Arrays.stream(gaps).max().orElseThrow();
        // tilt angle between the IPP step and the normal, computed from pydicom's IPPs
        double[] ipp = want.numbers("ipp");
        double[] n = want.numbers("normal");
        int last = pos.length - 1;
        double[] step = {ipp[3 * last] - ipp[0], ipp[3 * last + 1] - ipp[1], ipp[3 * last + 2] - ipp[2]};
        double cos = Math.abs(step[0] * n[0] + step[1] * n[1] + step[2] * n[2])
                / Math.sqrt(step[0] * step[0] + step[1] * step[1] + step[2] * step[2])
                / Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        String angle = String.format(java.util.Locale.ROOT, "%.1f degrees", Math.toDegrees(Math.acos(cos)));
        assertThat(angle).isEqualTo("18.5 degrees");
        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).startsWith("gantry tilt").contains(angle)
                .contains("GantryDetectorTilt 18.50"));
        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).startsWith("uneven slice spacing")
                .contains(String.format(java.util.Locale.ROOT, "%.4f mm", min))
                .contains(String.format(java.util.Locale.ROOT, "%.4f mm", max)));
        assertThat(v.warnings()).noneMatch(w -> w.startsWith("missing"));
    }

    @Test
    void mrInEveryLosslessEncodingEqualsTheUncompressedFile() throws Exception {
        Path dir = REAL.resolve("dcmqa-ts-mr");
        Volume reference = VolumeIO.read(dir.resolve("1.dcm"));
        List<PydicomOracle.Result> want = PydicomOracle.files(true, List.of(dir.resolve("1.dcm"), dir.resolve("9.dcm")));
        VolumeAssert.assertVoxelsEqual(reference, want.get(0).values(), "MR 1.dcm vs pydicom");
        for (String f : List.of("2.dcm", "3.dcm", "4.dcm", "5.dcm", "6.dcm", "9.dcm")) {
            Volume v = VolumeIO.read(dir.resolve(f));
            VolumeAssert.assertSameVoxels(v, reference, "MR " + f + " vs 1.dcm");
            assertThat(v.geometry().sameGrid(reference.geometry(), 1e-9)).as(f).isTrue();
        }
        VolumeAssert.assertVoxelsEqual(VolumeIO.read(dir.resolve("9.dcm")), want.get(1).values(), "MR 9.dcm (J2K) vs pydicom");
        for (String f : List.of("7.dcm", "8.dcm")) {
            assertThatThrownBy(() -> VolumeIO.read(dir.resolve(f))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("1.2.840.10008.1.2.4.80 (JPEG-LS Lossless) is not supported");
        }
    }

    @Test
    void jpeg2000WithALyingBitsStoredMatchesTheUncompressedSliceAndPydicom() throws Exception {
        Path dir = REAL.resolve("pydicom-data-693");
        List<PydicomOracle.Result> want = PydicomOracle.files(true, List.of(dir.resolve("693_UNCR.dcm"), dir.resolve("693_J2KR.dcm")));
        Volume plain = VolumeIO.read(dir.resolve("693_UNCR.dcm"));
        Volume j2k = VolumeIO.read(dir.resolve("693_J2KR.dcm"));
        VolumeAssert.assertVoxelsEqual(plain, want.get(0).values(), "693_UNCR vs pydicom");
        VolumeAssert.assertVoxelsEqual(j2k, want.get(1).values(), "693_J2KR vs pydicom");
        VolumeAssert.assertSameVoxels(j2k, plain, "693_J2KR vs 693_UNCR");
        assertThat(j2k.type()).isEqualTo(DataType.INT16);
    }

    @Test
    void jpeg2000SeriesMatchesPydicom() throws Exception {
        Path dir = REAL.resolve("totalseg/example_ct_dicom");
        Volume v = new DicomFormat().read(dir, ReadOptions.DEFAULT);
        PydicomOracle.Result want = PydicomOracle.series(dir);
        VolumeAssert.assertVoxelsEqual(v, want.values(), "totalseg J2K series");
        assertGridMatches(v, want, "totalseg");
        assertThat(v.metadata().get("dicom.transferSyntax")).isEqualTo("1.2.840.10008.1.2.4.90 (JPEG 2000 Image Compression (Lossless Only))");
        assertThat(v.metadata()).containsEntry("source.dtype", "uint16");
        assertThat(v.geometry().spacingZ()).as("spacing from positions, not SliceThickness 3.0").isEqualTo(2.0, within(1e-6));
    }
}
