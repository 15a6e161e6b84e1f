package org.calcify.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.calcify.io.InvalidInputException;

/**
 * The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that Calcify uses, widened to
 * the NIfTI-2 types. {@code dim} and {@code pixdim} keep the on-disk layout: index 0 is the number
 * of dimensions (dim) or qfac (pixdim), indices 1..7 the axes i, j, k, t, ... (i fastest on disk).
 *
 * @param srow sform rows x, y, z (4 each, row-major 3x4), RAS mm
 */
record NiftiHeader(
        int version,
        ByteOrder order,
        boolean singleFile,
        int datatype,
        long[] dim,
        double[] pixdim,
        long voxOffset,
        double sclSlope,
        double sclInter,
        int qformCode,
        int sformCode,
        double[] quatern,
        double[] qoffset,
        double[] srow,
        int xyztUnits,
        String descrip) {

    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;

    /** Header size of {@code first4} read as little or big endian int, or 0 if neither is a NIfTI size. */
    static ByteOrder orderOf(byte[] head) {
        if (head.length < 4) {
            return null;
        }
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int size = ByteBuffer.wrap(head, 0, 4).order(o).getInt();
            if (size == NIFTI1_SIZE || size == NIFTI2_SIZE) {
                return o;
            }
        }
        return null;
    }

    /** True if {@code head} (the first bytes, decompressed) carries a NIfTI-1 or NIfTI-2 size and magic. */
    static boolean looksLikeNifti(byte[] head) {
        ByteOrder o = orderOf(head);
        if (o == null) {
            return false;
        }
        int size = ByteBuffer.wrap(head, 0, 4).order(o).getInt();
        if (size == NIFTI1_SIZE) {
            return head.length >= 348 && head[344] == 'n' && (head[345] == '+' || head[345] == 'i') && head[346] == '1';
        }
        return head.length >= 12 && head[4] == 'n' && (head[5] == '+' || head[5] == 'i') && head[6] == '2';
    }

    /** Parses a header from its first bytes; {@code file} is named in errors. */
    static NiftiHeader parse(byte[] head, Path file) throws InvalidInputException {
        ByteOrder order = orderOf(head);
        if (order == null) {
            throw new InvalidInputException(file, "not a NIfTI file (sizeof_hdr is neither 348 nor 540 in either byte order)");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(order);
        int size = b.getInt(0);
        if (head.length < size) {
            throw new InvalidInputException(file, "NIfTI header truncated: " + head.length + " of " + size + " bytes");
        }
        return size == NIFTI1_SIZE ? parse1(b, order, file) : parse2(b, order, file);
    }

    private static NiftiHeader parse1(ByteBuffer b, ByteOrder order, Path file) throws InvalidInputException {
        String magic = ascii(b, 344, 4);
        if (!magic.equals("n+1") && !magic.equals("ni1")) {
            throw new InvalidInputException(file, "bad NIfTI-1 magic '" + magic + "' (an Analyze 7.5 file?)");
        }
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(280 + 4 * i);
        }
        return new NiftiHeader(1, order, magic.equals("n+1"), b.getShort(70), dim, pixdim, (long) b.getFloat(108),
                b.getFloat(112), b.getFloat(116), b.getShort(252), b.getShort(254),
                new double[] {b.getFloat(256), b.getFloat(260), b.getFloat(264)},
                new double[] {b.getFloat(268), b.getFloat(272), b.getFloat(276)},
                srow, b.get(123) & 0xFF, ascii(b, 148, 80));
    }

    private static NiftiHeader parse2(ByteBuffer b, ByteOrder order, Path file) throws InvalidInputException {
        String magic = ascii(b, 4, 4);
        if (!magic.equals("n+2") && !magic.equals("ni2")) {
            throw new InvalidInputException(file, "bad NIfTI-2 magic '" + magic + "'");
        }
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getLong(16 + 8 * i);
            pixdim[i] = b.getDouble(104 + 8 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getDouble(400 + 8 * i);
        }
        return new NiftiHeader(2, order, magic.equals("n+2"), b.getShort(12), dim, pixdim, b.getLong(168),
                b.getDouble(176), b.getDouble(184), b.getInt(344), b.getInt(348),
                new double[] {b.getDouble(352), b.getDouble(360), b.getDouble(368)},
                new double[] {b.getDouble(376), b.getDouble(384), b.getDouble(392)},
                srow, b.getInt(500), ascii(b, 240, 80));
    }

    private static String ascii(ByteBuffer b, int offset, int length) {
        int end = 0;
        while (end < length && b.get(offset + end) != 0) {
            end++;
        }
        byte[] s = new byte[end];
        b.get(offset, s);
        return new String(s, StandardCharsets.ISO_8859_1).trim();
    }

    /** Size of this header on disk in bytes. */
    int size() {
        return version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
    }

    /** Metres, millimetres or micrometres per spatial unit, in mm; 1 when the units are unknown. */
    double spatialUnitMm() {
        return switch (xyztUnits & 7) {
            case 1 -> 1000.0;
            case 3 -> 0.001;
            default -> 1.0;
        };
    }

    String spatialUnitName() {
        return switch (xyztUnits & 7) {
            case 1 -> "m";
            case 2 -> "mm";
            case 3 -> "um";
            default -> "unknown";
        };
    }
}
