package org.calcify.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment
 * per byte plane, most significant byte first. Grayscale only (one sample per pixel).
 */
final class RleDecoder implements PixelDecoder {

    @Override
    public void decode(Path file, byte[] frame, DicomHeader h, int[] out) throws InvalidInputException {
        int pixels = h.rows() * h.columns();
        int bytesPerSample = h.bitsAllocated() / 8;
        if (frame.length < 64) {
            throw new InvalidInputException(file, "RLE frame of " + frame.length + " bytes is shorter than its 64-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(frame, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
        int segments = header.getInt(0);
        if (segments != bytesPerSample) {
            throw new InvalidInputException(file, "RLE frame has " + segments + " segments, expected " + bytesPerSample
                    + " for " + h.bitsAllocated() + "-bit grayscale");
        }
        java.util.Arrays.fill(out, 0, pixels, 0);
        byte[] plane = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            long start = header.getInt(4 + 4 * s) & 0xFFFFFFFFL;
            long end = s + 1 < segments ? header.getInt(8 + 4 * s) & 0xFFFFFFFFL : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new InvalidInputException(file, "RLE segment " + (s + 1) + " offsets " + start + ".." + end
                        + " lie outside the frame of " + frame.length + " bytes");
            }
            int got = unpackBits(frame, (int) start, (int) end, plane);
            if (got < pixels) {
                throw new InvalidInputException(file, "RLE segment " + (s + 1) + " decodes to " + got + " bytes, expected "
                        + pixels + " (truncated data)");
            }
            int shift = 8 * (segments - 1 - s);
            for (int i = 0; i < pixels; i++) {
                out[i] |= (plane[i] & 0xFF) << shift;
            }
        }
        PixelDecoder.applyBitsStored(out, pixels, h.bitsStored(), h.signed());
    }

    /** PackBits: returns the number of bytes written to {@code out} (at most out.length). */
    static int unpackBits(byte[] in, int pos, int end, byte[] out) {
        int n = 0;
        while (pos < end && n < out.length) {
            int header = in[pos++];
            if (header >= 0) {
                int count = Math.min(header + 1, Math.min(end - pos, out.length - n));
                System.arraycopy(in, pos, out, n, count);
                pos += header + 1;
                n += count;
            } else if (header != -128) {
                if (pos >= end) {
                    break;
                }
                byte b = in[pos++];
                int count = Math.min(1 - header, out.length - n);
                java.util.Arrays.fill(out, n, n + count, b);
                n += count;
            }
        }
        return n;
    }
}
