package org.calcify.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.calcify.io.VolumeIO;
import org.calcify.volume.Volume;

/**
 * Times {@link VolumeIO#read} on each path given: {@code warmup} untimed reads, then {@code repeat}
 * timed ones; prints one line per path with the median and best wall time in ms.
 *
 * <p>Usage: {@code ReadBenchmark REPEAT WARMUP PATH...}. Run by {@code bench/read-bench.sh}.
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeat = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        for (int a = 2; a < args.length; a++) {
            Path path = Path.of(args[a]);
            long checksum = 0;
            for (int i = 0; i < warmup; i++) {
                checksum += touch(VolumeIO.read(path));
            }
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                Volume v = VolumeIO.read(path);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                checksum += touch(v);
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "calcify\t%s\tmedian_ms=%.1f\tbest_ms=%.1f\t(checksum %d)%n",
                    path.getFileName(), ms[repeat / 2], ms[0], checksum);
        }
    }

    /** Reads a few voxels so that the JIT cannot drop the work. */
    private static long touch(Volume v) {
        int n = v.geometry().voxelCount();
        return (long) (v.valueAt(0) + v.valueAt(n / 2) + v.valueAt(n - 1));
    }
}
