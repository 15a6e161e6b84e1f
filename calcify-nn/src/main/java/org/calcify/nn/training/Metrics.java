package org.calcify.nn.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.calcify.io.text.CsvTable;
import org.calcify.io.text.NumberPolicy;
import java.util.Map;

/**
 * Classification metrics from class probabilities. AUC: for two classes the ROC AUC of class 1; for more,
 * the mean one-vs-rest AUC over classes present with both positives and negatives. Sensitivity and
 * specificity treat class 0 ("none") as negative and any other class as positive (calcium found).
 *
 * @param auc         ROC AUC (NaN when undefined: one class only)
 * @param accuracy    fraction of samples whose most probable class is right
 * @param sensitivity positives (class != 0) predicted as some class != 0
 * @param specificity negatives (class 0) predicted as class 0
 * @param f1          F1 per class (0 when the class is neither present nor predicted)
 * @param macroF1     mean of the per-class F1 over classes present in the truth
 */
public record Metrics(double auc, double accuracy, double sensitivity, double specificity, double[] f1, double macroF1) {
    public Metrics {
        f1 = f1.clone();
    }

    @Override
    public double[] f1() {
        return f1.clone();
    }

    /** Metrics of probabilities {@code p} (n x classes, row-major) against true classes. */
    public static Metrics of(float[] p, int[] truth, int classes) {
        int n = truth.length;
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[i * classes + c] > p[i * classes + best]) {
                    best = c;
                }
            }
            pred[i] = best;
        }
        int correct = 0;
        int pos = 0;
        int tp = 0;
        int neg = 0;
        int tn = 0;
        int[] tpc = new int[classes];
        int[] predc = new int[classes];
        int[] truec = new int[classes];
        for (int i = 0; i < n; i++) {
            correct += pred[i] == truth[i] ? 1 : 0;
            if (truth[i] != 0) {
                pos++;
                tp += pred[i] != 0 ? 1 : 0;
            } else {
                neg++;
                tn += pred[i] == 0 ? 1 : 0;
            }
            predc[pred[i]]++;
            truec[truth[i]]++;
            if (pred[i] == truth[i]) {
                tpc[truth[i]]++;
            }
        }
        double[] f1 = new double[classes];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            int denom = predc[c] + truec[c];
            f1[c] = denom == 0 ? 0 : 2.0 * tpc[c] / denom;
            if (truec[c] > 0) {
                sum += f1[c];
                present++;
            }
        }
        double auc;
        if (classes == 2) {
            auc = auc(column(p, classes, 1), truth, 1);
        } else {
            double s = 0;
            int k = 0;
            for (int c = 0; c < classes; c++) {
                if (truec[c] > 0 && truec[c] < n) {
                    s += auc(column(p, classes, c), truth, c);
                    k++;
                }
            }
            auc = k == 0 ? Double.NaN : s / k;
        }
        return new Metrics(auc, n == 0 ? Double.NaN : (double) correct / n, pos == 0 ? Double.NaN : (double) tp / pos,
                neg == 0 ? Double.NaN : (double) tn / neg, f1, present == 0 ? Double.NaN : sum / present);
    }

    private static double[] column(float[] p, int classes, int c) {
        double[] out = new double[p.length / classes];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i * classes + c];
        }
        return out;
    }

    /** ROC AUC of {@code score} for {@code truth == positive} (Mann-Whitney, ties count half). */
    static double auc(double[] score, int[] truth, int positive) {
        int n = score.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long npos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[idx[k]] == positive) {
                    rankSum += rank;
                    npos++;
                }
            }
            i = j + 1;
        }
        long nneg = n - npos;
        if (npos == 0 || nneg == 0) {
            return Double.NaN;
        }
        return (rankSum - npos * (npos + 1) / 2.0) / ((double) npos * nneg);
    }

    /** Named values for CSV rows: auc, accuracy, sensitivity, specificity, macro_f1, f1_CLASS... */
    public Map<String, Double> named(List<String> classNames) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auc", auc);
        m.put("accuracy", accuracy);
        m.put("sensitivity", sensitivity);
        m.put("specificity", specificity);
        m.put("macro_f1", macroF1);
        for (int c = 0; c < f1.length; c++) {
            m.put("f1_" + classNames.get(c), f1[c]);
        }
        return m;
    }

    /** The metric names of {@link #named}. */
    public static List<String> names(List<String> classNames) {
        List<String> l = new ArrayList<>(List.of("auc", "accuracy", "sensitivity", "specificity", "macro_f1"));
        for (String c : classNames) {
            l.add("f1_" + c);
        }
        return l;
    }

    /** Confusion matrix as CSV: one row per true class, one column per predicted class (counts). */
    public static String confusionCsv(float[] p, int[] truth, List<String> classNames) {
        int c = classNames.size();
        long[][] m = new long[c][c];
        for (int i = 0; i < truth.length; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (p[i * c + k] > p[i * c + best]) {
                    best = k;
                }
            }
            m[truth[i]][best]++;
        }
        List<String> header = new ArrayList<>(List.of("true\\predicted"));
        header.addAll(classNames);
        List<List<Object>> rows = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            List<Object> row = new ArrayList<>(List.of(classNames.get(t)));
            for (int k = 0; k < c; k++) {
                row.add(m[t][k]);
            }
            rows.add(row);
        }
        return CsvTable.toCsv(header, rows);
    }

    /**
     * ROC curve of calcium (any class but 0) against none, scored by 1 - p(none), as CSV rows
     * threshold,fpr,tpr from the highest threshold down (one row per distinct score); the first row, above every score, has
     * an empty (infinite) threshold.
     */
    public static String rocCsv(float[] p, int[] truth, int classes) {
        int n = truth.length;
        double[] score = new double[n];
        long pos = 0;
        for (int i = 0; i < n; i++) {
            score[i] = 1.0 - p[i * classes];
            pos += truth[i] != 0 ? 1 : 0;
        }
        long neg = n - pos;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(java.util.Arrays.asList(null, 0, 0)); // the threshold above every score (infinite, written empty)
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < n; i++) {
            if (truth[idx[i]] != 0) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == n || score[idx[i + 1]] != score[idx[i]]) {
                rows.add(java.util.Arrays.asList(NumberPolicy.fixed(score[idx[i]], 6), NumberPolicy.fixed(neg == 0 ? Double.NaN : (double) fp / neg, 6),
                        NumberPolicy.fixed(pos == 0 ? Double.NaN : (double) tp / pos, 6)));
            }
        }
        return CsvTable.toCsv(List.of("threshold", "fpr", "tpr"), rows);
    }
}
