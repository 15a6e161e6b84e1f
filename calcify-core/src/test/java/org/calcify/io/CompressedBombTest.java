package org.calcify.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14.6 for every compressed reader: a compressed stream inflates to the size its header states and no
 * further. Data past the voxels the header states is never inflated (the file still reads, to those voxels), a
 * header that states more than the compressed bytes can inflate to is refused before anything is allocated.
 * A stream without a stated size: DeflatedDataSetBoundTest (DICOM); joblib pickles are bounded by PickleInput.
 */
class CompressedBombTest {
    /** 4 x 3 x 2 int16, little-endian, values 0..23. */
    private static final short[] VOXELS = new short[24];
    private static final int BOMB_BYTES = 8 << 20;

    static {
        for (int i = 0; i < VOXELS.length; i++) {
            VOXELS[i] = (short) (i * 10 - 50);
        }
    }

    @TempDir
    Path tmp;

    private static byte[] voxelBytes() {
        ByteBuffer b = ByteBuffer.allocate(VOXELS.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(VOXELS);
        return b.array();
    }

    /** The voxels, then 8 MB of zeros, through {@code compressor}. */
    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] bomb(Compressor c, byte[] head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = c.wrap(bytes)) {
            out.write(head);
            out.write(new byte[BOMB_BYTES]);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] header, byte[] body) throws IOException {
        Path p = tmp.resolve(name);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(header);
        all.write(body);
        Files.write(p, all.toByteArray());
        return p;
    }

    private static void assertRefused(Path p, String messagePart) {
        assertThatThrownBy(() -> VolumeIO.read(p)).as(p.getFileName().toString()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(p + ": ").hasMessageContaining(messagePart);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void nrrdGzipInflatesToItsHeaderAndNoFurther() throws IOException {
        String header = "NRRD0004\ntype: short\ndimension: 3\nsizes: %s\nencoding: gzip\nendian: little\n\n";
        byte[] body = bomb(GZIPOutputStream::new, voxelBytes());
        assertThat(body.length).isLessThan(BOMB_BYTES / 100);
        Path ok = write("tail.nrrd", ascii(String.format(header, "4 3 2")), body);
        assertThat(VolumeIO.read(ok).shorts()).containsExactly(VOXELS);
        assertRefused(write("bomb.nrrd", ascii(String.format(header, "1290 1290 1290")), body), "compressed bytes can hold");
    }

    @Test
    void metaImageZlibInflatesToItsHeaderAndNoFurther() throws IOException {
        String header = "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\nCompressedData = True\n"
                + "DimSize = %s\nElementType = MET_SHORT\nElementDataFile = LOCAL\n";
        byte[] body = bomb(DeflaterOutputStream::new, voxelBytes());
        Path ok = write("tail.mha", ascii(String.format(header, "4 3 2")), body);
        assertThat(VolumeIO.read(ok).shorts()).containsExactly(VOXELS);
        assertRefused(write("bomb.mha", ascii(String.format(header, "1290 1290 1290")), body), "compressed");
    }

    /** A {@code np.savez_compressed} archive of one deflated int16 array of {@code shape} (Z, Y, X), its data followed by zeros. */
    private Path npz(String name, String shape) throws IOException {
        String dict = "{'descr': '<i2', 'fortran_order': False, 'shape': (" + shape + "), }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (h.length() & 0xff), (byte) (h.length() >> 8)});
        npy.write(ascii(h.toString()));
        npy.write(voxelBytes());
        Path p = tmp.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(p))) {
            zip.putNextEntry(new ZipEntry("arr_0.npy"));
            zip.write(npy.toByteArray());
            zip.write(new byte[BOMB_BYTES]);
            zip.closeEntry();
        }
        return p;
    }

    @Test
    void npzDeflatedInflatesToItsHeaderAndNoFurther() throws IOException {
        assertThat(VolumeIO.read(npz("tail.npz", "2, 3, 4")).shorts()).containsExactly(VOXELS);
        Path bomb = npz("bomb.npz", "1290, 1290, 1290");
        assertThat(Files.size(bomb)).isLessThan(BOMB_BYTES / 100);
        assertThatThrownBy(() -> VolumeIO.read(bomb)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(bomb + ": ");
    }
}
