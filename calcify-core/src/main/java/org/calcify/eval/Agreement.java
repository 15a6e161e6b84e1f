package org.calcify.eval;

/**
 * Scan-level agreement statistics between two raters (prediction and truth) over n scans.
 * References in {@code docs/scoring.md}.
 */
public final class Agreement {
    private Agreement() {
    }

    /**
     * ICC(A,1) of McGraw and Wong (1996): two-way model, absolute agreement, single measures
     * (Shrout and Fleiss ICC(2,1)). NaN when n &lt; 2 or all values are equal.
     */
    public static double iccAbsoluteAgreement(double[] a, double[] b) {
        int n = a.length;
        if (b.length != n) {
            throw new IllegalArgumentException("ICC needs two equally long series");
        }
        if (n < 2) {
            return Double.NaN;
        }
        int k = 2;
        double grand = 0;
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        grand = (meanA + meanB) / 2;
        double ssRows = 0;
        double ssTotal = 0;
        for (int i = 0; i < n; i++) {
            double row = (a[i] + b[i]) / 2;
            ssRows += k * (row - grand) * (row - grand);
            ssTotal += (a[i] - grand) * (a[i] - grand) + (b[i] - grand) * (b[i] - grand);
        }
        double ssCols = n * ((meanA - grand) * (meanA - grand) + (meanB - grand) * (meanB - grand));
        double ssError = ssTotal - ssRows - ssCols;
        double msRows = ssRows / (n - 1);
        double msCols = ssCols / (k - 1);
        double msError = ssError / ((n - 1) * (k - 1));
        double denominator = msRows + (k - 1) * msError + k * (msCols - msError) / n;
        return denominator == 0 ? Double.NaN : (msRows - msError) / denominator;
    }

    /** Confusion matrix {@code m[truth][predicted]} of categories 0..k-1. */
    public static int[][] confusion(int[] truth, int[] predicted, int k) {
        int[][] m = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            m[truth[i]][predicted[i]]++;
        }
        return m;
    }

    /**
     * Cohen's (1968) weighted kappa with linear weights |i - j| over categories 0..k-1 (as
     * scikit-learn's {@code cohen_kappa_score(weights="linear", labels=range(k))}). NaN when the
     * expected disagreement is 0.
     */
    public static double linearWeightedKappa(int[] truth, int[] predicted, int k) {
        int n = truth.length;
        if (n == 0) {
            return Double.NaN;
        }
        int[][] m = confusion(truth, predicted, k);
        double[] rows = new double[k];
        double[] cols = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += m[i][j];
                cols[j] += m[i][j];
            }
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = Math.abs(i - j);
                observed += w * m[i][j] / n;
                expected += w * rows[i] * cols[j] / ((double) n * n);
            }
        }
        return expected == 0 ? Double.NaN : 1 - observed / expected;
    }

    /**
     * Bland-Altman statistics of predicted minus true values.
     *
     * @param meanDifference mean of (predicted - truth)
     * @param sdDifference   sample standard deviation of the differences (n - 1)
     * @param lowerLimit     mean - 1.96 sd
     * @param upperLimit     mean + 1.96 sd
     * @param n              number of pairs
     */
    public record BlandAltman(double meanDifference, double sdDifference, double lowerLimit, double upperLimit, int n) {
    }

    public static BlandAltman blandAltman(double[] truth, double[] predicted) {
        int n = truth.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += predicted[i] - truth[i];
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = predicted[i] - truth[i] - mean;
            ss += d * d;
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
        return new BlandAltman(mean, sd, mean - 1.96 * sd, mean + 1.96 * sd, n);
    }
}
