package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pydicom's own test files (Debian python3-pydicom): every monochrome file pydicom decodes must give
 * pydicom's {@code pixel_array * slope + intercept} voxel for voxel, with pydicom's IPP, IOP and
 * PixelSpacing; unsupported ones must fail with a clear message.
 */
class DicomPydicomFilesTest {
    /** Monochrome files pydicom 2.3.1 decodes here (numpy, RLE and Pillow-OpenJPEG handlers). */
    static final List<String> DECODABLE = List.of("CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm",
            "MR_small_implicit.dcm", "MR_small_expb.dcm", "MR_small_RLE.dcm", "MR_small_jp2klossless.dcm",
            "MR_small_padded.dcm", "image_dfl.dcm", "J2K_pixelrep_mismatch.dcm", "JPEG2000.dcm", "693_J2KI.dcm",
            "rtdose_1frame.dcm", "rtdose_expb_1frame.dcm", "rtdose_rle_1frame.dcm", "rtdose.dcm", "rtdose_expb.dcm",
            "rtdose_rle.dcm");

    static List<PydicomOracle.Result> oracle;

    @BeforeAll
    static void runPydicom() {
        oracle = PydicomOracle.files(true, DECODABLE.stream().map(PydicomOracle::testFile).toList());
    }

    @Test
    void everyDecodableFileMatchesPydicomVoxelForVoxel() throws Exception {
        for (int i = 0; i < DECODABLE.size(); i++) {
            Path f = PydicomOracle.testFile(DECODABLE.get(i));
            PydicomOracle.Result want = oracle.get(i);
            Volume v = new DicomFormat().read(f, ReadOptions.DEFAULT);
            double[] shape = want.numbers("shape");
            int frames = shape.length == 3 ? (int) shape[0] : 1;
            assertThat(v.sizeZ()).as(f + " frames").isEqualTo(frames);
            assertThat(v.sizeY()).as(f + " rows").isEqualTo((int) shape[shape.length - 2]);
            assertThat(v.sizeX()).as(f + " columns").isEqualTo((int) shape[shape.length - 1]);
            if (want.text("ts").equals("1.2.840.10008.1.2.4.91")) {
                // lossy JPEG 2000: OpenJPEG (pydicom) and JJ2000 (jai-imageio) may round the inverse wavelet differently
                VolumeAssert.assertVoxelsClose(v, want.values(), 1, 0.001, f.getFileName().toString());
            } else {
                VolumeAssert.assertVoxelsEqual(v, want.values(), f.getFileName().toString());
            }
            assertThat(v.metadata()).containsEntry("format", "DICOM");
            assertThat(v.metadata().get("dicom.transferSyntax")).startsWith(want.text("ts"));
            assertGeometry(v, want, f);
        }
    }

    private static void assertGeometry(Volume v, PydicomOracle.Result want, Path f) {
        double[] ipp = want.numbers("ImagePositionPatient");
        double[] iop = want.numbers("ImageOrientationPatient");
        double[] ps = want.numbers("PixelSpacing");
        if (ipp != null) {
            assertThat(v.geometry().originMm()).as(f + " origin = IPP").containsExactly(ipp, within(1e-9));
        }
        if (iop != null) {
            iop = unitCosines(iop);
            assertThat(v.geometry().axis(0)).as(f + " x axis = row cosine").containsExactly(new double[] {iop[0], iop[1], iop[2]}, within(1e-6));
            assertThat(v.geometry().axis(1)).as(f + " y axis = column cosine").containsExactly(new double[] {iop[3], iop[4], iop[5]}, within(1e-6));
        }
        if (ps != null) {
            assertThat(v.geometry().spacingX()).as(f + " x spacing = PixelSpacing[1]").isEqualTo(ps[1], within(1e-12));
            assertThat(v.geometry().spacingY()).as(f + " y spacing = PixelSpacing[0]").isEqualTo(ps[0], within(1e-12));
        }
    }

