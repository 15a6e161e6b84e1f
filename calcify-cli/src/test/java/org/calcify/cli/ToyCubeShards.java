package org.calcify.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.calcify.seed.ShardWriter;

/** Training fixtures of the train tests: a shard set a tiny network learns in a couple of epochs. */
final class ToyCubeShards {
    private ToyCubeShards() {
    }

    /** Cube shards 5x9x9 in {@code dir}: label 1 patches have a bright centre, label 0 are noise; 8 scans of 4 patches. */
    static Path write(Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        try (ShardWriter w = new ShardWriter(dir, 32, List.of(new ShardWriter.Plane("cube.npy", 5, 9, 9)), 0, List.of("scan", "z", "y", "x", "label"))) {
            for (int i = 0; i < 32; i++) {
                int label = i % 2;
                byte[] v = new byte[5 * 9 * 9];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (byte) (30 + r.nextInt(20));
                }
                if (label == 1) {
                    for (int z = 1; z < 4; z++) {
                        for (int y = 3; y < 6; y++) {
                            for (int x = 3; x < 6; x++) {
                                v[(z * 9 + y) * 9 + x] = (byte) 230;
                            }
                        }
                    }
                }
                w.append(new byte[][] {v}, new int[] {0}, null, label, List.of("scan" + i / 4, 2, 4, 4, label));
            }
            w.commit();
        }
        return dir;
    }
}
