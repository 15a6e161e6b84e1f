package org.calcify.seed;

import java.math.BigInteger;
import java.util.Locale;
import org.calcify.io.joblib.CandidateVoxel;
import org.calcify.io.joblib.NumpyScalar;

/** Naming and labels of the thread's per-voxel patch files. */
public final class SeedVoxel {
    private SeedVoxel() {
    }

    /**
     * The thread's file name: {@code fold_{i}_{image_index:02d}_{answer}_{z:02d}_{y:03d}_{x:03d}.pkl}, with
     * {@code answer} as Python's {@code str()} prints it.
     */
    public static String fileName(int fold, CandidateVoxel v) {
        return String.format(Locale.ROOT, "fold_%d_%s_%s_%s_%s_%s.pkl", fold, pad(v.imageIndex(), 2), v.answerText(),
                pad(v.z(), 2), pad(v.y(), 3), pad(v.x(), 3));
    }

    /** Python's {@code f'{n:0Wd}'}: zero padded to W characters, the sign counting as one. */
    static String pad(int n, int width) {
        String digits = Integer.toString(Math.abs(n));
        int w = n < 0 ? width - 1 : width;
        StringBuilder sb = new StringBuilder(n < 0 ? "-" : "");
        for (int i = digits.length(); i < w; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** Python's {@code int(answer)}: truncates floats toward zero, True is 1. */
    public static long intAnswer(CandidateVoxel v) {
        Object a = v.answer();
        if (a instanceof NumpyScalar s) {
            a = s.value();
        }
        if (a instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (a instanceof Long l) {
            return l;
        }
        if (a instanceof Integer i) {
            return i;
        }
        if (a instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (a instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("answer " + v.answerText() + " is not a number int() accepts");
            }
            return (long) d.doubleValue();
        }
        throw new IllegalArgumentException("answer " + v.answerText() + " (" + v.answerType() + ") is not a number");
    }
}
