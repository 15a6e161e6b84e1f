package org.calcify.io.numpy;

import java.nio.ByteBuffer;

/**
 * Decodes raw NumPy elements into the primitive array of the dtype's {@link NumpyDtype#dataType() Calcify
 * type}, with bulk buffer views where the type maps one to one and tight primitive loops where it widens.
 */
final class ElementDecoder {
    private ElementDecoder() {
    }

    /**
     * Decodes all whole elements between {@code src}'s position and limit into {@code dst} starting at element
     * {@code dstOffset}; advances {@code src}. Returns the number of elements decoded.
     */
    static int decode(NumpyDtype dtype, ByteBuffer src, Object dst, int dstOffset) {
        int n = src.remaining() / dtype.itemBytes();
        ByteBuffer b = src.slice().order(dtype.order());
        switch (dtype.kind()) {
            case 'b' -> {
                byte[] a = (byte[]) dst;
                for (int i = 0; i < n; i++) {
                    a[dstOffset + i] = b.get(i) != 0 ? (byte) 1 : (byte) 0;
                }
            }
            case 'i' -> {
                switch (dtype.itemBytes()) {
                    case 1 -> {
                        short[] a = (short[]) dst;
                        for (int i = 0; i < n; i++) {
                            a[dstOffset + i] = b.get(i);
                        }
                    }
                    case 2 -> b.asShortBuffer().get((short[]) dst, dstOffset, n);
                    case 4 -> b.asIntBuffer().get((int[]) dst, dstOffset, n);
                    default -> b.asLongBuffer().get((long[]) dst, dstOffset, n);
                }
            }
            case 'u' -> {
                switch (dtype.itemBytes()) {
                    case 1 -> b.get((byte[]) dst, dstOffset, n);
                    case 2 -> {
                        int[] a = (int[]) dst;
                        for (int i = 0; i < n; i++) {
                            a[dstOffset + i] = b.getShort(2 * i) & 0xFFFF;
                        }
                    }
                    case 4 -> {
                        long[] a = (long[]) dst;
                        for (int i = 0; i < n; i++) {
                            a[dstOffset + i] = b.getInt(4 * i) & 0xFFFFFFFFL;
                        }
                    }
                    default -> {
                        double[] a = (double[]) dst;
                        for (int i = 0; i < n; i++) {
                            a[dstOffset + i] = unsignedToDouble(b.getLong(8 * i));
                        }
                    }
                }
            }
            default -> {
                switch (dtype.itemBytes()) {
                    case 2 -> {
                        float[] a = (float[]) dst;
                        for (int i = 0; i < n; i++) {
                            a[dstOffset + i] = halfToFloat(b.getShort(2 * i));
                        }
                    }
                    case 4 -> b.asFloatBuffer().get((float[]) dst, dstOffset, n);
                    default -> b.asDoubleBuffer().get((double[]) dst, dstOffset, n);
                }
            }
        }
        src.position(src.position() + n * dtype.itemBytes());
        return n;
    }

    /** uint64 to the nearest double (round half to even, like numpy). */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        return (double) ((v >>> 1) | (v & 1L)) * 2.0; // keep the lost bit as a sticky bit for correct rounding
    }

    /** IEEE 754 half precision to float (exact). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float f = mant * 0x1p-24f;
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
