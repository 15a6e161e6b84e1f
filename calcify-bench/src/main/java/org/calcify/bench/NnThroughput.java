package org.calcify.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.calcify.nn.Architecture;
import org.calcify.nn.Throughput;

/**
 * Training and inference samples/s of Calcify's networks on shard data (run by bench/nn-bench.sh beside
 * the same loop in PyTorch). Arguments: DATA ARCH BASE_FILTERS BATCH LOADER_THREADS WARMUP BATCHES.
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
        int warmup = Integer.parseInt(args[5]);
        int batches = Integer.parseInt(args[6]);
        Throughput.Result r = Throughput.measure(data, a, filters, batch, threads, warmup, batches);
        System.out.printf(Locale.ROOT, "calcify\t%s\tw=%d batch=%d\ttrain %.1f samples/s\tinfer %.1f samples/s\t%d parameters%n",
                a.id(), filters, batch, r.trainSamplesPerSecond(), r.inferSamplesPerSecond(), r.parameters());
    }
}
