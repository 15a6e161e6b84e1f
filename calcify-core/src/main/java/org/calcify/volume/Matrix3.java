package org.calcify.volume;

/** Small helpers for row-major 3x3 matrices. */
public final class Matrix3 {
    private Matrix3() {
    }

    public static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7])
                - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Inverse of a row-major 3x3 matrix; throws if it is singular. */
    public static double[] inverse(double[] m) {
        double det = determinant(m);
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("singular direction matrix");
        }
        double[] r = new double[9];
        r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
        r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
        r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
        r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
        r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
        r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
        r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
        r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
        r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
        return r;
    }

    /** Cross product of two 3-vectors. */
    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] normalize(double[] a) {
        double n = Math.sqrt(dot(a, a));
        if (n == 0) {
            throw new IllegalArgumentException("zero vector");
        }
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
