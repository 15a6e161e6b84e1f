package org.calcify.io.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Part 10 layout, padding, sequences and value checks of the writer; pydicom is the reader. */
class DicomFileWriterTest {
    @TempDir
    Path tmp;

    @Test
    void part10FileHasPreambleMetaGroupLengthAndPydicomReadsEveryValue() throws Exception {
        String sop = Uids.newUid();
        DicomDataset d = new DicomDataset()
                .string(0x00080016, Vr.UI, Uids.SEGMENTATION_STORAGE)
                .string(0x00080018, Vr.UI, sop)
                .string(0x00100010, Vr.PN, "Doe^Jo")          // odd length: padded with a space
                .string(0x00081030, Vr.LO, "")
                .ds(0x00280030, 0.1 + 0.2, 1.0 / 3)
                .us(0x00280010, 512)
                .sequence(0x00081115, List.of(new DicomDataset().string(0x0020000E, Vr.UI, "1.2.3"),
                        new DicomDataset().string(0x0020000E, Vr.UI, "1.2.34")));
        byte[] file = DicomFileWriter.encode(d);
        assertThat(new String(file, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(132)).isEqualTo(0x00000002); // (0002,0000)
        int groupLength = b.getInt(140);
        int afterMeta = 144 + groupLength;
        assertThat(b.getShort(afterMeta)).isEqualTo((short) 0x0008); // the data set starts right after the meta group

        Path p = tmp.resolve("x.dcm");
        Files.write(p, file);
        String out = PythonOracle.run("""
import sys, pydicom
d = pydicom.dcmread(sys.argv[1])
print(d.file_meta.TransferSyntaxUID, d.file_meta.MediaStorageSOPInstanceUID == d.SOPInstanceUID, str(d.PatientName),
      repr(d.StudyDescription), [float(x) for x in d.PixelSpacing], d.Rows,
      [s.SeriesInstanceUID for s in d.ReferencedSeriesSequence], d.file_meta.ImplementationClassUID)
""", p.toString());
        assertThat(out.strip()).isEqualTo("1.2.840.10008.1.2.1 True Doe^Jo '' [0.3, 0.33333333333333] 512 ['1.2.3', '1.2.34'] "
                + Uids.IMPLEMENTATION_CLASS_UID);
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        for (double v : new double[] {0.1 + 0.2, -123456.789012345, 1e-20, -1.5e300, 42, -0.000123456789}) {
            String s = DicomDataset.decimalString(v);
            assertThat(s.length()).as(s).isLessThanOrEqualTo(16);
            assertThat(Double.parseDouble(s)).isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
    }

    @Test
    void uidsAreValidAndBadValuesAreRefused() {
        String uid = Uids.newUid();
        assertThat(uid).startsWith("2.25.");
        assertThat(Uids.isValid(uid)).isTrue();
        assertThat(Uids.isValid(Uids.IMPLEMENTATION_CLASS_UID)).isTrue();
        assertThatThrownBy(() -> new DicomDataset().string(0x0020000E, Vr.UI, "1.02.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DicomDataset().string(0x00080060, Vr.CS, "X".repeat(17))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DicomFileWriter.encode(new DicomDataset())).isInstanceOf(IllegalArgumentException.class);
    }
}
