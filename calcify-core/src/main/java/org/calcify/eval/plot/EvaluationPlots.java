package org.calcify.eval.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.eval.Agreement;
import org.calcify.eval.CaseResult;
import org.calcify.eval.Metrics;
import org.calcify.io.AtomicOutput;
import org.calcify.score.RiskCategory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The evaluation's PNG figures (XChart, headless): Bland-Altman plot of the total Agatston score,
 * predicted against true Agatston on log axes, and the risk-category confusion matrix.
 */
public final class EvaluationPlots {
    public static final String BLAND_ALTMAN = "bland_altman.png";
    public static final String SCATTER = "agatston_scatter.png";
    public static final String CONFUSION = "category_confusion.png";

    private EvaluationPlots() {
    }

    /** Writes the three PNGs into {@code dir}; returns their paths. */
    public static List<Path> write(Metrics metrics, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<CaseResult> cases = metrics.cases();
        int n = cases.size();
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = cases.get(i).truth().total().agatston();
            p[i] = cases.get(i).predicted().total().agatston();
        }
        List<Path> out = new ArrayList<>();
        out.add(save(blandAltman(t, p), dir.resolve(BLAND_ALTMAN)));
        out.add(save(scatter(t, p), dir.resolve(SCATTER)));
        out.add(save(confusion(t, p), dir.resolve(CONFUSION)));
        return out;
    }

    private static XYChart blandAltman(double[] t, double[] p) {
        int n = t.length;
        double[] mean = new double[n];
        double[] diff = new double[n];
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < n; i++) {
            mean[i] = (t[i] + p[i]) / 2;
            diff[i] = p[i] - t[i];
            hi = Math.max(hi, mean[i]);
        }
        Agreement.BlandAltman ba = Agreement.blandAltman(t, p);
        XYChart c = new XYChartBuilder().width(640).height(480).title("Bland-Altman, total Agatston")
                .xAxisTitle("mean of predicted and true").yAxisTitle("predicted - true").build();
        c.getStyler().setLegendVisible(true);
        XYSeries s = c.addSeries("cases", mean, diff);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        line(c, "mean " + fmt(ba.meanDifference()), lo, hi, ba.meanDifference());
        if (Double.isFinite(ba.sdDifference())) {
            line(c, "mean - 1.96 SD", lo, hi, ba.lowerLimit());
            line(c, "mean + 1.96 SD", lo, hi, ba.upperLimit());
        }
        return c;
    }

    private static void line(XYChart c, String name, double x0, double x1, double y) {
        double v = Double.isFinite(y) ? y : 0;
        XYSeries s = c.addSeries(name, new double[] {x0, x1}, new double[] {v, v});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
    }

    private static XYChart scatter(double[] t, double[] p) {
        int n = t.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double max = 10;
        for (int i = 0; i < n; i++) {
            x[i] = t[i] + 1;
            y[i] = p[i] + 1;
            max = Math.max(max, Math.max(x[i], y[i]));
        }
        XYChart c = new XYChartBuilder().width(640).height(480).title("Predicted vs true Agatston (log axes, score + 1)")
                .xAxisTitle("true Agatston + 1").yAxisTitle("predicted Agatston + 1").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        XYSeries s = c.addSeries("cases", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        XYSeries id = c.addSeries("identity", new double[] {1, max * 1.5}, new double[] {1, max * 1.5});
        id.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        id.setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static HeatMapChart confusion(double[] t, double[] p) {
        int k = RiskCategory.values().length;
        int[] ct = new int[t.length];
        int[] cp = new int[p.length];
        for (int i = 0; i < t.length; i++) {
            ct[i] = RiskCategory.of(Math.max(0, t[i])).ordinal();
            cp[i] = RiskCategory.of(Math.max(0, p[i])).ordinal();
        }
        int[][] m = Agreement.confusion(ct, cp, k);
        List<String> labels = new ArrayList<>();
        for (RiskCategory c : RiskCategory.values()) {
            labels.add(c.label());
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cells.add(new Number[] {i, j, m[i][j]});
            }
        }
        HeatMapChart c = new HeatMapChartBuilder().width(640).height(520).title("Risk categories: true (x) vs predicted (y)")
                .xAxisTitle("true category").yAxisTitle("predicted category").build();
        c.getStyler().setShowValue(true);
        c.getStyler().setLegendVisible(false);
        c.addSeries("cases", labels, labels, cells);
        return c;
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicOutput.write(file, png);
        return file;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
