package org.calcify.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Task;
import org.calcify.nn.training.TrainOptions;
import org.calcify.seed.ShardWriter;

/**
 * Writes small shard folders with a separable pattern: label 0 patches are dim noise, labels 1..4 have a
 * bright blob whose position (a quadrant of the axial plane) encodes the label. Scans are "s0", "s1", ...
 * with {@code perScan} patches each, labels cycling over {@code labels}.
 */
public final class SyntheticShards {
    public static final int Z = 9;
    public static final int Y = 17;
    public static final int X = 17;

    private SyntheticShards() {
    }

    public static void write(Path dir, boolean cube, int scans, int perScan, int[] labels, int emrColumns, long seed) throws IOException {
        write(dir, cube, 0, scans, perScan, labels, emrColumns, seed);
    }

    /** Scans named "s{firstScan}" ... */
    public static void write(Path dir, boolean cube, int firstScan, int scans, int perScan, int[] labels, int emrColumns, long seed) throws IOException {
        int n = scans * perScan;
        List<ShardWriter.Plane> planes = cube ? List.of(new ShardWriter.Plane("cube.npy", Z, Y, X))
                : List.of(new ShardWriter.Plane("axial.npy", Y, X), new ShardWriter.Plane("sagittal.npy", Z, Y), new ShardWriter.Plane("coronal.npy", Z, X));
        SplittableRandom r = new SplittableRandom(seed);
        try (ShardWriter w = new ShardWriter(dir, n, planes, emrColumns, List.of("scan", "z", "y", "x", "label"))) {
            for (int s = 0; s < scans; s++) {
                for (int i = 0; i < perScan; i++) {
                    int label = labels[(s * perScan + i) % labels.length];
                    byte[] vol = volume(label, r);
                    byte[][] data;
                    if (cube) {
                        data = new byte[][] {vol};
                    } else {
                        byte[] a = new byte[Y * X];
                        byte[] sg = new byte[Z * Y];
                        byte[] co = new byte[Z * X];
                        int cz = Z / 2;
                        int cy = Y / 2;
                        int cx = X / 2;
                        for (int y = 0; y < Y; y++) {
                            for (int x = 0; x < X; x++) {
                                a[y * X + x] = vol[(cz * Y + y) * X + x];
                            }
                        }
                        for (int z = 0; z < Z; z++) {
                            for (int y = 0; y < Y; y++) {
                                sg[z * Y + y] = vol[(z * Y + y) * X + cx];
                            }
                            for (int x = 0; x < X; x++) {
                                co[z * X + x] = vol[(z * Y + cy) * X + x];
                            }
                        }
                        data = new byte[][] {a, sg, co};
                    }
                    double[] emr = new double[emrColumns];
                    for (int k = 0; k < emrColumns; k++) {
                        emr[k] = 50 + 10 * r.nextGaussian();
                    }
                    w.append(data, new int[data.length], emrColumns > 0 ? emr : null, label,
                            List.of("s" + (firstScan + s), Z / 2, Y / 2, X / 2, label));
                }
            }
            w.commit();
        }
    }

    /** A (Z, Y, X) patch: noise around 40; a blob of 220 at the centre slice, placed by label. */
    private static byte[] volume(int label, SplittableRandom r) {
        byte[] v = new byte[Z * Y * X];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (40 + r.nextInt(30));
        }
        if (label == 0) {
            return v;
        }
        int cy = Y / 2 + (label == 1 || label == 2 ? -3 : 3);
        int cx = X / 2 + (label == 1 || label == 3 ? -3 : 3);
        if (label == 5) {
            cy = Y / 2;
            cx = X / 2;
        }
        for (int z = Z / 2 - 2; z <= Z / 2 + 2; z++) {
            for (int y = cy - 3; y <= cy + 3; y++) {
                for (int x = Math.max(0, cx - 3); x <= Math.min(X - 1, cx + 3); x++) {
                    if ((z - Z / 2) * (z - Z / 2) + (y - cy) * (y - cy) + (x - cx) * (x - cx) <= 9) {
                        v[(z * Y + y) * X + x] = (byte) (200 + r.nextInt(40));
                    }
                }
            }
        }
        return v;
    }

    public static final org.calcify.patch.ContextCube CONTEXT = new org.calcify.patch.ContextCube(5, 9, 9, 5, 4, 4);

    /**
     * Cube shards where only the context tells the label: every cube has the same centred blob (label 0
     * too), and the context cube ({@link #CONTEXT}, with its {@code context.txt}) has a bright quadrant
     * placed by the label (labels 1..4), none for label 0.
     */
    public static void writeContextOnly(Path dir, int scans, int perScan, int[] labels, long seed) throws IOException {
        int n = scans * perScan;
        var cx = CONTEXT;
        List<ShardWriter.Plane> planes = List.of(new ShardWriter.Plane("cube.npy", Z, Y, X),
                new ShardWriter.Plane("context.npy", cx.sizeZ(), cx.sizeY(), cx.sizeX()));
        SplittableRandom r = new SplittableRandom(seed);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve(org.calcify.extract.PatchExtraction.CONTEXT_FILE), cx.text() + "\n");
        try (ShardWriter w = new ShardWriter(dir, n, planes, 0, List.of("scan", "z", "y", "x", "label"))) {
            for (int s = 0; s < scans; s++) {
                for (int i = 0; i < perScan; i++) {
                    int label = labels[(s * perScan + i) % labels.length];
                    byte[] cube = volume(5, r); // the same centred blob for every label
                    byte[] context = new byte[cx.length()];
                    for (int k = 0; k < context.length; k++) {
                        context[k] = (byte) (40 + r.nextInt(30));
                    }
                    if (label > 0) {
                        int y0 = label == 1 || label == 2 ? 0 : cx.sizeY() / 2 + 1;
                        int x0 = label == 1 || label == 3 ? 0 : cx.sizeX() / 2 + 1;
                        for (int z = 0; z < cx.sizeZ(); z++) {
                            for (int y = y0; y < y0 + cx.sizeY() / 2; y++) {
                                for (int x = x0; x < x0 + cx.sizeX() / 2; x++) {
                                    context[(z * cx.sizeY() + y) * cx.sizeX() + x] = (byte) (200 + r.nextInt(40));
                                }
                            }
                        }
                    }
                    w.append(new byte[][] {cube, context}, new int[2], null, label,
                            List.of("s" + s, Z / 2, Y / 2, X / 2, label));
                }
            }
            w.commit();
        }
    }

    /** Fast options for tests: tiny nets, few epochs, no EMR unless asked. */
    public static TrainOptions options(Architecture a, Task t, int epochs) {
        return TrainOptions.builder(a, t).optFolds(3).optOnlyFolds(List.of(0)).optEpochs(epochs).optBatchSize(8).optLoaderThreads(2)
                .optLearningRate(3e-3).optPatience(10).optSeed(7).optBaseFilters(4).optValidationFraction(0.2).build();
    }
}
