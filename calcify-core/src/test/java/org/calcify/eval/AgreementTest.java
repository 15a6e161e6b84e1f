package org.calcify.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;

/**
 * ICC(A,1), linearly weighted kappa, confusion matrix and Bland-Altman statistics against Python:
 * scikit-learn's {@code cohen_kappa_score} / {@code confusion_matrix} (Debian python3-sklearn) and
 * ICC from the McGraw and Wong (1996) mean squares computed in NumPy as a two-way ANOVA.
 */
class AgreementTest {
    private static final String ORACLE = """
            import sys, json, numpy as np
            from sklearn.metrics import cohen_kappa_score, confusion_matrix
            t = np.array([float(v) for v in sys.argv[1].split(',')])
            p = np.array([float(v) for v in sys.argv[2].split(',')])
            ct = [int(v) for v in sys.argv[3].split(',')]
            cp = [int(v) for v in sys.argv[4].split(',')]
            Y = np.stack([p, t], axis=1)            # n subjects x k raters
            n, k = Y.shape
            g = Y.mean()
            msr = k * ((Y.mean(axis=1) - g) ** 2).sum() / (n - 1)
            msc = n * ((Y.mean(axis=0) - g) ** 2).sum() / (k - 1)
            resid = Y - Y.mean(axis=1, keepdims=True) - Y.mean(axis=0, keepdims=True) + g
            mse = (resid ** 2).sum() / ((n - 1) * (k - 1))
            icc = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
            kappa = cohen_kappa_score(ct, cp, weights='linear', labels=list(range(5)))
            cm = confusion_matrix(ct, cp, labels=list(range(5)))
            d = p - t
            print(json.dumps({'icc': icc, 'kappa': kappa, 'cm': cm.tolist(), 'mean': d.mean(), 'sd': d.std(ddof=1)}))
            """;

    @Test
    void matchesSklearnAndAnova() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 4; trial++) {
            int n = 10 + r.nextInt(40);
            double[] t = new double[n];
            double[] p = new double[n];
            int[] ct = new int[n];
            int[] cp = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = r.nextDouble() < 0.3 ? 0 : Math.exp(6 * r.nextDouble());
                p[i] = Math.max(0, t[i] * (0.7 + 0.6 * r.nextDouble()) + (r.nextDouble() < 0.2 ? 30 * r.nextDouble() : 0) + trial * 5);
                ct[i] = org.calcify.score.RiskCategory.of(t[i]).ordinal();
                cp[i] = org.calcify.score.RiskCategory.of(p[i]).ordinal();
            }
            String json = PythonOracle.run(ORACLE, join(t), join(p), join(ct), join(cp));
            double icc = number(json, "icc");
            double kappa = number(json, "kappa");
            assertThat(Agreement.iccAbsoluteAgreement(p, t)).isCloseTo(icc, within(1e-9));
            assertThat(Agreement.linearWeightedKappa(ct, cp, 5)).isCloseTo(kappa, within(1e-9));
            String cm = Arrays.stream(Agreement.confusion(ct, cp, 5)).map(Arrays::toString).collect(Collectors.joining(", ", "[", "]"));
            assertThat(json).contains("\"cm\": " + cm);
            Agreement.BlandAltman ba = Agreement.blandAltman(t, p);
            assertThat(ba.meanDifference()).isCloseTo(number(json, "mean"), within(1e-9));
            assertThat(ba.sdDifference()).isCloseTo(number(json, "sd"), within(1e-9));
            assertThat(ba.upperLimit()).isCloseTo(ba.meanDifference() + 1.96 * ba.sdDifference(), within(1e-12));
        }
    }

    @Test
    void perfectAgreementAndDegenerateCases() {
        double[] a = {0, 5, 50, 500};
        assertThat(Agreement.iccAbsoluteAgreement(a, a)).isEqualTo(1.0);
        assertThat(Agreement.linearWeightedKappa(new int[] {0, 1, 2, 4}, new int[] {0, 1, 2, 4}, 5)).isEqualTo(1.0);
        assertThat(Agreement.iccAbsoluteAgreement(new double[] {3}, new double[] {3})).isNaN();
        assertThat(Agreement.linearWeightedKappa(new int[] {0, 0}, new int[] {0, 0}, 5)).isNaN();
    }

    static String join(double[] v) {
        return Arrays.stream(v).mapToObj(d -> Double.toString(d)).collect(Collectors.joining(","));
    }

    static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    static double number(String json, String key) {
        int i = json.indexOf("\"" + key + "\": ") + key.length() + 4;
        int j = i;
        while (j < json.length() && ",}".indexOf(json.charAt(j)) < 0) {
            j++;
        }
        return Double.parseDouble(json.substring(i, j).trim());
    }
}
