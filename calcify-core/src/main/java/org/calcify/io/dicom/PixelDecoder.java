package org.calcify.io.dicom;

import java.nio.file.Path;
import org.calcify.io.InvalidInputException;

/**
 * Decodes one compressed frame (the bytes of its fragments) into stored pixel values, row-major
 * (row y, column x at index {@code y * columns + x}), before any rescale. One implementation per
 * encoding: {@link RleDecoder}, {@link JpegLosslessDecoder}, {@link Jpeg2000Decoder}.
 */
interface PixelDecoder {

    /**
     * @param file   the file, for error messages
     * @param frame  the frame's compressed bytes
     * @param header the file's pixel module (rows, columns, bits, sign)
     * @param out    receives rows * columns stored values
     */
    void decode(Path file, byte[] frame, DicomHeader header, int[] out) throws InvalidInputException;

    /** The decoder for an encapsulated encoding. */
    static PixelDecoder forEncoding(TransferSyntax.Encoding encoding) {
        return switch (encoding) {
            case RLE -> new RleDecoder();
            case JPEG_LOSSLESS -> new JpegLosslessDecoder();
            case JPEG_2000 -> new Jpeg2000Decoder();
            case NATIVE -> throw new IllegalArgumentException("native pixel data is not encapsulated");
        };
    }

    /**
     * Keeps the low {@code bitsStored} bits of each raw value and, for signed data, extends the sign
     * bit (bit {@code bitsStored - 1}) into the high bits.
     */
    static void applyBitsStored(int[] values, int n, int bitsStored, boolean signed) {
        if (bitsStored >= 32) {
            return;
        }
        int shift = 32 - bitsStored;
        if (signed) {
            for (int i = 0; i < n; i++) {
                values[i] = (values[i] << shift) >> shift;
            }
        } else {
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < n; i++) {
                values[i] &= mask;
            }
        }
    }
}