    private static double[] unitCosines(double[] iop) {
        double r = Math.sqrt(iop[0] * iop[0] + iop[1] * iop[1] + iop[2] * iop[2]);
        double c = Math.sqrt(iop[3] * iop[3] + iop[4] * iop[4] + iop[5] * iop[5]);
        return new double[] {iop[0] / r, iop[1] / r, iop[2] / r, iop[3] / c, iop[4] / c, iop[5] / c};
    }

    @Test
    void integerRescaleGivesInt16AndKeepsTheSourceType() throws Exception {
        Volume ct = new DicomFormat().read(PydicomOracle.testFile("CT_small.dcm"), ReadOptions.DEFAULT);
        assertThat(ct.type()).isEqualTo(org.calcify.volume.DataType.INT16);
        assertThat(ct.metadata()).containsEntry("source.dtype", "int16").containsEntry("dicom.modality", "CT");
        Volume dfl = new DicomFormat().read(PydicomOracle.testFile("image_dfl.dcm"), ReadOptions.DEFAULT);
        assertThat(dfl.metadata()).containsEntry("source.dtype", "uint8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JPEG-lossy.dcm", "JPGExtended.dcm", "MR_small_jpeg_ls_lossless.dcm"})
    void unsupportedTransferSyntaxesAreNamed(String name) {
        String uid = PydicomOracle.files(false, List.of(PydicomOracle.testFile(name))).get(0).text("ts");
        assertThatThrownBy(() -> new DicomFormat().read(PydicomOracle.testFile(name), ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("transfer syntax " + uid + " (")
                .hasMessageContaining("is not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SC_rgb_small_odd.dcm", "SC_rgb_rle.dcm", "ExplVR_BigEnd.dcm", "SC_ybr_full_422_uncompressed.dcm"})
    void colourImagesAreRefused(String name) {
        assertThatThrownBy(() -> new DicomFormat().read(PydicomOracle.testFile(name), ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SamplesPerPixel is 3");
    }

    @Test
    void aSegmentationGivenAsAScanIsRefused() {
        // pydicom's one-bit test file is a SEG: read as a scan it is refused as such
        assertThatThrownBy(() -> new DicomFormat().read(PydicomOracle.testFile("liver_1frame.dcm"), ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a DICOM Segmentation (SEG) is a label map, not a scan");
    }

    @Test
    void pydicomsCutDownSegsAreRefusedByTheSegReader() {
        // liver_1frame.dcm was cut from a 3-frame SEG: NumberOfFrames dropped (so 1) but 3 per-frame items kept
        assertThatThrownBy(() -> SegmentationReader.read(PydicomOracle.testFile("liver_1frame.dcm")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NumberOfFrames is 1 but the Per-frame Functional Groups Sequence has 3 items");
        assertThatThrownBy(() -> SegmentationReader.read(PydicomOracle.testFile("liver_expb_1frame.dcm")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Explicit VR Big Endian").hasMessageContaining("not supported");
    }

    @Test
    void fragmentsAreWalkedByLengthEvenWithADelimiterInsideTheCodestream() throws Exception {
        // the codestream of this file holds the bytes of a sequence delimiter (FFFE,E0DD) and a bogus size
        Path f = PydicomOracle.testFile("JPEG2000-embedded-sequence-delimiter.dcm");
        PydicomOracle.Result want = PydicomOracle.files(false, List.of(f)).get(0);
        DicomHeader h = DicomParser.readHeader(f);
        byte[] bytes = java.nio.file.Files.readAllBytes(f);
        List<EncapsulatedFrames.Fragment> fragments = EncapsulatedFrames.fragments(f, bytes,
                (int) h.pixelData().offsetBytes(), new java.util.ArrayList<>());
        // pydicom's PixelData value: 8 (empty BOT item) + per fragment 8 + length (the delimiter not counted)
        long encapsulatedLength = 8 + fragments.stream().mapToLong(x -> 8L + x.length()).sum();
        assertThat(encapsulatedLength).isEqualTo((long) Double.parseDouble(want.text("PixelDataLength")));
        assertThat(fragments).hasSize(1);
        assertThatThrownBy(() -> new DicomFormat().read(f, ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("JPEG 2000 image is")
                .hasMessageContaining("but the DICOM header says 256x1024");
    }
}
