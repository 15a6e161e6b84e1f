package org.calcify.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.detect.CandidateClassifier;
import org.calcify.detect.DetectionClass;
import org.calcify.io.InvalidInputException;
import org.calcify.patch.ContextCube;
import org.calcify.patch.ContextExtractor;
import org.calcify.patch.CubeExtractor;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.TriplanarExtractor;
import org.calcify.volume.Volume;
import org.calcify.window.WindowLevel;
import org.calcify.window.WindowPreset;

/**
 * Classifies detection candidates with trained artery models: one model folder ({@code config.json} +
 * weights), or a {@code calcify train} output whose {@code fold_K/model} folders are averaged as an
 * ensemble. Patches are cut in memory from the scan window-levelled as the model's shards were, in
 * batches, with the model's EMR standardisation; the model's classes are mapped by name onto
 * {@link DetectionClass} (a model without an "other" class gives other calcium probability 0).
 */
public final class NetworkClassifier implements CandidateClassifier, AutoCloseable {
    private static final int BATCH = 64;

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
            columnOf[k] = switch (classes.get(k)) {
                case "none" -> DetectionClass.NONE.ordinal();
                case "LM" -> DetectionClass.LM.ordinal();
                case "LAD" -> DetectionClass.LAD.ordinal();
                case "LCX" -> DetectionClass.LCX.ordinal();
                case "RCA" -> DetectionClass.RCA.ordinal();
                case "other" -> DetectionClass.OTHER_CALCIUM.ordinal();
                default -> -1;
            };
            if (columnOf[k] < 0) {
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
        if (ct.sizeZ() < zyx[0] || ct.sizeY() < zyx[1] || ct.sizeX() < zyx[2]) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the model's %dx%dx%d (z,y,x) patches need a scan of at least %d slices of %dx%d; this one has %d slices of %dx%d",
                    zyx[0], zyx[1], zyx[2], zyx[0], zyx[1], zyx[2], ct.sizeZ(), ct.sizeY(), ct.sizeX()));
        }
    }

    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr) throws IOException {
        return classify(ct, voxels, emr, null);
    }

    /** With the anatomy, a heart-only context cube is cut from the heart region alone (as the model was trained). */
    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr, ThoraxAnatomy anatomy) throws IOException {
        int[] zyx = config.patchZyx();
        PatchShape shape = PatchShape.ofSizes(zyx[0], zyx[1], zyx[2]);
        WindowLevel window = WindowPreset.parse(config.window() == null || config.window().isBlank() ? "50,400" : config.window());
        Volume windowed = window.applyToVolume(ct);
        PatchSource src = PatchSource.of(windowed);
        PatchSource contextSrc = config.context() != null && config.context().heartOnly() && anatomy != null && anatomy.hasHeart()
                ? PatchSource.of(anatomy.heartOnly(windowed)) : src;
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
        boolean cube = config.architecture() == Architecture.CNN3D;
        ContextCube cx = config.context();
        var geo = ct.geometry();
        ContextExtractor contextCutter = cx == null ? null
                : new ContextExtractor(cx, new double[] {geo.spacingZ(), geo.spacingY(), geo.spacingX()});
        byte[] ctx = cx == null ? null : new byte[cx.length()];
        CubeExtractor cubeCutter = new CubeExtractor(shape);
        TriplanarExtractor planeCutter = new TriplanarExtractor(shape);
        float[][] out = new float[voxels.length][DetectionClass.values().length];
        for (int from = 0; from < voxels.length; from += BATCH) {
            int n = Math.min(BATCH, voxels.length - from);
            float[][] images = cube ? new float[][] {new float[n * shape.cubeLength()]}
                    : new float[][] {new float[n * shape.axialLength()], new float[n * shape.sagittalLength()], new float[n * shape.coronalLength()]};
            if (cx != null) {
                images = java.util.Arrays.copyOf(images, images.length + 1);
                images[images.length - 1] = new float[n * cx.length()];
            }
            byte[] a = new byte[shape.axialLength()];
            byte[] s = new byte[shape.sagittalLength()];
            byte[] c = new byte[shape.coronalLength()];
            byte[] q = cube ? new byte[shape.cubeLength()] : null;
            for (int i = 0; i < n; i++) {
                int[] v = voxels[from + i];
                if (cube) {
                    cubeCutter.extract(src, v[0], v[1], v[2], q, 0);
                    toFloat(q, images[0], i * q.length);
                } else {
                    planeCutter.extract(src, v[0], v[1], v[2], a, 0, s, 0, c, 0);
                    toFloat(a, images[0], i * a.length);
                    toFloat(s, images[1], i * s.length);
                    toFloat(c, images[2], i * c.length);
                }
                if (contextCutter != null) {
                    contextCutter.extract(contextSrc, v[0], v[1], v[2], ctx, 0);
                    toFloat(ctx, images[images.length - 1], i * ctx.length);
                }
            }
            float[] emrBatch = new float[n * k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(emrStd, 0, emrBatch, i * k, k);
            }
            int[] none = new int[n];
            java.util.Arrays.fill(none, -1);
            Batch b = new Batch(n, images, emrBatch, none, new int[n]);
            int classes = config.classCount();
            for (Network net : nets) {
                float[] p = net.probabilities(b);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < classes; j++) {
                        out[from + i][columnOf[j]] += p[i * classes + j] / nets.size();
                    }
                }
            }
        }
        return out;
    }

    private static void toFloat(byte[] in, float[] out, int offset) {
        for (int i = 0; i < in.length; i++) {
            out[offset + i] = (in[i] & 0xFF) * (1f / 255f);
        }
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
