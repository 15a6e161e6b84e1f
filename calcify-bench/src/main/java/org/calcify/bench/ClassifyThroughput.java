package org.calcify.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.calcify.nn.inference.NetworkClassifier;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Candidate classification throughput of a model folder (one network or a fold ensemble) on a synthetic
 * 512x512x80 CT (0.7 x 0.7 x 2.5 mm, noise around soft tissue), as a worker of bench/nn_bench.py: it
 * draws VOXELS candidate voxels (seeded) inside the central 256x256 of the slices, classifies 64 of them
 * as a warm-up, prints "ready ...", then answers every "classify K" line on stdin with the seconds that
 * K calls of {@code classify} over all VOXELS voxels took. Uses only the public API, so that an earlier
 * build can run it too. Arguments: MODEL_DIR VOXELS.
 */
public final class ClassifyThroughput {
    private ClassifyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int nx = 512;
        int ny = 512;
        int nz = 80;
        SplittableRandom r = new SplittableRandom(7);
        short[] hu = new short[nx * ny * nz];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (r.nextInt(-60, 120) + (r.nextInt(200) == 0 ? 400 : 0));
        }
        Volume ct = Volume.ofShorts(Geometry.of(nx, ny, nz, new double[] {0.7, 0.7, 2.5}, new double[3],
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), hu);
        int[][] voxels = new int[count][];
        for (int i = 0; i < count; i++) {
            voxels[i] = new int[] {r.nextInt(nz), 128 + r.nextInt(256), 128 + r.nextInt(256)};
        }
        try (NetworkClassifier c = NetworkClassifier.load(model)) {
            c.classify(ct, java.util.Arrays.copyOf(voxels, Math.min(64, count)), null);
            System.out.println("ready " + c.describe() + "; " + count + " voxels of a 512x512x80 scan per call");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] p = line.trim().split("\\s+");
                if (!p[0].equals("classify")) {
                    break;
                }
                long t0 = System.nanoTime();
                for (int k = Integer.parseInt(p[1]); k > 0; k--) {
                    c.classify(ct, voxels, null);
                }
                System.out.printf(java.util.Locale.ROOT, "%.6f%n", (System.nanoTime() - t0) / 1e9);
                System.out.flush();
            }
        }
    }
}
