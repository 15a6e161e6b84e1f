package org.calcify.io.dicom;

import java.nio.file.Path;
import org.calcify.io.InvalidInputException;

/**
 * Lossless JPEG (ITU T.81 Annex H, process 14, Huffman coded): one component, precision 2 to 16
 * bits, the seven predictors, point transform and restart intervals. Used for DICOM transfer
 * syntaxes 1.2.840.10008.1.2.4.57 and .70 (the latter always predictor 1).
 */
final class JpegLosslessDecoder implements PixelDecoder {

    @Override
    public void decode(Path file, byte[] frame, DicomHeader h, int[] out) throws InvalidInputException {
        try {
            new Decoder(file, frame).decode(h, out);
        } catch (IndexOutOfBoundsException e) {
            throw new InvalidInputException(file, "truncated or corrupt lossless JPEG data");
        }
        PixelDecoder.applyBitsStored(out, h.rows() * h.columns(), h.bitsStored(), h.signed());
    }

    /** Canonical Huffman table (T.81 Annex C and F.2.2.3) with an 8-bit lookahead. */
    static final class HuffmanTable {
        final int[] maxCode = new int[18];
        final int[] valOffset = new int[17];
        final int[] values;
        /** For each 8-bit prefix: (code length << 8) | value, or 0 when the code is longer than 8 bits. */
        final int[] lookahead = new int[256];

        HuffmanTable(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valOffset[len] = k - code;
                if (counts[len] > 0) {
                    for (int i = 0; i < counts[len]; i++) {
                        if (len <= 8) {
                            int shift = 8 - len;
                            int first = code << shift;
                            for (int j = 0; j < (1 << shift); j++) {
                                lookahead[first + j] = (len << 8) | values[k];
                            }
                        }
                        code++;
                        k++;
                    }
                    maxCode[len] = code - 1;
                } else {
                    maxCode[len] = -1;
                }
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private static final class Decoder {
        private final Path file;
        private final byte[] b;
        private int pos;
        private final HuffmanTable[] tables = new HuffmanTable[4];
        private int restartInterval;
        private int precision;
        private int lines;
        private int samplesPerLine;
        private int componentId;
        // bit reader
        private long bitBuffer;
        private int bitCount;
        private boolean hitMarker;
        /** Zero bytes shifted in past a marker or the end of the data. */
        private int paddedBytes;

        Decoder(Path file, byte[] b) {
            this.file = file;
            this.b = b;
        }

        private InvalidInputException error(String problem) {
            return new InvalidInputException(file, "lossless JPEG: " + problem);
        }

        private int u16(int p) {
            return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        }

        void decode(DicomHeader h, int[] out) throws InvalidInputException {
            if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
                throw error("frame does not start with an SOI marker");
            }
            pos = 2;
            boolean sawFrame = false;
            while (true) {
                int marker = nextMarker();
                switch (marker) {
                    case 0xC4 -> readHuffmanTables();
                    case 0xC3 -> {
                        readFrameHeader(h);
                        sawFrame = true;
                    }
                    case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                            throw error(String.format("frame type SOF%d is not lossless process 14 (SOF3)", marker - 0xC0));
                    case 0xDD -> {
                        restartInterval = u16(pos + 2);
                        pos += u16(pos);
                    }
                    case 0xDA -> {
                        if (!sawFrame) {
                            throw error("scan before the frame header");
                        }
                        decodeScan(out);
                        return;
                    }
                    case 0xD9 -> throw error("end of image before any scan");
                    default -> pos += u16(pos); // APPn, COM, DQT, DNL...: skip
                }
            }
        }

        private int nextMarker() throws InvalidInputException {
            while (pos + 1 < b.length) {
                if ((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) != 0xFF && (b[pos + 1] & 0xFF) != 0) {
                    int m = b[pos + 1] & 0xFF;
                    pos += 2;
                    return m;
                }
                pos++;
            }
            throw error("data ends before the scan");
        }

        private void readHuffmanTables() throws InvalidInputException {
            int end = pos + u16(pos);
            pos += 2;
            while (pos < end) {
                int tc = b[pos] & 0xFF;
                int id = tc & 0x0F;
                if (id > 3) {
                    throw error("Huffman table id " + id + " out of range");
                }
                int[] counts = new int[17];
                int total = 0;
                for (int i = 1; i <= 16; i++) {
                    counts[i] = b[pos + i] & 0xFF;
                    total += counts[i];
                }
                if (total > 256) {
                    throw error("Huffman table with " + total + " codes");
                }
                int[] values = new int[total];
                for (int i = 0; i < total; i++) {
                    values[i] = b[pos + 17 + i] & 0xFF;
                }
                tables[id] = new HuffmanTable(counts, values);
                pos += 17 + total;
            }
            pos = end;
        }

        private void readFrameHeader(DicomHeader h) throws InvalidInputException {
            precision = b[pos + 2] & 0xFF;
            lines = u16(pos + 3);
            samplesPerLine = u16(pos + 5);
            int components = b[pos + 7] & 0xFF;
            if (precision < 2 || precision > 16) {
                throw error("precision " + precision + " outside 2..16");
            }
            if (components != 1) {
                throw error(components + " components (only grayscale, 1 component, is supported)");
            }
            componentId = b[pos + 8] & 0xFF;
            if (lines != h.rows() || samplesPerLine != h.columns()) {
                throw error("image is " + samplesPerLine + "x" + lines + " but the DICOM header says "
                        + h.columns() + "x" + h.rows());
            }
            pos += u16(pos);
        }

        private void decodeScan(int[] out) throws InvalidInputException {
            int length = u16(pos);
            int ns = b[pos + 2] & 0xFF;
            if (ns != 1) {
                throw error("scan with " + ns + " components");
            }
            int cs = b[pos + 3] & 0xFF;
            if (cs != componentId) {
                throw error("scan component " + cs + " is not the frame's component " + componentId);
            }
            int tableId = (b[pos + 4] & 0xFF) >> 4;
            int predictor = b[pos + 5] & 0xFF;
            int pointTransform = b[pos + 7] & 0x0F;
            pos += length;
            HuffmanTable table = tableId < 4 ? tables[tableId] : null;
            if (table == null) {
                throw error("scan uses undefined Huffman table " + tableId);
            }
            if (predictor < 1 || predictor > 7) {
                throw error("predictor " + predictor + " outside 1..7");
            }
            if (pointTransform >= precision) {
                throw error("point transform " + pointTransform + " >= precision " + precision);
            }
            int width = samplesPerLine;
            int height = lines;
            int mask = (1 << precision) - 1;
            int initial = 1 << (precision - pointTransform - 1);
            int untilRestart = restartInterval;
            boolean firstLineOfInterval = true;
            boolean firstSample = true;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    if (restartInterval > 0) {
                        if (untilRestart == 0) {
                            readRestart();
                            untilRestart = restartInterval;
                            firstSample = true;
                            firstLineOfInterval = true;
                        }
                        untilRestart--;
                    }
                    int prediction;
                    if (firstSample) {
                        prediction = initial;
                        firstSample = false;
                    } else if (firstLineOfInterval) {
                        prediction = x == 0 ? out[row - width] : out[row + x - 1];
                    } else if (x == 0) {
                        prediction = out[row - width];
                    } else {
                        int ra = out[row + x - 1];
                        int rb = out[row - width + x];
                        int rc = out[row - width + x - 1];
                        prediction = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    out[row + x] = (prediction + decodeDifference(table)) & 0xFFFF;
                }
                firstLineOfInterval = false;
            }
            if (paddedBytes * 8L > bitCount) {
                throw error("compressed data ends before the last of the " + (width * height) + " samples (truncated)");
            }
            int n = width * height;
            if (pointTransform > 0 || mask != 0xFFFF) {
                for (int i = 0; i < n; i++) {
                    out[i] = (out[i] & (mask >> pointTransform)) << pointTransform;
                }
            }
        }

