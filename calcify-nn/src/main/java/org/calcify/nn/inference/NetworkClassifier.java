package org.calcify.nn.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.detect.CandidateClassifier;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;
import org.calcify.nn.model.Networks;
import org.calcify.nn.model.StagedInputs;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.PatientOrder;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
import org.calcify.window.WindowPreset;

/**
 * Classifies detection candidates with trained artery models: one model folder ({@code config.json} +
 * weights), or a {@code calcify train} output whose {@code fold_K/model} folders are averaged as an
 * ensemble. Patches are cut in memory from the scan window-levelled as the model's shards were and in
 * patient order ({@link PatientOrder}, as {@code calcify extract} cuts them), in batches, with the model's EMR standardisation; the model's classes are mapped by name onto
 * {@link CalciumLabel} (a model without an "other" class gives other calcium probability 0).
 */
public final class NetworkClassifier implements CandidateClassifier, AutoCloseable {
    /** Most samples per batch. */
    static final int MAX_BATCH = 256;
    /** Input floats per batch (16 MiB), which bounds the batch for large patches. */
    static final long BATCH_INPUT_FLOATS = 1L << 22;

    private final List<Network> nets;
    private final ModelConfig config;
    private final int[] columnOf;
    private final String description;

    private NetworkClassifier(List<Network> nets, String description) throws InvalidInputException {
        this.nets = nets;
        this.config = nets.get(0).config();
        this.description = description;
        List<String> classes = config.classes();
        this.columnOf = new int[classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            try {
                columnOf[k] = CalciumLabel.ofClassName(classes.get(k)).ordinal();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Path.of(description), "detect needs an artery model (classes none, LM, LAD, LCX, RCA),"
                        + " this one has " + classes);
            }
        }
    }

    /** Loads a model folder, or every {@code fold_K/model} of a training output as an ensemble. */
    public static NetworkClassifier load(Path dir) throws IOException {
        List<Path> models = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(ModelConfig.FILE))) {
            models.add(dir);
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.sorted().toList()) {
                    if (Files.isRegularFile(f.resolve("model").resolve(ModelConfig.FILE))) {
                        models.add(f.resolve("model"));
                    }
                }
            }
        }
        if (models.isEmpty()) {
            throw new InvalidInputException(dir, "no model here (expected config.json, or fold_K/model folders of calcify train)");
        }
        List<Network> nets = new ArrayList<>();
        try {
            for (Path m : models) {
                Network n = Network.load(m);
                if (!nets.isEmpty() && !sameContract(nets.get(0).config(), n.config())) {
                    throw new InvalidInputException(m, "fold models differ in architecture, patch, classes or EMR features");
                }
                nets.add(n);
            }
            ModelConfig c = nets.get(0).config();
            return new NetworkClassifier(nets, c.architecture().id() + " " + c.task() + " model, " + nets.size()
                    + (nets.size() == 1 ? " network" : " fold networks averaged") + ", patch " + java.util.Arrays.toString(c.patchZyx())
                    + " (z, y, x)" + (c.context() == null ? "" : ", context " + c.context().text())
                    + ", window " + c.window() + ", " + c.emrFeatures() + " EMR features, from " + dir);
        } catch (IOException | RuntimeException e) {
            nets.forEach(Network::close);
            throw e;
        }
    }

    private static boolean sameContract(ModelConfig a, ModelConfig b) {
        return a.architecture() == b.architecture() && java.util.Arrays.equals(a.patchZyx(), b.patchZyx())
                && a.classes().equals(b.classes()) && a.emrFeatures() == b.emrFeatures() && java.util.Objects.equals(a.context(), b.context());
    }

    /** A scan must give at least one whole patch: as many slices, rows and columns as the model's patch. */
    @Override
    public void checkScan(Volume ct) {
        int[] zyx = config.patchZyx();
        int[] n = PatientOrder.of(ct.geometry()).sizesZyx(ct.geometry()); // patches are cut in patient order
        if (n[0] < zyx[0] || n[1] < zyx[1] || n[2] < zyx[2]) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the model's %dx%dx%d (z,y,x) patches need a scan of at least %d slices of %dx%d; this one has %d slices of %dx%d",
                    zyx[0], zyx[1], zyx[2], zyx[0], zyx[1], zyx[2], n[0], n[1], n[2]));
        }
    }

    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr) throws IOException {
        return classify(ct, voxels, emr, null);
    }

    /** With the anatomy, a heart-only context cube is cut from the heart region alone (as the model was trained). */
    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr, ThoraxAnatomy anatomy) throws IOException {
        int k = config.emrFeatures();
        float[] emrStd = new float[k];
        if (k > 0) {
            if (emr == null || emr.length < k) {
                throw new IllegalArgumentException("the model takes " + k + " EMR features; give them with --emr");
            }
            double[] mean = config.emrMean();
            double[] sd = config.emrSd();
            for (int j = 0; j < k; j++) {
                emrStd[j] = (float) ((emr[j] - mean[j]) / sd[j]);
            }
        }
        float[][] out = new float[voxels.length][CalciumLabel.values().length];
        if (voxels.length == 0) {
            return out;
        }
        WindowLevel window = WindowPreset.parse(config.window() == null || config.window().isBlank() ? "50,400" : config.window());
        // patches are cut from the boxes the patches and context cubes of one slab's voxels reach, window-levelled
        // straight from the scan a slab at a time: the same values as from the whole scan, in a few slabs' memory.
        // The network sees its patches in patient order (as its training scans were stored), however this scan is
        SlabSources sources = new SlabSources(ct, window, config, anatomy, voxels);
        CandidatePatches patches = new CandidatePatches(config, PatientOrder.of(ct.geometry()).spacingZyx(ct.geometry()), emrStd);
        int batch = Math.min(batchSize(config), voxels.length);
        int classes = config.classCount();
        // two buffers: the cutter fills one on its thread while the networks read the other
        StagedInputs[] slots = {new StagedInputs(config, batch), new StagedInputs(config, batch)};
        int batches = (voxels.length + batch - 1) / batch;
        ExecutorService cutter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "calcify-patch-cutter");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> next = cutter.submit(() -> patches.cut(sources, voxels, 0, batch, slots[0]));
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int n = Math.min(batch, voxels.length - from);
                await(next);
                next = null;
                if (b + 1 < batches) {
                    int nextFrom = from + batch;
                    StagedInputs slot = slots[(b + 1) % 2];
                    next = cutter.submit(() -> patches.cut(sources, voxels, nextFrom, Math.min(batch, voxels.length - nextFrom), slot));
                }
                // every network of the ensemble reads the same arrays
                for (float[] p : Network.probabilities(nets, slots[b % 2], n)) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < classes; j++) {
                            out[from + i][columnOf[j]] += p[i * classes + j] / nets.size();
                        }
                    }
                }
            }
        } finally {
            cutter.shutdownNow();
        }
        return out;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cutting patches", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cutting patches failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Samples per batch: as many as keep the batch's input under {@link #BATCH_INPUT_FLOATS} floats (the
     * first feature maps are eight times that), between 16 and {@link #MAX_BATCH}.
     */
    static int batchSize(ModelConfig c) {
        long perSample = Networks.inputFloatsPerSample(c);
        return (int) Math.max(16, Math.min(MAX_BATCH, BATCH_INPUT_FLOATS / perSample));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        nets.forEach(Network::close);
    }
}
