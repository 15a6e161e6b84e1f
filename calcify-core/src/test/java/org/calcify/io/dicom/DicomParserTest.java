package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.calcify.io.ReadOptions;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header parser on pydicom's odd test files (sequences of undefined length in all three
 * encodings, UN sequences, private nested sequences, files without meta header or preamble, a meta
 * header without transfer syntax): what it reads must agree with what pydicom reads.
 */
class DicomParserTest {
    static final List<String> ODD = List.of("UN_sequence.dcm", "nested_priv_SQ.dcm", "priv_SQ.dcm", "rtstruct.dcm",
            "reportsi.dcm", "test-SR.dcm", "empty_charset_LEI.dcm", "waveform_ecg.dcm", "ExplVR_BigEndNoMeta.dcm",
            "ExplVR_LitEndNoMeta.dcm", "no_meta_group_length.dcm", "meta_missing_tsyntax.dcm", "rtplan.dcm",
            "SC_rgb_jpeg_gdcm.dcm", "CT_small.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm", "image_dfl.dcm",
            "reportsi_with_empty_number_tags.dcm", "rtdose_expb.dcm", "JPEG2000.dcm", "liver_expb_1frame.dcm");

    @TempDir
    Path tmp;

    @Test
    void headersAgreeWithPydicom() throws Exception {
        List<PydicomOracle.Result> want = PydicomOracle.files(false, ODD.stream().map(PydicomOracle::testFile).toList());
        for (int i = 0; i < ODD.size(); i++) {
            Path f = PydicomOracle.testFile(ODD.get(i));
            PydicomOracle.Result w = want.get(i);
            DicomHeader h = DicomParser.readHeader(f);
            String what = ODD.get(i);
            assertThat(h.seriesInstanceUid()).as(what + " SeriesInstanceUID").isEqualTo(w.text("SeriesInstanceUID"));
            assertThat(h.modality()).as(what + " Modality").isEqualTo(w.text("Modality"));
            assertThat(h.sopClassUid() == null ? "" : h.sopClassUid()).as(what + " SOPClassUID").isEqualTo(w.text("SOPClassUID"));
            assertThat(h.pixelData() != null).as(what + " has PixelData").isEqualTo(Boolean.parseBoolean(w.text("HasPixelData").toLowerCase()));
            if (h.pixelData() != null && !h.pixelData().encapsulated()) {
                assertThat(h.pixelData().lengthBytes()).as(what + " PixelData length").isEqualTo(Long.parseLong(w.text("PixelDataLength")));
            }
            if (!w.text("Rows").isEmpty()) {
                assertThat(h.rows()).as(what + " Rows").isEqualTo(Integer.parseInt(w.text("Rows")));
                assertThat(h.columns()).as(what + " Columns").isEqualTo(Integer.parseInt(w.text("Columns")));
            }
            TransferSyntax ts = TransferSyntax.byUid(h.transferSyntaxUid());
            if (ts != null) {
                assertThat(ts.explicitVr()).as(what + " explicit VR").isEqualTo(!Boolean.parseBoolean(w.text("implicit").toLowerCase()));
                assertThat(ts.bigEndian()).as(what + " big endian").isEqualTo(!Boolean.parseBoolean(w.text("little").toLowerCase()));
            }
            if (!w.text("ts").isEmpty()) {
                assertThat(h.transferSyntaxUid()).as(what + " transfer syntax").isEqualTo(w.text("ts"));
            }
            if (w.numbers("ImagePositionPatient") != null) {
                assertThat(h.imagePositionPatientMm()).as(what + " IPP").containsExactly(w.numbers("ImagePositionPatient"));
            }
        }
    }

    @Test
    void aBareImplicitDataSetWithoutPreambleOrMetaIsRead() throws Exception {
        Path original = PydicomOracle.TestFiles.REAL.resolve("dcmqi-ct-3slice/01.dcm");
        byte[] b = Files.readAllBytes(original);
        // skip preamble, "DICM" and the group 0002 elements (explicit VR LE)
        int pos = 132;
        while ((b[pos] & 0xFF) == 0x02 && b[pos + 1] == 0) {
            String vr = new String(b, pos + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            boolean longVr = List.of("OB", "OW", "UN", "SQ", "UT").contains(vr);
            int len = longVr ? (b[pos + 8] & 0xFF) | (b[pos + 9] & 0xFF) << 8 : (b[pos + 6] & 0xFF) | (b[pos + 7] & 0xFF) << 8;
            pos += (longVr ? 12 : 8) + len;
        }
        Path bare = tmp.resolve("bare");
        Files.write(bare, Arrays.copyOfRange(b, pos, b.length));
        assertThat(new DicomFormat().canRead(bare)).isTrue();
        assertThat(DicomParser.readHeader(bare).transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2");
        Volume v = new DicomFormat().read(bare, ReadOptions.DEFAULT);
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.file(bare).values(), "bare implicit data set vs pydicom");
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.file(original).values(), "bare implicit data set vs original");
    }

    @Test
    void aLongHeaderBeyondTheFirstPrefixIsParsed() throws Exception {
        // a private OB element of 100 kB before the pixel data forces the parser past its first read
        Path original = PydicomOracle.testFile("CT_small.dcm");
        Path big = tmp.resolve("big-header.dcm");
        org.calcify.testing.PythonOracle.run(String.join("\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "ds.add_new(0x00291010, 'OB', bytes(100000))",
                "ds.save_as(sys.argv[2])"), original.toString(), big.toString());
        Volume v = new DicomFormat().read(big, ReadOptions.DEFAULT);
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.file(original).values(), "CT_small with a 100 kB header");
    }

    @Test
    void pixelSpacingIsRowSpacingThenColumnSpacing() throws Exception {
        // a copy of CT_small with non-square pixels and an oblique orientation, written by pydicom; the
        // world position of pixel (row 2, column 3) is computed by the formula of PS3.3 C.7.6.2.1.1
        Path f = tmp.resolve("oblique.dcm");
        String out = org.calcify.testing.PythonOracle.run(String.join("\n",
                "import sys, numpy as np, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "ds.PixelSpacing = [0.5, 0.8]",
                "ds.ImageOrientationPatient = [0.8, 0.6, 0.0, 0.0, 0.0, -1.0]",
                "ds.save_as(sys.argv[2])",
                "ipp = np.array([float(v) for v in ds.ImagePositionPatient])",
                "iop = np.array([float(v) for v in ds.ImageOrientationPatient])",
                "row_spacing, col_spacing = [float(v) for v in ds.PixelSpacing]",
                "r, c = 2, 3",
                "p = ipp + iop[:3] * col_spacing * c + iop[3:] * row_spacing * r",
                "print(' '.join(repr(float(v)) for v in p))"), PydicomOracle.testFile("CT_small.dcm").toString(), f.toString());
        double[] want = java.util.Arrays.stream(out.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        Volume v = new DicomFormat().read(f, ReadOptions.DEFAULT);
        assertThat(v.geometry().spacingX()).isEqualTo(0.8);
        assertThat(v.geometry().spacingY()).isEqualTo(0.5);
        assertThat(v.geometry().indexToWorld(3, 2, 0)).containsExactly(want, org.assertj.core.api.Assertions.within(1e-9));
    }
}