        private void readRestart() throws InvalidInputException {
            if (paddedBytes * 8L > bitCount) {
                throw error("restart interval ends before its last sample (truncated)");
            }
            // discard the remaining bits of the byte, then expect RSTn
            bitBuffer = 0;
            bitCount = 0;
            hitMarker = false;
            paddedBytes = 0;
            while (pos + 1 < b.length && !((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) >= 0xD0 && (b[pos + 1] & 0xFF) <= 0xD7)) {
                pos++;
            }
            if (pos + 1 >= b.length) {
                throw error("restart marker missing (data truncated)");
            }
            pos += 2;
        }

        private int decodeDifference(HuffmanTable t) throws InvalidInputException {
            fill();
            int ssss;
            int peek = (int) (bitBuffer >>> (bitCount - 8)) & 0xFF;
            int entry = t.lookahead[peek];
            if (entry != 0) {
                bitCount -= entry >> 8;
                ssss = entry & 0xFF;
            } else {
                int code = (int) (bitBuffer >>> (bitCount - 9)) & 0x1FF;
                int len = 9;
                while (code > t.maxCode[len]) {
                    len++;
                    if (len > 16) {
                        throw error("invalid Huffman code");
                    }
                    code = (int) (bitBuffer >>> (bitCount - len)) & ((1 << len) - 1);
                }
                bitCount -= len;
                ssss = t.values[code + t.valOffset[len]];
            }
            if (ssss == 0) {
                return 0;
            }
            if (ssss == 16) {
                return 32768;
            }
            if (ssss > 16) {
                throw error("difference category " + ssss + " > 16");
            }
            fill();
            int bits = (int) (bitBuffer >>> (bitCount - ssss)) & ((1 << ssss) - 1);
            bitCount -= ssss;
            return bits < (1 << (ssss - 1)) ? bits - (1 << ssss) + 1 : bits;
        }

        /** Tops the bit buffer up to at least 32 bits; past a marker or the end, zeros are shifted in. */
        private void fill() throws InvalidInputException {
            while (bitCount <= 32) {
                int v = 0;
                boolean padded = true;
                if (!hitMarker && pos < b.length) {
                    int c = b[pos] & 0xFF;
                    if (c == 0xFF) {
                        int next = pos + 1 < b.length ? b[pos + 1] & 0xFF : 0xD9;
                        if (next == 0) {
                            pos += 2;
                            v = 0xFF;
                            padded = false;
                        } else {
                            hitMarker = true;
                        }
                    } else {
                        pos++;
                        v = c;
                        padded = false;
                    }
                }
                if (padded) {
                    paddedBytes++;
                }
                bitBuffer = (bitBuffer << 8) | v;
                bitCount += 8;
            }
        }
    }
}
