package org.calcify.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.calcify.io.AtomicOutput;
import org.calcify.io.raw.Compression;
import org.calcify.io.raw.RawVoxelWriter;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.SparseLabelMap;
import org.calcify.volume.Volume;

/**
 * Writes little-endian single-file NIfTI-1 (NIfTI-2 when an axis is longer than 32767, which NIfTI-1's
 * int16 dimensions cannot hold) ({@code .nii}, or gzipped {@code .nii.gz}) in the
 * volume's own type, vox_offset 352, with sform and qform (both code 1, scanner) set to the
 * geometry in RAS, pixdim from the spacing with qfac in pixdim[0], units mm and s, no scaling
 * (slope 1, intercept 0) and descrip "Calcify".
 */
final class NiftiWriter {
    static final int VOX_OFFSET = 352;
    static final int VOX_OFFSET_2 = 544;

    private NiftiWriter() {
    }

    static void write(Volume volume, Path path, boolean gzip) throws IOException {
        AtomicOutput.write(path, out -> writeTo(volume, out, gzip));
    }

    /** Writes the file's bytes to {@code out} (left open; a gzip stream over it is finished). */
    static void writeTo(Volume volume, OutputStream out, boolean gzip) throws IOException {
        byte[] header = header(volume);
        if (gzip) {
            java.util.zip.GZIPOutputStream z = (java.util.zip.GZIPOutputStream) Compression.gzip(out);
            z.write(header);
            RawVoxelWriter.write(z, volume, ByteOrder.LITTLE_ENDIAN);
            z.finish(); // not close: the caller's stream stays open
        } else {
            out.write(header);
            RawVoxelWriter.write(out, volume, ByteOrder.LITTLE_ENDIAN);
        }
    }

    static void write(SparseLabelMap labels, Path path, boolean gzip) throws IOException {
        AtomicOutput.write(path, out -> writeTo(labels, out, gzip));
    }

    /**
     * Writes a sparse label map as the uint8 NIfTI of its dense map, byte for byte, one axial slice at a time:
     * the dense map is never held.
     */
    static void writeTo(SparseLabelMap labels, OutputStream out, boolean gzip) throws IOException {
        Geometry g = labels.geometry();
        byte[] header = header(g, DataType.UINT8);
        OutputStream to = gzip ? Compression.gzip(out) : out;
        to.write(header);
        byte[] plane = new byte[g.sizeY() * g.sizeX()];
        for (int z = 0; z < g.sizeZ(); z++) {
            labels.slice(z, plane);
            to.write(plane);
        }
        if (gzip) {
            ((java.util.zip.GZIPOutputStream) to).finish(); // not close: the caller's stream stays open
        }
    }

    /** NIfTI-1 stores dimensions as int16: a larger axis needs NIfTI-2. */
    static final int NIFTI1_MAX_DIM = Short.MAX_VALUE;

    /** The header: NIfTI-1 when every axis fits its int16 dim[], else NIfTI-2 (540 bytes, vox_offset 544). */
    static byte[] header(Volume volume) {
        return header(volume.geometry(), volume.type());
    }

    /** The header of a volume of {@code type} on grid {@code g}. */
    static byte[] header(Geometry g, DataType type) {
        if (g.sizeX() > NIFTI1_MAX_DIM || g.sizeY() > NIFTI1_MAX_DIM || g.sizeZ() > NIFTI1_MAX_DIM) {
            return header2(g, type);
        }
        return header1(g, type);
    }

    private static byte[] header1(Geometry g, DataType type) {
        ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, NiftiHeader.NIFTI1_SIZE);
        b.put(38, (byte) 'r');
        short[] dim = {3, (short) g.sizeX(), (short) g.sizeY(), (short) g.sizeZ(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        int[] code = NiftiDatatype.codeOf(type);
        b.putShort(70, (short) code[0]);
        b.putShort(72, (short) code[1]);
        double[] quaternion = NiftiGeometry.quaternion(g);
        float[] pixdim = {(float) quaternion[3], (float) g.spacingX(), (float) g.spacingY(), (float) g.spacingZ(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, VOX_OFFSET);
        b.putFloat(112, 1);
        b.putFloat(116, 0);
        b.put(123, (byte) (2 | 8));
        byte[] descrip = "Calcify".getBytes(StandardCharsets.US_ASCII);
        b.put(148, descrip);
        b.putShort(252, (short) 1);
        b.putShort(254, (short) 1);
        double[] ras = NiftiGeometry.rasAffine(g);
        b.putFloat(256, (float) quaternion[0]);
        b.putFloat(260, (float) quaternion[1]);
        b.putFloat(264, (float) quaternion[2]);
        b.putFloat(268, (float) ras[3]);
        b.putFloat(272, (float) ras[7]);
        b.putFloat(276, (float) ras[11]);
        for (int i = 0; i < 12; i++) {
            b.putFloat(280 + 4 * i, (float) ras[i]);
        }
        b.put(344, new byte[] {'n', '+', '1', 0});
        return b.array();
    }

    /** A NIfTI-2 header (the same fields as NIfTI-1, 64-bit dims and doubles) and 4 empty extension bytes. */
    private static byte[] header2(Geometry g, DataType type) {
        ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET_2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, NiftiHeader.NIFTI2_SIZE);
        b.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
        int[] code = NiftiDatatype.codeOf(type);
        b.putShort(12, (short) code[0]);
        b.putShort(14, (short) code[1]);
        long[] dim = {3, g.sizeX(), g.sizeY(), g.sizeZ(), 1, 1, 1, 1};
        double[] quaternion = NiftiGeometry.quaternion(g);
        double[] pixdim = {quaternion[3], g.spacingX(), g.spacingY(), g.spacingZ(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
            b.putDouble(104 + 8 * i, pixdim[i]);
        }
        b.putLong(168, VOX_OFFSET_2);
        b.putDouble(176, 1);
        b.putDouble(184, 0);
        b.put(240, "Calcify".getBytes(StandardCharsets.US_ASCII));
        b.putInt(344, 1);
        b.putInt(348, 1);
        double[] ras = NiftiGeometry.rasAffine(g);
        b.putDouble(352, quaternion[0]);
        b.putDouble(360, quaternion[1]);
        b.putDouble(368, quaternion[2]);
        b.putDouble(376, ras[3]);
        b.putDouble(384, ras[7]);
        b.putDouble(392, ras[11]);
        for (int i = 0; i < 12; i++) {
            b.putDouble(400 + 8 * i, ras[i]);
        }
        b.putInt(500, 2 | 8);
        return b.array();
    }
}
