package org.calcify.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.TriplanarExtractor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * In-memory patch extraction from a 512x512x80 uint8 volume at random voxels: one operation is one
 * patch (tri-planar 65x65 + 21x65 + 21x65 = 6,955 bytes, or a 21x65x65 cube). Run by
 * {@code bench/patch-bench.sh}; with {@code -t 2} JMH runs two threads, one per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TriplanarBenchmark {
    private PatchSource source;
    private final TriplanarExtractor triplanar = new TriplanarExtractor(PatchShape.THREAD);
    private final CubeExtractor cube = new CubeExtractor(PatchShape.THREAD);

    @Setup(Level.Trial)
    public void setUp() {
        byte[] vol = new byte[80 * 512 * 512];
        new SplittableRandom(1).nextBytes(vol);
        source = PatchSource.of(vol, 80, 512, 512);
    }

    /** Per-thread output buffers and random centres. */
    @State(Scope.Thread)
    public static class Buffers {
        final byte[] axial = new byte[65 * 65];
        final byte[] sagittal = new byte[21 * 65];
        final byte[] coronal = new byte[21 * 65];
        final byte[] cubeOut = new byte[21 * 65 * 65];
        final int[] centres = new int[3 * 4096];
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom r = new SplittableRandom(Thread.currentThread().getId());
            for (int i = 0; i < 4096; i++) {
                centres[3 * i] = r.nextInt(80);
                centres[3 * i + 1] = r.nextInt(512);
                centres[3 * i + 2] = r.nextInt(512);
            }
        }
    }

    @Benchmark
    public byte[] triplanar(Buffers b) {
        int i = 3 * (b.next++ & 4095);
        triplanar.extract(source, b.centres[i], b.centres[i + 1], b.centres[i + 2],
                b.axial, 0, b.sagittal, 0, b.coronal, 0);
        return b.axial;
    }

    @Benchmark
    public byte[] cube(Buffers b) {
        int i = 3 * (b.next++ & 4095);
        cube.extract(source, b.centres[i], b.centres[i + 1], b.centres[i + 2], b.cubeOut, 0);
        return b.cubeOut;
    }
}
