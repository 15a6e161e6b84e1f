package org.calcify.eval;

import org.calcify.io.text.Rounding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.text.CsvFiles;
import org.calcify.score.Artery;
import org.calcify.score.RiskCategory;
import org.calcify.score.ScoreTriple;

/**
 * The evaluation of a set of cases: what calcium-scoring papers and the orCaScore challenge report,
 * for the whole scan and per artery. Built by {@link CohortEvaluator}; {@link #toMap()} is
 * {@code metrics.json}, {@link #perCaseCsv()} is {@code per_case.csv}.
 */
public record Metrics(List<CaseResult> cases) {
    public Metrics {
        cases = List.copyOf(cases);
    }

    /** The scope names: "total" then LM, LAD, LCX, RCA. */
    static String scopeName(Artery a) {
        return a == null ? "total" : a.name();
    }

    /** Lesion counts summed over cases for a scope (null = whole scan); null when no case has them. */
    public DetectionCounts lesions(Artery a) {
        return sum(a, true);
    }

    public DetectionCounts voxels(Artery a) {
        return sum(a, false);
    }

    private DetectionCounts sum(Artery a, boolean lesions) {
        DetectionCounts s = null;
        for (CaseResult c : cases) {
            if (c.comparison() == null) {
                continue;
            }
            DetectionCounts d = (lesions ? c.comparison().lesions() : c.comparison().voxels())[CaseComparison.index(a)];
            s = s == null ? d : s.plus(d);
        }
        return s;
    }

    /** The scores of a scope for all cases, truth (row 0) and prediction (row 1); null if any case lacks them. */
    double[][] series(Artery a, int which) {
        double[][] v = new double[2][cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            ScoreTriple t = cases.get(i).truth().of(a);
            ScoreTriple p = cases.get(i).predicted().of(a);
            if (t == null || p == null) {
                return null;
            }
            v[0][i] = pick(t, which);
            v[1][i] = pick(p, which);
        }
        return v;
    }

    private static double pick(ScoreTriple t, int which) {
        return which == 0 ? t.agatston() : which == 1 ? t.volumeMm3() : t.massMg();
    }

    /** Risk categories (ordinal 0-4) of the Agatston scores of a scope: truth row 0, prediction row 1. */
    int[][] categories(Artery a) {
        double[][] s = series(a, 0);
        if (s == null) {
            return null;
        }
        int[][] c = new int[2][s[0].length];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < s[r].length; i++) {
                c[r][i] = RiskCategory.of(Math.max(0, s[r][i])).ordinal();
            }
        }
        return c;
    }

    /** metrics.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cases", cases.size());
        List<String> cats = new ArrayList<>();
        for (RiskCategory c : RiskCategory.values()) {
            cats.add(c.label());
        }
        m.put("categories", cats);
        List<Artery> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.addAll(List.of(Artery.values()));
        for (Artery a : scopes) {
            m.put(scopeName(a), scope(a));
        }
        return m;
    }

    private Map<String, Object> scope(Artery a) {
        Map<String, Object> m = new LinkedHashMap<>();
        DetectionCounts l = lesions(a);
        if (l != null) {
            m.put("lesion", l.toMap(false));
            m.put("voxel", voxels(a).toMap(true));
        }
        Map<String, Object> scan = new LinkedHashMap<>();
        String[] names = {"agatston", "volume_mm3", "mass_mg"};
        for (int w = 0; w < 3; w++) {
            double[][] s = series(a, w);
            if (s == null) {
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("icc_a1", round(Agreement.iccAbsoluteAgreement(s[1], s[0])));
            Agreement.BlandAltman ba = Agreement.blandAltman(s[0], s[1]);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("mean_difference", round(ba.meanDifference()));
            b.put("sd_difference", round(ba.sdDifference()));
            b.put("lower_limit", round(ba.lowerLimit()));
            b.put("upper_limit", round(ba.upperLimit()));
            one.put("bland_altman", b);
            scan.put(names[w], one);
        }
        int[][] c = categories(a);
        if (c != null) {
            int k = RiskCategory.values().length;
            scan.put("kappa_linear", round(Agreement.linearWeightedKappa(c[0], c[1], k)));
            scan.put("category_confusion_truth_by_predicted", Agreement.confusion(c[0], c[1], k));
            int agree = 0;
            for (int i = 0; i < c[0].length; i++) {
                agree += c[0][i] == c[1][i] ? 1 : 0;
            }
            scan.put("category_agreement", round(c[0].length == 0 ? Double.NaN : (double) agree / c[0].length));
        }
        m.put("scan", scan);
        return m;
    }

    /** per_case.csv: one row per case. */
    public String perCaseCsv() {
        return CsvFiles.toCsv(perCase(), PerCaseRow.class);
    }

    /** The rows of per_case.csv. */
    public List<PerCaseRow> perCase() {
        List<PerCaseRow> rows = new ArrayList<>();
        for (CaseResult c : cases) {
            ScoreTriple t = c.truth().total();
            ScoreTriple p = c.predicted().total();
            DetectionCounts l = c.comparison() == null ? null : c.comparison().lesions()[0];
            double[] arts = new double[2 * Artery.values().length];
            for (Artery a : Artery.values()) {
                ScoreTriple ta = c.truth().of(a);
                ScoreTriple pa = c.predicted().of(a);
                arts[2 * a.ordinal()] = ta == null ? Double.NaN : ta.agatston();
                arts[2 * a.ordinal() + 1] = pa == null ? Double.NaN : pa.agatston();
            }
            rows.add(new PerCaseRow(c.name(), t.agatston(), p.agatston(), RiskCategory.of(Math.max(0, t.agatston())).label(),
                    RiskCategory.of(Math.max(0, p.agatston())).label(), t.volumeMm3(), p.volumeMm3(), t.massMg(), p.massMg(),
                    c.truth().lesions() < 0 ? null : c.truth().lesions(), c.predicted().lesions() < 0 ? null : c.predicted().lesions(),
                    l == null ? null : l.truePositives(), l == null ? null : l.falseNegatives(), l == null ? null : l.falsePositives(),
                    c.comparison() == null ? Double.NaN : c.comparison().voxels()[0].f1(), arts[0], arts[1], arts[2], arts[3], arts[4], arts[5],
                    arts[6], arts[7]));
        }
        return rows;
    }

    /** Rounds to 6 significant decimals; NaN stays NaN (written as JSON null). */
    static Double round(double v) {
        if (!Double.isFinite(v)) {
            return Double.NaN;
        }
        return Rounding.toDecimals(v, 6);
    }
}
