package org.calcify.io.nifti;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.volume.DataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, corrupt and hostile NIfTI files: always an {@link InvalidInputException}, never a big allocation. */
class NiftiBadInputTest {
    @TempDir
    Path tmp;
    private byte[] valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        Path p = tmp.resolve("valid.nii");
        VolumeIO.write(NiftiWriteTest.randomVolume(DataType.INT16, 5, false), p);
        valid = Files.readAllBytes(p);
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private byte[] patched(int offset, ByteBuffer value) {
        byte[] b = valid.clone();
        byte[] v = value.array();
        System.arraycopy(v, 0, b, offset, v.length);
        return b;
    }

    private static ByteBuffer shortLe(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v);
    }

    private static ByteBuffer floatLe(float v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v);
    }

    private void assertInvalid(Path p, String messagePart) {
        assertThatThrownBy(() -> VolumeIO.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining(messagePart);
        assertThatThrownBy(() -> new NiftiFormat().read(p, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void truncatedInTheHeader() throws IOException {
        Path p = file("cut_header.nii", Arrays.copyOf(valid, 200));
        assertThatThrownBy(() -> new NiftiFormat().read(p, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header truncated");
        Path gz = file("cut_header.nii.gz", gzip(Arrays.copyOf(valid, 200)));
        assertThatThrownBy(() -> new NiftiFormat().read(gz, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header truncated");
    }

    @Test
    void truncatedInTheData() throws IOException {
        assertInvalid(file("cut_data.nii", Arrays.copyOf(valid, valid.length - 7)), "truncated");
        assertInvalid(file("short_gz.nii.gz", gzip(Arrays.copyOf(valid, valid.length - 7))), "ends after");
        byte[] gz = gzip(valid);
        assertInvalid(file("cut_gz.nii.gz", Arrays.copyOf(gz, gz.length - 30)), "");
    }

    @Test
    void absurdDimensionsInASmallFile() throws IOException {
        byte[] b = patched(42, shortLe(32767));
        b = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(44, (short) 32767).putShort(46, (short) 32767).array();
        assertInvalid(file("huge.nii", b), "larger than Calcify can hold");
        byte[] n2 = nifti2WithDims(1L << 30, 1, 1);
        assertInvalid(file("huge2.nii", n2), "file is");
        assertInvalid(file("huge2.nii.gz", gzip(n2)), "compressed bytes can hold");
    }

    private static byte[] nifti2WithDims(long x, long y, long z) {
        ByteBuffer b = ByteBuffer.allocate(544 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 540);
        b.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
        b.putShort(12, (short) 4);
        b.putShort(14, (short) 16);
        long[] dim = {3, x, y, z, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
            b.putDouble(104 + 8 * i, 1);
        }
        b.putLong(168, 544);
        return b.array();
    }

    @Test
    void negativeOrZeroDimensions() throws IOException {
        assertInvalid(file("negative.nii", patched(42, shortLe(-5))), "dim[1] is -5");
        assertInvalid(file("zero.nii", patched(44, shortLe(0))), "dim[2] is 0");
        assertInvalid(file("ndim.nii", patched(40, shortLe(9))), "dim[0] is 9");
    }

    @Test
    void voxOffsetPastTheEndOrInsideTheHeader() throws IOException {
        assertInvalid(file("far.nii", patched(108, floatLe(1e9f))), "truncated");
        assertInvalid(file("far.nii.gz", gzip(patched(108, floatLe(1e6f)))), "vox_offset");
        assertInvalid(file("inside.nii", patched(108, floatLe(100))), "inside the 348-byte header");
    }

    @Test
    void unsupportedDatatypes() throws IOException {
        assertInvalid(file("complex.nii", patched(70, shortLe(32))), "complex");
        assertInvalid(file("rgb.nii", patched(70, shortLe(128))), "RGB");
        assertInvalid(file("odd.nii", patched(70, shortLe(3))), "unsupported NIfTI datatype 3");
    }

    @Test
    void fourDimensionsAreRefusedNamingTheShape() throws IOException {
        byte[] b = patched(40, shortLe(4));
        b = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(48, (short) 2).array();
        assertInvalid(file("four.nii", b), "4D image of shape (");
    }

    @Test
    void badMagicAndGarbage() throws IOException {
        Path magic = file("magic.nii", patched(344, ByteBuffer.wrap(new byte[] {'x', 'y', 'z', 0})));
        assertThatThrownBy(() -> VolumeIO.read(magic)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown file format");
        assertThatThrownBy(() -> new NiftiFormat().read(file("magic2.nii", patched(344,
                ByteBuffer.wrap(new byte[] {'x', 'y', 'z', 0}))), null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("magic");
        byte[] garbage = new byte[5000];
        new java.util.Random(3).nextBytes(garbage);
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        Path g = file("garbage.nii.gz", garbage);
        assertThatThrownBy(() -> new NiftiFormat().read(g, null)).isInstanceOf(InvalidInputException.class);
    }
}
