package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.calcify.io.InvalidInputException;

/**
 * Reads the frames of one DICOM file as stored pixel values (BitsStored applied, sign extended for
 * PixelRepresentation 1), before RescaleSlope/Intercept. Native pixel data is read with one bulk read
 * of exactly the bytes needed; encapsulated frames go to the {@link PixelDecoder} of their syntax.
 */
final class DicomPixelReader {
    /** Largest accepted Rows or Columns. */
    static final int MAX_DIMENSION = 32768;

    /** Compressed images may decode to this many bytes whatever their file size. */
    static final long MIN_DECODED_LIMIT_BYTES = 64L << 20;
    /** Beyond {@link #MIN_DECODED_LIMIT_BYTES}, the largest decoded/file size ratio accepted. */
    static final long MAX_COMPRESSION_RATIO = 4096;

    /** Receives each decoded frame; {@code values} is reused for the next frame. */
    interface FrameSink {
        void accept(int frame, int[] values) throws IOException;
    }

    private DicomPixelReader() {
    }

    /** Checks the Image Pixel module is one Calcify reads; throws naming the problem. */
    static void checkPixelModule(DicomHeader h) throws InvalidInputException {
        Path f = h.file();
        if (h.pixelData() == null) {
            throw new InvalidInputException(f, "no pixel data (PixelData 7FE0,0010 missing)");
        }
        TransferSyntax ts = h.transferSyntax();
        if (ts == null) {
            throw new InvalidInputException(f, "transfer syntax " + TransferSyntax.describe(h.transferSyntaxUid())
                    + " is not supported");
        }
        if (h.rows() <= 0 || h.columns() <= 0 || h.rows() > MAX_DIMENSION || h.columns() > MAX_DIMENSION) {
            throw new InvalidInputException(f, "implausible image size Rows=" + h.rows() + " Columns=" + h.columns()
                    + " (each must be 1.." + MAX_DIMENSION + ")");
        }
        if (h.samplesPerPixel() != 1) {
            throw new InvalidInputException(f, "SamplesPerPixel is " + h.samplesPerPixel()
                    + " (" + h.photometricInterpretation() + "); only grayscale images (1 sample per pixel) are supported");
        }
        String pi = h.photometricInterpretation();
        if (!pi.isEmpty() && !pi.equals("MONOCHROME1") && !pi.equals("MONOCHROME2")) {
            throw new InvalidInputException(f, "PhotometricInterpretation " + pi + " is not supported (MONOCHROME1/2 only)");
        }
        int ba = h.bitsAllocated();
        if (ba != 8 && ba != 16 && ba != 32) {
            throw new InvalidInputException(f, "BitsAllocated " + ba + " is not supported (8, 16 or 32)");
        }
        if (h.bitsStored() < 1 || h.bitsStored() > ba) {
            throw new InvalidInputException(f, "BitsStored " + h.bitsStored() + " is outside 1.." + ba);
        }
        if (h.pixelRepresentation() != 0 && h.pixelRepresentation() != 1) {
            throw new InvalidInputException(f, "PixelRepresentation " + h.pixelRepresentation() + " is neither 0 nor 1");
        }
        if (h.numberOfFrames() < 1) {
            throw new InvalidInputException(f, "NumberOfFrames (0028,0008) is not a positive integer");
        }
        long voxels = (long) h.rows() * h.columns() * h.numberOfFrames();
        if (voxels > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException(f, "image of " + voxels + " voxels is too large");
        }
        if (!h.pixelData().encapsulated() && ts.encapsulated()) {
            throw new InvalidInputException(f, "transfer syntax " + ts + " needs encapsulated pixel data, but PixelData has a defined length");
        }
        if (h.pixelData().encapsulated() && !ts.encapsulated()) {
            throw new InvalidInputException(f, "PixelData has undefined length in a native transfer syntax " + ts);
        }
        if (ts.encapsulated()) {
            long decodedBytes = voxels * (ba / 8);
            long limit = Math.max(MIN_DECODED_LIMIT_BYTES, MAX_COMPRESSION_RATIO * h.fileSizeBytes());
            if (decodedBytes > limit) {
                throw new InvalidInputException(f, "implausible image: " + h.numberOfFrames() + " frame(s) of " + h.columns() + "x"
                        + h.rows() + " pixels (" + decodedBytes + " bytes) from a file of " + h.fileSizeBytes() + " bytes");
            }
        } else {
            long need = voxels * (ba / 8);
            if (h.pixelData().lengthBytes() < need) {
                throw new InvalidInputException(f, "pixel data holds " + h.pixelData().lengthBytes() + " bytes, expected " + need
                        + " (Rows " + h.rows() + " x Columns " + h.columns() + " x " + (ba / 8) + " bytes x "
                        + h.numberOfFrames() + " frames): truncated");
            }
        }
    }

