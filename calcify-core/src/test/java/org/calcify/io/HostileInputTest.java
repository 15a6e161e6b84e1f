package org.calcify.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.calcify.io.joblib.SeedCohort;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue 14, one small fixture each, written at test time: every one is an
 * {@link InvalidInputException} naming the file, quickly, and never a large allocation.
 */
class HostileInputTest {
    @TempDir
    Path tmp;

    private Path write(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static void assertRefused(Path p, String messagePart) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> VolumeIO.read(p)).as(p.getFileName().toString())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(p.toString() + ": ")
                .hasMessageContaining(messagePart);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("time to refuse " + p.getFileName()).isLessThan(Duration.ofSeconds(2));
    }

    /** Issue 14.1: PROTO 2, EMPTY_LIST, BINPUT 0, BINGET 0, APPEND, STOP: a list that contains itself. */
    static final byte[] SELF_LIST = {(byte) 0x80, 2, ']', 'q', 0, 'h', 0, 'a', '.'};

    @Test
    void aPickledListThatContainsItselfIsRefused() throws IOException {
        assertThat(SELF_LIST).hasSize(9);
        assertRefused(write("self.pkl", SELF_LIST), "contains itself");
        // the same cycle through a tuple and a dict value
        assertRefused(write("tuple.pkl", new byte[] {(byte) 0x80, 2, ']', 'q', 0, 'h', 0, (byte) 0x85, 'a', '.'}), "contains itself");
        // a list used as a dict key (Python cannot hash it; Java would hash it forever if it held itself)
        assertRefused(write("key.pkl", new byte[] {(byte) 0x80, 2, '}', ']', 'q', 0, 'h', 0, 'a', 'h', 0, 's', '.'}), "dict key");
    }

    @Test
    void aSeedCohortWhoseVoxelIndexIsASelfContainingListIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("cohort"));
        PythonOracle.run("""
                import sys, joblib, numpy as np
                d = sys.argv[1]
                v = [1]
                v.append(v)
                joblib.dump([np.zeros((2, 3, 4), np.int16)], d + '/cross_validation_ct_threshold_1.pkl')
                joblib.dump([(0, v, 0, 0, 1)], d + '/cross_validation_voxel_list_postprocess_1.pkl')
                joblib.dump([[0.0] * 7], d + '/emr_data_1.pkl')
                """, dir.toString());
        assertThatThrownBy(() -> SeedCohort.open(dir).summary()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cross_validation_voxel_list_postprocess_1.pkl").hasMessageContaining("contains itself");
    }

    @Test
    void hugeIntegersInAPickleAreRefusedFast() throws IOException {
        // LONG4 of 4 MB: a 4 MB integer answer
        ByteBuffer b = ByteBuffer.allocate(8 + (4 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x80).put((byte) 2).put((byte) 0x8b).putInt(4 << 20);
        b.position(b.capacity() - 1);
        b.put((byte) '.');
        assertRefused(write("long4.pkl", b.array()), "4194304-byte int");
        // LONG (text) of 500,000 digits, and int('9' * 500000) through the builtins
        byte[] digits = "9".repeat(500_000).getBytes(StandardCharsets.US_ASCII);
        assertRefused(write("longtext.pkl", concat(new byte[] {(byte) 0x80, 2, 'L'}, digits, "L\n.".getBytes(StandardCharsets.US_ASCII))), "LONG longer than");
        ByteBuffer call = ByteBuffer.allocate(64 + digits.length).order(ByteOrder.LITTLE_ENDIAN);
        call.put((byte) 0x80).put((byte) 2).put("cbuiltins\nint\n".getBytes(StandardCharsets.US_ASCII));
        call.put((byte) 'X').putInt(digits.length).put(digits).put((byte) 0x85).put((byte) 'R').put((byte) '.');
        assertRefused(write("intcall.pkl", java.util.Arrays.copyOf(call.array(), call.position())), "digits");
    }

    @Test
    void anNpzWithADamagedZipCommentLengthIsInvalidInput() throws IOException {
        Path p = tmp.resolve("comment.npz");
        PythonOracle.run("""
                import sys, numpy as np
                np.savez(sys.argv[1], a=np.zeros((2, 3, 4), np.int16))
                data = bytearray(open(sys.argv[1], 'rb').read())
                data[-2] = 0x40  # comment length of the end-of-central-directory record: 64, with no comment there
                open(sys.argv[1], 'wb').write(data)
                """, p.toString());
        assertRefused(p, "corrupt .npz archive");
    }

    @Test
    void aTwoDimensionalNrrdWithParallelDirectionsNamesTheFile() throws IOException {
        String nrrd = "NRRD0004\ntype: short\ndimension: 2\nsizes: 2 2\nspace: left-posterior-superior\n"
                + "space directions: (1,0,0) (2,0,0)\nencoding: raw\nendian: little\n\n";
        assertRefused(write("parallel.nrrd", concat(nrrd.getBytes(StandardCharsets.US_ASCII), new byte[8])), "parallel");
    }

    @Test
    void aDicomSeriesWithSlicesAtPlusMinus1e308NamesTheFile() throws IOException {
        Path dir = tmp.resolve("far");
        PythonOracle.run("""
                import sys, os, numpy as np, pydicom, warnings
                from pydicom.dataset import FileDataset, FileMetaDataset
                from pydicom.uid import ExplicitVRLittleEndian, generate_uid
                warnings.simplefilter('ignore')
                d = sys.argv[1]
                os.makedirs(d)
                series = generate_uid()
                for i, z in enumerate((-1e308, 1e308)):
                    meta = FileMetaDataset()
                    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
                    meta.MediaStorageSOPInstanceUID = generate_uid()
                    meta.TransferSyntaxUID = ExplicitVRLittleEndian
                    ds = FileDataset(None, {}, file_meta=meta, preamble=b'\\0' * 128)
                    ds.SOPClassUID = meta.MediaStorageSOPClassUID
                    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
                    ds.Modality = 'CT'
                    ds.SeriesInstanceUID = series
                    ds.InstanceNumber = i + 1
                    ds.ImagePositionPatient = [0, 0, z]
                    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
                    ds.PixelSpacing = [1, 1]
                    ds.Rows, ds.Columns = 4, 4
                    ds.SamplesPerPixel = 1
                    ds.PhotometricInterpretation = 'MONOCHROME2'
                    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
                    ds.RescaleSlope, ds.RescaleIntercept = 1, 0
                    ds.PixelData = np.zeros((4, 4), np.int16).tobytes()
                    ds.save_as(os.path.join(d, 'slice%d.dcm' % i), write_like_original=False)
                """, dir.toString());
        assertThatThrownBy(() -> VolumeIO.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(dir.resolve("slice0.dcm").toString())
                .hasMessageContaining("spacing");
    }

    /** A NIfTI-2 header (little endian, int16, vox_offset 544) of the given x, y, z; no voxels follow. */
    static byte[] nifti2Header(long x, long y, long z) {
        ByteBuffer b = ByteBuffer.allocate(544).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 540);
        b.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
        b.putShort(12, (short) 4).putShort(14, (short) 16);
        long[] dim = {3, x, y, z, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
            b.putDouble(104 + 8 * i, 1);
        }
        b.putLong(168, 544);
        b.putDouble(176, 1);
        b.putInt(500, 2);
        return b.array();
    }

    @Test
    void dimensionsWhoseProductWrapsAroundAreRefused() throws IOException {
        // 61836419 x 252871 x 1179713 wraps around to 21 in a long; another product wraps to 0
        assertRefused(write("wrap21.nii", concat(nifti2Header(61836419L, 252871L, 1179713L), new byte[42])), "larger than Calcify can hold");
        assertRefused(write("wrap0.nii", nifti2Header(1L << 32, 1L << 16, 1L << 16)), "larger than Calcify can hold");
        String nrrd = "NRRD0004\ntype: short\ndimension: 3\nsizes: 61836419 252871 1179713\nencoding: raw\nendian: little\n\n";
        assertRefused(write("wrap.nrrd", concat(nrrd.getBytes(StandardCharsets.US_ASCII), new byte[42])), "larger than Calcify can hold");
        String mha = "ObjectType = Image\nNDims = 3\nDimSize = 61836419 252871 1179713\nElementType = MET_SHORT\nElementDataFile = LOCAL\n";
        assertRefused(write("wrap.mha", concat(mha.getBytes(StandardCharsets.US_ASCII), new byte[42])), "larger than Calcify can hold");
        assertThatThrownBy(() -> Geometry.of(2_000_000_000, 2_000_000_000, 2_000_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    }

    @Test
    void aHeaderClaimingMoreThanTheHeapIsRefusedBeforeAllocating() throws IOException {
        // a sparse file of 17 GB: the file holds what the header claims, the heap does not
        long voxels = (1L << 31) - 64;
        long side = 1L << 15;
        Path p = write("sparse.nii", nifti2Header(side, voxels / side, 1));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(12, (short) 1024).putShort(14, (short) 64); // int64: 8 bytes a voxel
        Files.write(p, b.array());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(544 + 8 * side * (voxels / side));
        }
        assertThat(8 * side * (voxels / side)).isGreaterThan(Runtime.getRuntime().maxMemory());
        assertRefused(p, "Java heap");
    }

    @Test
    void aGzipStreamInflatesNoFurtherThanItsLimit() throws IOException {
        byte[] data = new byte[1000];
        try (var in = SizeBudget.inflateLimit(new java.io.ByteArrayInputStream(data), 600, tmp.resolve("x.gz"))) {
            assertThat(in.readNBytes(600)).hasSize(600);
            assertThatThrownBy(in::read).isInstanceOf(InvalidInputException.class).hasMessageContaining("inflates past the 600 bytes");
        }
        // a .nii.gz with a megabyte of zeros after its voxels still reads (the extra data is never inflated)
        Volume v = Volume.ofShorts(Geometry.of(4, 3, 2), new short[24]);
        Path nii = tmp.resolve("v.nii");
        VolumeIO.write(v, nii);
        Path gz = tmp.resolve("v.nii.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(nii));
            out.write(new byte[1 << 20]);
        }
        assertThat(VolumeIO.read(gz).shorts()).containsExactly(v.shorts());
    }

    @Test
    void volumesWiderThanNifti1CanHoldAreWrittenAsNifti2() throws IOException {
        short[] row = new short[40_000];
        for (int i = 0; i < row.length; i++) {
            row[i] = (short) (i % 3000 - 1000);
        }
        Volume wide = Volume.ofShorts(Geometry.of(40_000, 1, 1, new double[] {0.5, 0.7, 2}, new double[] {1, 2, 3},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), row);
        Path p = tmp.resolve("wide.nii");
        VolumeIO.write(wide, p);
        Volume back = VolumeIO.read(p);
        assertThat(back.metadata().get("format")).isEqualTo("NIfTI-2");
        assertThat(back.geometry().shapeZyx()).containsExactly(1, 1, 40_000);
        assertThat(back.geometry().spacingMm()).containsExactly(0.5, 0.7, 2);
        assertThat(back.geometry().originMm()).containsExactly(1, 2, 3);
        assertThat(back.shorts()).containsExactly(row);
        String py = PythonOracle.run("import sys, nibabel as nib; i = nib.load(sys.argv[1]); d = i.get_fdata();"
                + " print(i.header['sizeof_hdr'], i.shape, int(d[39999, 0, 0]))", p.toString()).trim();
        assertThat(py).isEqualTo("540 (40000, 1, 1) " + row[39999]);
    }

    @Test
    void terminalEscapesFromFileContentAreEscapedInMessages() throws IOException {
        // a type that clears the terminal and rings its bell when printed
        String nrrd = "NRRD0004\ntype: short\u001b[2J\u0007int\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n";
        Path p = write("escape.nrrd", concat(nrrd.getBytes(StandardCharsets.ISO_8859_1), new byte[16]));
        assertThatThrownBy(() -> VolumeIO.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("short\\x1b[2J\\x07int").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007"));
        assertThat(PrintableText.escape("a\nb\tc\u202ed\u0007")).isEqualTo("a\\nb\\tc\\u202ed\\x07");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void voxelAllocationsFollowTheBudget() {
        assertThatThrownBy(() -> SizeBudget.elements(tmp, "dims", 3, 0, 4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("below 1");
        assertThatThrownBy(() -> SizeBudget.elements(tmp, "dims", Long.MAX_VALUE, 2)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SizeBudget.allocate(tmp, DataType.FLOAT64, Integer.MAX_VALUE - 16))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Java heap");
    }
}
