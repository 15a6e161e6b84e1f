package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives an {@link InvalidInputException} naming the file and the problem, never another
 * exception: empty folders, files without pixel data, truncated files, lengths past the end,
 * absurd sizes, and randomly damaged copies of real files.
 */
class DicomErrorTest {
    static final Path REAL = PydicomOracle.TestFiles.REAL;

    @TempDir
    Path tmp;

    private static InvalidInputException readFails(Path p) {
        try {
            new DicomFormat().read(p, ReadOptions.DEFAULT);
        } catch (InvalidInputException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError(p + ": expected InvalidInputException, got " + t, t);
        }
        throw new AssertionError(p + ": read did not fail");
    }

    @Test
    void emptyFolderAndFolderWithoutDicom() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(readFails(empty).getMessage()).contains("no DICOM files found");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.copy(REAL.resolve("dcmqi-ct-3slice/SOURCE.md"), other.resolve("SOURCE.md"));
        Files.copy(REAL.resolve("dcmqi-ct-3slice/liver_seg.nrrd"), other.resolve("liver_seg.nrrd"));
        assertThat(readFails(other).getMessage()).contains("no DICOM files found").contains("1 NRRD file (liver_seg.nrrd)");
        // VolumeIO reads a folder without DICOM as the one image it holds (see FolderReadingTest)
        assertThat(VolumeIO.read(other).metadata()).containsEntry("format", "NRRD");
    }

    @Test
    void filesWithoutPixelData() throws Exception {
        InvalidInputException e = readFails(PydicomOracle.testFile("rtplan.dcm"));
        assertThat(e.problem()).isEqualTo("no pixel data (PixelData 7FE0,0010 missing)");
        assertThat(e.file()).isEqualTo(PydicomOracle.testFile("rtplan.dcm"));
        Files.copy(PydicomOracle.testFile("rtplan.dcm"), tmp.resolve("a.dcm"));
        Files.copy(PydicomOracle.testFile("rtstruct.dcm"), tmp.resolve("b.dcm"));
        assertThat(readFails(tmp).problem()).startsWith("no pixel data (PixelData 7FE0,0010 missing) in any of the 2 DICOM files");
    }

    @Test
    void truncatedFiles() {
        InvalidInputException mr = readFails(PydicomOracle.testFile("MR_truncated.dcm"));
        assertThat(mr.problem()).isEqualTo("pixel data truncated: PixelData (7FE0,0010) at byte 1500 has length 8192, "
                + "but only 8130 bytes are left in the file");
        InvalidInputException plan = readFails(PydicomOracle.testFile("rtplan_truncated.dcm"));
        assertThat(plan.file()).isEqualTo(PydicomOracle.testFile("rtplan_truncated.dcm"));
    }

    @Test
    void aFileCutAnywhereNeverThrowsAnythingElse() throws Exception {
        for (String source : new String[] {"CT_small.dcm", "MR_small_RLE.dcm", "MR_small_jp2klossless.dcm", "image_dfl.dcm",
                "MR_small_bigendian.dcm"}) {
            byte[] full = Files.readAllBytes(PydicomOracle.testFile(source));
            // a cut after the pixel data (in trailing padding) leaves a readable file
            PixelDataLocation at = DicomParser.readHeader(PydicomOracle.testFile(source)).pixelData();
            // (a missing final sequence delimiter is tolerated: all fragments are there)
            long end = at.inDeflatedDataSet() ? full.length : at.offsetBytes() + at.lengthBytes();
            if (at.encapsulated()) {
                var fragments = EncapsulatedFrames.fragments(PydicomOracle.testFile(source), full, (int) at.offsetBytes(),
                        new java.util.ArrayList<>());
                var last = fragments.get(fragments.size() - 1);
                end = last.offset() + last.length();
            }
            for (int cut = 0; cut < end; cut += Math.max(1, (int) end / 60)) {
                Path p = tmp.resolve("cut-" + cut + "-" + source);
                Files.write(p, Arrays.copyOf(full, cut));
                readFails(p);
                Files.delete(p);
            }
        }
        byte[] jpeg = Files.readAllBytes(REAL.resolve("dcmqi-ct-3slice-ts/jpeg_lossless_p14/01.dcm"));
        for (int cut = 2000; cut < jpeg.length; cut += jpeg.length / 15) {
            Path p = tmp.resolve("jpeg-cut-" + cut);
            Files.write(p, Arrays.copyOf(jpeg, cut));
            readFails(p);
        }
    }

    @Test
    void randomlyDamagedFilesNeverThrowAnythingElse() throws Exception {
        Random random = new Random(20261126L);
        String[] sources = {"CT_small.dcm", "MR_small_RLE.dcm", "MR_small_implicit.dcm", "image_dfl.dcm", "rtdose.dcm"};
        for (int i = 0; i < 150; i++) {
            byte[] b = Files.readAllBytes(PydicomOracle.testFile(sources[i % sources.length]));
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                b[random.nextInt(Math.min(b.length, 1200))] = (byte) random.nextInt(256);
            }
            Path p = tmp.resolve("damaged-" + i + ".dcm");
            Files.write(p, b);
            try {
                new DicomFormat().read(p, ReadOptions.DEFAULT);
            } catch (InvalidInputException expected) {
                // fine: named the problem
            } catch (Throwable t) {
                throw new AssertionError("damaged copy " + i + " threw " + t, t);
            }
        }
        byte[] jpeg = Files.readAllBytes(REAL.resolve("dcmqi-ct-3slice-ts/jpeg_lossless_p14/01.dcm"));
        for (int i = 0; i < 20; i++) {
            byte[] b = jpeg.clone();
            for (int k = 0; k < 4; k++) {
                int at = 1500 + random.nextInt(b.length - 1500);
                b[at] = (byte) random.nextInt(256);
            }
            Path p = tmp.resolve("damaged-jpeg-" + i + ".dcm");
            Files.write(p, b);
            try {
                new DicomFormat().read(p, ReadOptions.DEFAULT);
            } catch (InvalidInputException expected) {
                // fine
            } catch (Throwable t) {
                throw new AssertionError("damaged JPEG " + i + " threw " + t, t);
            }
        }
    }

    @Test
    void anElementLengthPastTheEndOfTheFile() throws Exception {
        byte[] b = Files.readAllBytes(PydicomOracle.testFile("CT_small.dcm"));
        // (0008,0070) Manufacturer LO: set its 2-byte length to 0xFFF0
        int value = CorruptFiles.shortValueOffset(b, 0x0008, 0x0070, "LO");
        b[value - 2] = (byte) 0xF0;
        b[value - 1] = (byte) 0xFF;
        Path p = tmp.resolve("long.dcm");
        Files.write(p, b);
        assertThat(readFails(p).problem()).startsWith("element (0008,0070)").contains("has length 65520, past the end of the file");
        // PixelData claiming 2^32-2 bytes
        byte[] c = Files.readAllBytes(PydicomOracle.testFile("CT_small.dcm"));
        int pd = CorruptFiles.indexOf(c, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'}, 132);
        c[pd + 8] = (byte) 0xFE;
        c[pd + 9] = (byte) 0xFF;
        c[pd + 10] = (byte) 0xFF;
        c[pd + 11] = (byte) 0xFF;
        Path q = tmp.resolve("pixels.dcm");
        Files.write(q, c);
        assertThat(readFails(q).problem()).startsWith("pixel data truncated: PixelData (7FE0,0010)").contains("has length 4294967294");
    }

    @Test
    void absurdRowsAndColumns() throws Exception {
        for (int rows : new int[] {0, 65535}) {
            byte[] b = Files.readAllBytes(PydicomOracle.testFile("CT_small.dcm"));
            int value = CorruptFiles.shortValueOffset(b, 0x0028, 0x0010, "US");
            b[value] = (byte) rows;
            b[value + 1] = (byte) (rows >> 8);
            Path p = tmp.resolve("rows-" + rows + ".dcm");
            Files.write(p, b);
            assertThat(readFails(p).problem()).contains("implausible image size Rows=" + rows);
        }
        // a compressed file cannot claim more pixels than its bytes could plausibly hold
        byte[] rle = Files.readAllBytes(PydicomOracle.testFile("MR_small_RLE.dcm"));
        int r = CorruptFiles.shortValueOffset(rle, 0x0028, 0x0010, "US");
        int c = CorruptFiles.shortValueOffset(rle, 0x0028, 0x0011, "US");
        for (int at : new int[] {r, c}) {
            rle[at] = (byte) 30000;
            rle[at + 1] = (byte) (30000 >> 8);
        }
        Path huge = tmp.resolve("huge-rle.dcm");
        Files.write(huge, rle);
        assertThat(readFails(huge).problem()).startsWith("implausible image: 1 frame(s) of 30000x30000 pixels");
        // plausible but larger than the pixel data: an error, never a zero fill
        byte[] b = Files.readAllBytes(PydicomOracle.testFile("CT_small.dcm"));
        int value = CorruptFiles.shortValueOffset(b, 0x0028, 0x0010, "US");
        b[value] = 0;
        b[value + 1] = 0x10; // 4096 rows
        Path p = tmp.resolve("rows-4096.dcm");
        Files.write(p, b);
        assertThat(readFails(p).problem()).contains("pixel data holds 32768 bytes, expected 1048576");
    }

    @Test
    void invalidNumberOfFrames() {
        assertThat(readFails(PydicomOracle.testFile("badVR.dcm")).problem()).contains("NumberOfFrames");
    }

    @Test
    void unreadableStrayFirstByte() {
        // pydicom parses no_meta.dcm as one bogus element; Calcify refuses it with the element's name
        assertThat(readFails(PydicomOracle.testFile("no_meta.dcm")).problem()).contains("past the end of the file");
    }

    static void write(Path p, byte[] b) throws IOException {
        Files.write(p, b);
    }
}