    /**
     * Decodes every frame of the file into {@code values} (at least Rows*Columns long) and hands it
     * to {@code sink}.
     */
    static void read(DicomHeader h, int[] values, FrameSink sink) throws IOException {
        checkPixelModule(h);
        TransferSyntax ts = h.transferSyntax();
        Path f = h.file();
        int pixels = h.rows() * h.columns();
        int frames = h.numberOfFrames();
        if (!ts.encapsulated()) {
            int frameBytes = pixels * (h.bitsAllocated() / 8);
            ByteBuffer buf = nativeBytes(h, (long) frameBytes * frames);
            buf.order(ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            for (int frame = 0; frame < frames; frame++) {
                buf.position(frame * frameBytes);
                toValues(buf.slice().order(buf.order()), h, pixels, values);
                sink.accept(frame, values);
            }
            return;
        }
        byte[] file = Files.readAllBytes(f);
        long offset = h.pixelData().offsetBytes();
        if (offset > file.length) {
            throw new InvalidInputException(f, "pixel data starts past the end of the file");
        }
        List<byte[]> compressed = EncapsulatedFrames.frames(f, file, (int) offset, frames);
        PixelDecoder decoder = PixelDecoder.forEncoding(ts.encoding());
        for (int frame = 0; frame < frames; frame++) {
            try {
                decoder.decode(f, compressed.get(frame), h, values);
            } catch (RuntimeException e) {
                throw new InvalidInputException(f, "cannot decode frame " + (frame + 1) + " (" + ts + "): " + e, e);
            }
            sink.accept(frame, values);
        }
    }

    /** Per-thread direct buffer for native reads: bulk copies from it need no extra staging copy. */
    private static final ThreadLocal<ByteBuffer> DIRECT = new ThreadLocal<>();

    /** True when the slice's raw 16-bit samples can be copied straight into a short[]: native, not deflated, 1 frame. */
    static boolean isPlainNative16(DicomHeader h) {
        TransferSyntax ts = h.transferSyntax();
        return ts != null && !ts.encapsulated() && !ts.deflated() && h.bitsAllocated() == 16 && h.numberOfFrames() == 1
                && h.pixelData() != null && !h.pixelData().inDeflatedDataSet();
    }

    /**
     * Copies the raw 16-bit samples of a {@link #isPlainNative16} slice into {@code out[base ..
     * base + Rows*Columns)} with one read and one bulk copy; BitsStored is not applied yet.
     */
    static void readRawNative16(DicomHeader h, short[] out, int base) throws IOException {
        checkPixelModule(h);
        int pixels = h.rows() * h.columns();
        int n = pixels * 2;
        ByteBuffer buf = DIRECT.get();
        if (buf == null || buf.capacity() < n) {
            buf = ByteBuffer.allocateDirect(n);
            DIRECT.set(buf);
        }
        buf.clear().limit(n);
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            long pos = h.pixelData().offsetBytes();
            while (buf.hasRemaining()) {
                int got = ch.read(buf, pos);
                if (got < 0) {
                    throw new InvalidInputException(h.file(), "file ends inside the pixel data (truncated)");
                }
                pos += got;
            }
        }
        buf.flip();
        buf.order(h.transferSyntax().bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().get(out, base, pixels);
    }

    /** The first {@code n} bytes of the native pixel data. */
    private static ByteBuffer nativeBytes(DicomHeader h, long n) throws IOException {
        PixelDataLocation at = h.pixelData();
        if (at.inDeflatedDataSet()) {
            HeaderCollector c = new HeaderCollector(h.file());
            byte[] bytes = Files.readAllBytes(h.file());
            DicomParser.run(h.file(), bytes, bytes.length, c);
            byte[] inflated = c.inflatedDataSet();
            if (inflated == null || at.offsetBytes() + n > inflated.length) {
                throw new InvalidInputException(h.file(), "inflated pixel data is shorter than " + n + " bytes");
            }
            return ByteBuffer.wrap(inflated, (int) at.offsetBytes(), (int) n).slice();
        }
        ByteBuffer buf = ByteBuffer.allocate((int) n);
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            long pos = at.offsetBytes();
            while (buf.hasRemaining()) {
                int got = ch.read(buf, pos);
                if (got < 0) {
                    throw new InvalidInputException(h.file(), "file ends inside the pixel data (truncated)");
                }
                pos += got;
            }
        }
        buf.flip();
        return buf;
    }

    /** Raw samples to stored values: BitsStored mask, sign extension. */
    private static void toValues(ByteBuffer buf, DicomHeader h, int n, int[] out) {
        boolean signed = h.signed();
        int bs = h.bitsStored();
        switch (h.bitsAllocated()) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = buf.get(i) & 0xFF;
                }
            }
            case 16 -> {
                short[] s = new short[n];
                buf.asShortBuffer().get(s);
                if (bs == 16) {
                    if (signed) {
                        for (int i = 0; i < n; i++) {
                            out[i] = s[i];
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            out[i] = s[i] & 0xFFFF;
                        }
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    out[i] = s[i];
                }
            }
            default -> buf.asIntBuffer().get(out, 0, n);
        }
        PixelDecoder.applyBitsStored(out, n, bs, signed);
    }
}
