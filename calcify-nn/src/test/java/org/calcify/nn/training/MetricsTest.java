package org.calcify.nn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.calcify.nn.model.Task;
import org.junit.jupiter.api.Test;

/** Metrics against brute-force definitions computed in the test (pair counting, direct tallies). */
class MetricsTest {
    @Test
    void aucIsTheShareOfCorrectlyOrderedPairs() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + r.nextInt(60);
            float[] p = new float[2 * n];
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                float v = r.nextInt(8) / 8f; // ties on purpose
                p[2 * i] = 1 - v;
                p[2 * i + 1] = v;
                t[i] = r.nextInt(2);
            }
            double pairs = 0;
            double good = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (t[i] == 1 && t[j] == 0) {
                        pairs++;
                        good += p[2 * i + 1] > p[2 * j + 1] ? 1 : p[2 * i + 1] == p[2 * j + 1] ? 0.5 : 0;
                    }
                }
            }
            Metrics m = Metrics.of(p, t, 2);
            if (pairs == 0) {
                assertThat(m.auc()).isNaN();
            } else {
                assertThat(m.auc()).isCloseTo(good / pairs, Offset.offset(1e-12));
            }
        }
    }

    @Test
    void f1SensitivitySpecificityAndConfusion() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 200;
        int c = 5;
        float[] p = new float[n * c];
        int[] t = new int[n];
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(c);
            pred[i] = r.nextInt(3) == 0 ? r.nextInt(c) : t[i];
            for (int k = 0; k < c; k++) {
                p[i * c + k] = k == pred[i] ? 0.6f : 0.4f / (c - 1);
            }
        }
        Metrics m = Metrics.of(p, t, c);
        int tp = 0;
        int pos = 0;
        int tn = 0;
        int neg = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += t[i] == pred[i] ? 1 : 0;
            if (t[i] != 0) {
                pos++;
                tp += pred[i] != 0 ? 1 : 0;
            } else {
                neg++;
                tn += pred[i] == 0 ? 1 : 0;
            }
        }
        assertThat(m.accuracy()).isEqualTo((double) correct / n);
        assertThat(m.sensitivity()).isEqualTo((double) tp / pos);
        assertThat(m.specificity()).isEqualTo((double) tn / neg);
        double macro = 0;
        for (int k = 0; k < c; k++) {
            int tpk = 0;
            int fpk = 0;
            int fnk = 0;
            for (int i = 0; i < n; i++) {
                tpk += t[i] == k && pred[i] == k ? 1 : 0;
                fpk += t[i] != k && pred[i] == k ? 1 : 0;
                fnk += t[i] == k && pred[i] != k ? 1 : 0;
            }
            double f1 = 2.0 * tpk / (2.0 * tpk + fpk + fnk);
            assertThat(m.f1()[k]).isCloseTo(f1, Offset.offset(1e-12));
            macro += f1 / c;
        }
        assertThat(m.macroF1()).isCloseTo(macro, Offset.offset(1e-12));
        List<String> names = Task.ARTERY.classNames(false);
        String[] rows = Metrics.confusionCsv(p, t, names).split("\n");
        assertThat(rows).hasSize(c + 1);
        long total = 0;
        for (int k = 1; k <= c; k++) {
            String[] f = rows[k].split(",");
            for (int j = 1; j < f.length; j++) {
                total += Long.parseLong(f[j]);
            }
        }
        assertThat(total).isEqualTo(n);
        String[] roc = Metrics.rocCsv(p, t, c).split("\n");
        assertThat(roc[roc.length - 1]).endsWith(",1.000000,1.000000");
    }
}
