package org.calcify.nn.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Batch;
import org.calcify.nn.model.ModelConfig;

/**
 * Builds batches on background threads, ahead of the engine, in a fixed order: batch b holds
 * {@code order[b*size ..]}; each sample's augmentation comes from a generator seeded by
 * (seed, sample), so the batches do not depend on the number of threads.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {
    private final PatchData data;
    private final ModelConfig config;
    private final int[] order;
    private final int batchSize;
    private final Augmentation augmentation;
    private final long seed;
    private final int[] classes;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
    private final int window;
    private int nextBatch;
    private final int batches;

    /**
     * @param classes      class of every sample of {@code data} (by sample number)
     * @param augmentation null for none (validation, test, prediction)
     */
    public BatchLoader(PatchData data, ModelConfig config, int[] classes, int[] order, int batchSize, int threads,
                Augmentation augmentation, long seed) {
        this.data = data;
        this.config = config;
        this.classes = classes;
        this.order = order.clone();
        this.batchSize = batchSize;
        this.augmentation = augmentation;
        this.seed = seed;
        this.batches = (order.length + batchSize - 1) / batchSize;
        int t = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "calcify-batch-loader");
            th.setDaemon(true);
            return th;
        });
        this.window = 2 * t;
        fill();
    }

    public int batches() {
        return batches;
    }

    private void fill() {
        while (ahead.size() < window && nextBatch < batches) {
            int b = nextBatch++;
            ahead.add(pool.submit(() -> build(b)));
        }
    }

    @Override
    public boolean hasNext() {
        return !ahead.isEmpty();
    }

    @Override
    public Batch next() {
        if (ahead.isEmpty()) {
            throw new NoSuchElementException();
        }
        try {
            Batch b = ahead.poll().get();
            fill();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("loading a batch failed: " + c, c);
        }
    }

    private Batch build(int b) {
        int from = b * batchSize;
        int n = Math.min(batchSize, order.length - from);
        int[] zyx = config.patchZyx();
        int nz = zyx[0];
        int ny = zyx[1];
        int nx = zyx[2];
        boolean cube = config.architecture() == Architecture.CNN3D;
        int[] lengths = cube ? new int[] {nz * ny * nx} : new int[] {ny * nx, nz * ny, nz * nx};
        var cx = config.context();
        int patchInputs = lengths.length;
        if (cx != null) {
            lengths = java.util.Arrays.copyOf(lengths, patchInputs + 1);
            lengths[patchInputs] = cx.length();
        }
        float[][] images = new float[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            images[i] = new float[n * lengths[i]];
        }
        int k = config.emrFeatures();
        double[] mean = config.emrMean();
        double[] sd = config.emrSd();
        float[] emr = new float[n * k];
        int[] cls = new int[n];
        int[] samples = new int[n];
        byte[][] raw = new byte[lengths.length][];
        float[][] f = new float[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            raw[i] = new byte[lengths[i]];
            f[i] = new float[lengths[i]];
        }
        float[] tmp = new float[lengths[0]];
        float[] contextTmp = cx == null ? null : new float[cx.length()];
        byte[] rawCube = cube ? null : new byte[nz * ny * nx];
        float[] fCube = cube ? null : new float[nz * ny * nx];
        float[] cubeTmp = cube ? null : new float[nz * ny * nx];
        for (int j = 0; j < n; j++) {
            int g = order[from + j];
            samples[j] = g;
            cls[j] = classes == null ? -1 : classes[g];
            ShardSet set = data.set(g);
            int row = data.row(g);
            // tri-planar from cube shards: the planes are cut from the (augmented) cube, so rotations stay exact
            boolean planesFromCube = !cube && !set.hasPlanes();
            for (int i = 0; i < lengths.length; i++) {
                if (planesFromCube && i < patchInputs) {
                    continue;
                }
                if (i == patchInputs) {
                    set.copyContext(row, raw[i]);
                } else if (cube) {
                    set.copyCube(row, raw[i]);
                } else {
                    set.copyPlane(i, row, raw[i]);
                }
                toFloat(raw[i], f[i]);
            }
            Augmentation.Drawn drawn = null;
            SplittableRandom rng = augmentation == null ? null : new SplittableRandom(seed * 0x9E3779B97F4A7C15L + g);
            if (planesFromCube) {
                set.copyCube(row, rawCube);
                toFloat(rawCube, fCube);
                if (augmentation != null) {
                    drawn = augmentation.cube(fCube, cubeTmp, nz, ny, nx, rng);
                }
                centralPlanes(fCube, nz, ny, nx, f[0], f[1], f[2]);
            } else if (augmentation != null) {
                drawn = cube ? augmentation.cube(f[0], tmp, nz, ny, nx, rng) : augmentation.planes(f[0], f[1], f[2], tmp, nz, ny, nx, rng);
            }
            if (augmentation != null && cx != null) {
                augmentation.context(f[patchInputs], contextTmp, cx.sizeZ(), cx.sizeY(), cx.sizeX(), drawn, rng);
            }
            for (int i = 0; i < lengths.length; i++) {
                System.arraycopy(f[i], 0, images[i], j * lengths[i], lengths[i]);
            }
            if (k > 0) {
                double[] e = set.emr(row);
                for (int c = 0; c < k; c++) {
                    emr[j * k + c] = (float) ((e[c] - mean[c]) / sd[c]);
                }
            }
        }
        return new Batch(n, images, emr, cls, samples);
    }

    private static void toFloat(byte[] in, float[] out) {
        for (int v = 0; v < in.length; v++) {
            out[v] = (in[v] & 0xFF) * (1f / 255f);
        }
    }

    /**
     * The tri-planar patch of a cube (z, y, x) of the same extents: axial = the centre slice (y, x),
     * sagittal = the centre column plane (z, y), coronal = the centre row plane (z, x), exactly what
     * {@code TriplanarExtractor} cuts from the scan around the same voxel.
     */
    static void centralPlanes(float[] cube, int nz, int ny, int nx, float[] axial, float[] sagittal, float[] coronal) {
        int hz = nz / 2;
        int hy = ny / 2;
        int hx = nx / 2;
        System.arraycopy(cube, hz * ny * nx, axial, 0, ny * nx);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                sagittal[z * ny + y] = cube[(z * ny + y) * nx + hx];
            }
            System.arraycopy(cube, (z * ny + hy) * nx, coronal, z * nx, nx);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
