package org.calcify.patch;

import java.util.Arrays;

/** Copies one row segment with zero fill where it leaves the source row. */
final class Rows {
    private Rows() {
    }

    /**
     * Copies {@code length} values of the source row starting at {@code rowStart} (a row of
     * {@code rowLength} values) from column {@code from} (possibly negative or past the end) into
     * {@code dst} at {@code dstOffset}; columns outside the row become 0.
     */
    static void copy(byte[] src, int rowStart, int rowLength, int from, byte[] dst, int dstOffset, int length) {
        if (from >= 0 && from + length <= rowLength) {
            System.arraycopy(src, rowStart + from, dst, dstOffset, length);
            return;
        }
        int lo = Math.max(0, from);
        int hi = Math.min(rowLength, from + length);
        if (hi <= lo) {
            Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
            return;
        }
        int lead = lo - from;
        Arrays.fill(dst, dstOffset, dstOffset + lead, (byte) 0);
        System.arraycopy(src, rowStart + lo, dst, dstOffset + lead, hi - lo);
        Arrays.fill(dst, dstOffset + lead + (hi - lo), dstOffset + length, (byte) 0);
    }
}
