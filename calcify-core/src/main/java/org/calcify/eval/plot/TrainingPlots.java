package org.calcify.eval.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.text.CsvTable;
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
            CsvTable t = CsvTable.read(metrics);
            double[] epoch = t.doubles("epoch");
            XYChart loss = chart("Loss per epoch (" + foldDir.getFileName() + ")", "epoch", "cross-entropy");
            series(loss, "train", epoch, t.doubles("train_loss"));
            series(loss, "validation", epoch, t.doubles("val_loss"));
            out.add(save(loss, foldDir.resolve("loss.png")));
            XYChart auc = chart("Validation AUC and macro-F1 (" + foldDir.getFileName() + ")", "epoch", "");
            series(auc, "AUC", epoch, t.doubles("val_auc"));
            series(auc, "macro-F1", epoch, t.doubles("val_macro_f1"));
            out.add(save(auc, foldDir.resolve("auc.png")));
        }
        Path roc = foldDir.resolve("roc.csv");
        if (Files.isRegularFile(roc)) {
            CsvTable t = CsvTable.read(roc);
            XYChart c = chart("Test ROC, calcium vs none (" + foldDir.getFileName() + ")", "false positive rate", "true positive rate");
            XYSeries s = series(c, "ROC", t.doubles("fpr"), t.doubles("tpr"));
            s.setMarker(SeriesMarkers.NONE);
            XYSeries chance = c.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
            chance.setMarker(SeriesMarkers.NONE);
            out.add(save(c, foldDir.resolve("roc.png")));
        }
        Path confusion = foldDir.resolve("confusion.csv");
        if (Files.isRegularFile(confusion)) {
            CsvTable t = CsvTable.read(confusion);
            List<String> classes = t.header().subList(1, t.header().size());
            List<Number[]> cells = new ArrayList<>();
            for (int j = 1; j < t.header().size(); j++) {
                double[] counts = t.doubles(t.header().get(j));
                for (int i = 0; i < counts.length; i++) {
                    cells.add(new Number[] {i, j - 1, counts[i]});
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
}
