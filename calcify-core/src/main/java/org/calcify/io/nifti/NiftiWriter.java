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
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Writes little-endian single-file NIfTI-1 ({@code .nii}, or gzipped {@code .nii.gz}) in the
 * volume's own type, vox_offset 352, with sform and qform (both code 1, scanner) set to the
 * geometry in RAS, pixdim from the spacing with qfac in pixdim[0], units mm and s, no scaling
 * (slope 1, intercept 0) and descrip "Calcify".
 */
final class NiftiWriter {
    static final int VOX_OFFSET = 352;

    private NiftiWriter() {
    }

    static void write(Volume volume, Path path, boolean gzip) throws IOException {
        byte[] header = header(volume);
        AtomicOutput.write(path, out -> {
            OutputStream target = gzip ? Compression.gzip(out) : out;
            target.write(header);
            RawVoxelWriter.write(target, volume, ByteOrder.LITTLE_ENDIAN);
            if (gzip) {
                target.close();
            }
        });
    }

    static byte[] header(Volume volume) {
        Geometry g = volume.geometry();
        ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, NiftiHeader.NIFTI1_SIZE);
        b.put(38, (byte) 'r');
        short[] dim = {3, (short) g.sizeX(), (short) g.sizeY(), (short) g.sizeZ(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        int[] code = NiftiDatatype.codeOf(volume.type());
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
}
