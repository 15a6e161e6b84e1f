package org.calcify.io.nifti;

import org.calcify.volume.DataType;

/**
 * Applies {@code scl_slope}/{@code scl_inter}: {@code value = stored * slope + inter}, computed in
 * double. The result is INT16 when every scaled value is an integer in the int16 range (CT stored
 * with slope 1 and intercept -1024, for instance), otherwise FLOAT32, or FLOAT64 when the stored
 * type is float64 or uint64.
 */
final class NiftiScaling {
    private NiftiScaling() {
    }

    /** Scaled voxels: {@code {DataType, array}}. */
    static Object[] apply(Object stored, DataType type, int count, double slope, double inter) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64 && fitsInt16(stored, type, count, slope, inter)) {
            short[] out = new short[count];
            for (int i = 0; i < count; i++) {
                out[i] = (short) (value(stored, type, i) * slope + inter);
            }
            return new Object[] {DataType.INT16, out};
        }
        if (type == DataType.FLOAT64) {
            double[] in = (double[]) stored;
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = in[i] * slope + inter;
            }
            return new Object[] {DataType.FLOAT64, out};
        }
        float[] out = new float[count];
        if (type == DataType.INT16) {
            short[] in = (short[]) stored;
            for (int i = 0; i < count; i++) {
                out[i] = (float) (in[i] * slope + inter);
            }
        } else if (type == DataType.FLOAT32) {
            float[] in = (float[]) stored;
            for (int i = 0; i < count; i++) {
                out[i] = (float) (in[i] * slope + inter);
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = (float) (value(stored, type, i) * slope + inter);
            }
        }
        return new Object[] {DataType.FLOAT32, out};
    }

    private static boolean fitsInt16(Object stored, DataType type, int count, double slope, double inter) {
        if (type == DataType.INT16) {
            short[] in = (short[]) stored;
            for (int i = 0; i < count; i++) {
                if (!isInt16(in[i] * slope + inter)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < count; i++) {
            if (!isInt16(value(stored, type, i) * slope + inter)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInt16(double v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE && v == Math.rint(v);
    }

    private static double value(Object a, DataType type, int i) {
        return switch (type) {
            case UINT8 -> ((byte[]) a)[i] & 0xFF;
            case INT16 -> ((short[]) a)[i];
            case INT32 -> ((int[]) a)[i];
            case INT64 -> ((long[]) a)[i];
            case FLOAT32 -> ((float[]) a)[i];
            case FLOAT64 -> ((double[]) a)[i];
        };
    }
}
