package org.calcify.io.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.calcify.io.InvalidInputException;

/**
 * JPEG 2000 frames (DICOM 1.2.840.10008.1.2.4.90 and .91), decoded by jai-imageio's "jpeg2000"
 * ImageIO reader from the raw codestream a DICOM fragment holds.
 *
 * <p>The codestream is trusted over the DICOM header for precision and sign, as pydicom does: when
 * the header says signed (PixelRepresentation 1) but the codestream holds unsigned P-bit samples,
 * the samples are read as P-bit two's complement (pydicom issue #693 and J2K_pixelrep_mismatch.dcm).
 * BitsStored is not applied to JPEG 2000 data.
 */
final class Jpeg2000Decoder implements PixelDecoder {

    /** Precision and sign of the first component, from the SIZ marker segment. */
    record CodestreamInfo(int precision, boolean signed, int width, int height, int components) {
    }

    @Override
    public void decode(Path file, byte[] frame, DicomHeader h, int[] out) throws InvalidInputException {
        CodestreamInfo info = codestreamInfo(file, frame);
        if (info.components() != 1) {
            throw new InvalidInputException(file, "JPEG 2000 frame has " + info.components()
                    + " components (only grayscale is supported)");
        }
        if (info.width() != h.columns() || info.height() != h.rows()) {
            throw new InvalidInputException(file, "JPEG 2000 image is " + Integer.toUnsignedString(info.width()) + "x"
                    + Integer.toUnsignedString(info.height()) + " but the DICOM header says " + h.columns() + "x" + h.rows());
        }
        Raster raster = readRaster(file, frame);
        if (raster.getWidth() != h.columns() || raster.getHeight() != h.rows()) {
            throw new InvalidInputException(file, "JPEG 2000 decoder gave " + raster.getWidth() + "x" + raster.getHeight()
                    + " pixels, expected " + h.columns() + "x" + h.rows());
        }
        raster.getSamples(raster.getMinX(), raster.getMinY(), h.columns(), h.rows(), 0, out);
        int n = h.rows() * h.columns();
        if (info.signed()) {
            // the raster may hold the bits unsigned: restore the sign from the codestream precision
            PixelDecoder.applyBitsStored(out, n, info.precision(), true);
        } else if (h.signed()) {
            PixelDecoder.applyBitsStored(out, n, info.precision(), true);
        }
    }

    private static Raster readRaster(Path file, byte[] frame) throws InvalidInputException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg2000");
        if (!readers.hasNext()) {
            throw new InvalidInputException(file, "no JPEG 2000 decoder available (jai-imageio-jpeg2000 missing)");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(in, true, true);
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "cannot decode JPEG 2000 frame: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /** Reads SIZ: it must directly follow SOC (FF4F) at the start of the codestream (ISO 15444-1 A.5.1). */
    static CodestreamInfo codestreamInfo(Path file, byte[] b) throws InvalidInputException {
        int start = 0;
        // tolerate a JP2 file wrapper: find the codestream start
        if (b.length > 12 && !(b[0] == (byte) 0xFF && b[1] == 0x4F)) {
            for (int i = 0; i + 3 < b.length; i++) {
                if (b[i] == (byte) 0xFF && b[i + 1] == 0x4F && b[i + 2] == (byte) 0xFF && b[i + 3] == 0x51) {
                    start = i;
                    break;
                }
            }
        }
        if (b.length < start + 43 || b[start] != (byte) 0xFF || b[start + 1] != 0x4F
                || b[start + 2] != (byte) 0xFF || b[start + 3] != 0x51) {
            throw new InvalidInputException(file, "JPEG 2000 frame does not start with SOC and SIZ markers");
        }
        int xsiz = readInt(b, start + 8);
        int ysiz = readInt(b, start + 12);
        int xo = readInt(b, start + 16);
        int yo = readInt(b, start + 20);
        int csiz = ((b[start + 40] & 0xFF) << 8) | (b[start + 41] & 0xFF);
        int ssiz = b[start + 42] & 0xFF;
        return new CodestreamInfo((ssiz & 0x7F) + 1, (ssiz & 0x80) != 0, xsiz - xo, ysiz - yo, csiz);
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
