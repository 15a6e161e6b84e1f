package org.calcify.nn.inference;

import java.util.ArrayList;
import java.util.List;
import org.calcify.io.text.CsvTable;
import org.calcify.io.text.NumberPolicy;
import org.calcify.nn.data.BatchLoader;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.data.ShardSet;
import org.calcify.nn.model.Batch;
import org.calcify.nn.model.Network;
import org.calcify.seed.ProgressListener;

/** A network's class probabilities for samples of shard data, and {@code predictions.csv} of them. */
public final class SamplePredictions {
    private SamplePredictions() {
    }

    /** Probabilities (n x classes) of the samples, batched, loading on background threads. */
    public static float[] probabilities(Network net, PatchData data, int[] samples, int batchSize, int threads, ProgressListener progress, String stage) {
        int c = net.config().classCount();
        float[] out = new float[samples.length * c];
        try (BatchLoader loader = new BatchLoader(data, net.config(), null, samples, batchSize, threads, null, 0)) {
            progress.start(stage, samples.length);
            int at = 0;
            while (loader.hasNext()) {
                Batch b = loader.next();
                float[] p = net.probabilities(b);
                System.arraycopy(p, 0, out, at * c, p.length);
                at += b.size();
                progress.advance(b.size());
            }
        } finally {
            progress.finish();
        }
        return out;
    }

    /** predictions.csv: folder, row, scan, z, y, x, label, true class (if known), predicted class, p_CLASS... */
    public static String csv(PatchData data, int[] samples, float[] p, List<String> classes, int[] cls) {
        int c = classes.size();
        List<String> header = new ArrayList<>(List.of("shard", "row", "scan", "z", "y", "x", "label"));
        if (cls != null) {
            header.add("true_class");
        }
        header.add("predicted");
        for (String n : classes) {
            header.add("p_" + n);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < samples.length; i++) {
            int g = samples[i];
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (p[i * c + k] > p[i * c + best]) {
                    best = k;
                }
            }
            ShardSet s = data.set(g);
            List<String> zyx = data.centreZyx(g);
            List<Object> row = new ArrayList<>(List.of(s.dir().getFileName().toString(), data.row(g), data.scan(g), zyx.get(0), zyx.get(1), zyx.get(2),
                    data.label(g)));
            if (cls != null) {
                row.add(classes.get(cls[g]));
            }
            row.add(classes.get(best));
            for (int k = 0; k < c; k++) {
                row.add(NumberPolicy.fixed(p[i * c + k], 6));
            }
            rows.add(row);
        }
        return CsvTable.toCsv(header, rows);
    }
}
