package org.calcify.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Task;
import org.calcify.nn.training.Throughput;

/**
 * Training and inference samples/s of Calcify's networks on shard data, as a worker of bench/nn_bench.py
 * (beside the same loop in PyTorch). Arguments: DATA ARCH BASE_FILTERS BATCH LOADER_THREADS. Data with a
 * context cube is trained on the artery task with the "other" class (the detection model), other data
 * on the binary task. After two warm-up batches of each it prints "ready ...", then answers every
 * "train K" or "infer K" line on stdin with the seconds the next K batches took.
 */
public final class NnThroughput {
    private NnThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Architecture a = Architecture.parse(args[1]);
        int filters = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        boolean context = java.nio.file.Files.isRegularFile(data.resolve("context.npy"));
        Task task = context ? Task.ARTERY : Task.BINARY;
        try (Throughput.Session s = Throughput.Session.open(data, a, task, context, filters, batch, threads)) {
            s.train(2);
            s.infer(2);
            System.out.printf(Locale.ROOT, "ready calcify %s w=%d, %d parameters%n", a.id(), filters, s.parameters());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] p = line.trim().split("\\s+");
                if (p[0].equals("quit")) {
                    break;
                }
                int k = Integer.parseInt(p[1]);
                long t0 = System.nanoTime();
                switch (p[0]) {
                    case "train" -> s.train(k);
                    case "infer" -> s.infer(k);
                    default -> throw new IllegalArgumentException("unknown command " + line);
                }
                System.out.printf(Locale.ROOT, "%.6f%n", (System.nanoTime() - t0) / 1e9);
                System.out.flush();
            }
        }
    }
}
