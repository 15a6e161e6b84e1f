package org.calcify.eval.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures of one trained fold, drawn with XChart from the CSVs {@code calcify train} writes:
 * {@code loss.png} (training and validation loss per epoch), {@code auc.png} (validation AUC and macro-F1),
 * {@code roc.png} (test ROC) and {@code confusion.png} (test confusion matrix). Missing CSVs are skipped.
 */
public final class TrainingPlots {
    private TrainingPlots() {
    }

    /** Writes the plots of {@code foldDir} beside its CSVs; returns the files written. */
    public static List<Path> write(Path foldDir) throws IOException {
        List<Path> out = new ArrayList<>();
        Path metrics = foldDir.resolve("metrics.csv");
        if (Files.isRegularFile(metrics)) {
            Table t = Table.read(metrics);
            double[] epoch = t.column("epoch");
            XYChart loss = chart("Loss per epoch (" + foldDir.getFileName() + ")", "epoch", "cross-entropy");
            series(loss, "train", epoch, t.column("train_loss"));
            series(loss, "validation", epoch, t.column("val_loss"));
            out.add(save(loss, foldDir.resolve("loss.png")));
            XYChart auc = chart("Validation AUC and macro-F1 (" + foldDir.getFileName() + ")", "epoch", "");
            series(auc, "AUC", epoch, t.column("val_auc"));
            series(auc, "macro-F1", epoch, t.column("val_macro_f1"));
            out.add(save(auc, foldDir.resolve("auc.png")));
        }
        Path roc = foldDir.resolve("roc.csv");
        if (Files.isRegularFile(roc)) {
            Table t = Table.read(roc);
            XYChart c = chart("Test ROC, calcium vs none (" + foldDir.getFileName() + ")", "false positive rate", "true positive rate");
            XYSeries s = series(c, "ROC", t.column("fpr"), t.column("tpr"));
            s.setMarker(SeriesMarkers.NONE);
            XYSeries chance = c.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
            chance.setMarker(SeriesMarkers.NONE);
            out.add(save(c, foldDir.resolve("roc.png")));
        }
        Path confusion = foldDir.resolve("confusion.csv");
        if (Files.isRegularFile(confusion)) {
            List<String> lines = Files.readAllLines(confusion, StandardCharsets.UTF_8);
            List<String> classes = Arrays.asList(lines.get(0).split(",")).subList(1, lines.get(0).split(",").length);
            List<Number[]> cells = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                for (int j = 1; j < f.length; j++) {
                    cells.add(new Number[] {i - 1, j - 1, Double.parseDouble(f[j])});
                }
            }
            HeatMapChart c = new HeatMapChartBuilder().width(640).height(520).title("Test confusion: true (x) vs predicted (y)")
                    .xAxisTitle("true class").yAxisTitle("predicted class").build();
            c.getStyler().setShowValue(true);
            c.getStyler().setLegendVisible(false);
            c.addSeries("patches", classes, classes, cells);
            out.add(save(c, foldDir.resolve("confusion.png")));
        }
        return out;
    }

    private static XYChart chart(String title, String x, String y) {
        return new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(x).yAxisTitle(y).build();
    }

    private static XYSeries series(XYChart c, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            xs.add(0.0);
            ys.add(0.0);
        }
        return c.addSeries(name, xs, ys);
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicOutput.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    /** A numeric CSV with a header. */
    private record Table(List<String> header, List<double[]> rows) {
        static Table read(Path csv) throws IOException {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            List<double[]> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (l.isBlank()) {
                    continue;
                }
                String[] f = l.split(",");
                double[] r = new double[header.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = i < f.length ? parse(f[i]) : Double.NaN;
                }
                rows.add(r);
            }
            return new Table(header, rows);
        }

        private static double parse(String s) {
            try {
                return "inf".equals(s) ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        double[] column(String name) {
            int k = header.indexOf(name);
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = k < 0 ? Double.NaN : rows.get(i)[k];
            }
            return v;
        }
    }
}
