package org.calcify.nn.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.JsonFiles;
import org.calcify.patch.ContextCube;

/**
 * Everything {@code predict} needs besides the weights, saved as {@code config.json} beside them.
 * The input contract: patches are the shards' uint8 values divided by 255 (float32), the cube as
 * (batch, 1, z, y, x), the planes as axial (batch, 1, y, x), sagittal (batch, 1, z, y), coronal
 * (batch, 1, z, x); EMR features (batch, k) are standardised with {@link #emrMean()} and
 * {@link #emrSd()} and passed last. With a context cube, its samples (batch, 1, cz, cy, cx), also / 255, come
 * after the patch inputs and before EMR. The network returns logits (batch, classes).
 *
 * @param architecture network family
 * @param task         binary or artery
 * @param otherClass   true when non-coronary calcium (label 5) is its own class
 * @param classes      class names, index = output column
 * @param patchZyx     patch sizes (z, y, x) in voxels
 * @param window       the window/level the shards were cut with (informative, e.g. "50,400")
 * @param baseFilters  filters of the first convolution (later blocks double it)
 * @param emrMean      per-feature mean on the training folds (empty: no EMR input)
 * @param emrSd        per-feature standard deviation on the training folds
 * @param weights      file name of the weights beside config.json: {@code model.params} (Calcify/DJL) or a TorchScript {@code .pt}
 * @param provenance   free-form facts: data, seed, fold, Calcify version, time
 * @param context      the coarse context cube the network also takes, or null for none
 */
public record ModelConfig(Architecture architecture, Task task, boolean otherClass, List<String> classes, int[] patchZyx,
                          String window, int baseFilters, double[] emrMean, double[] emrSd, String weights,
                          Map<String, String> provenance, ContextCube context) {
    public static final String FILE = "config.json";
    private static final String FORMAT = "calcify-model/1";

    public ModelConfig {
        classes = List.copyOf(classes);
        patchZyx = patchZyx.clone();
        emrMean = emrMean.clone();
        emrSd = emrSd.clone();
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (patchZyx.length != 3) {
            throw new IllegalArgumentException("patch needs 3 sizes (z, y, x)");
        }
        if (emrMean.length != emrSd.length) {
            throw new IllegalArgumentException("EMR mean and sd differ in length");
        }
    }

    /** Without a context cube. */
    public ModelConfig(Architecture architecture, Task task, boolean otherClass, List<String> classes, int[] patchZyx,
                       String window, int baseFilters, double[] emrMean, double[] emrSd, String weights, Map<String, String> provenance) {
        this(architecture, task, otherClass, classes, patchZyx, window, baseFilters, emrMean, emrSd, weights, provenance, null);
    }

    @Override
    public int[] patchZyx() {
        return patchZyx.clone();
    }

    @Override
    public double[] emrMean() {
        return emrMean.clone();
    }

    @Override
    public double[] emrSd() {
        return emrSd.clone();
    }

    /** Number of EMR features the network takes (0: none). */
    public int emrFeatures() {
        return emrMean.length;
    }

    public int classCount() {
        return classes.size();
    }

    /** A copy naming other weights. */
    public ModelConfig withWeights(String file) {
        return new ModelConfig(architecture, task, otherClass, classes, patchZyx, window, baseFilters, emrMean, emrSd, file, provenance, context);
    }

    /**
     * The JSON shape of {@code config.json} (format {@code calcify-model/1}); keys this version does not know
     * are ignored, values are checked by {@link #load}.
     */
    @JsonPropertyOrder({"format", "architecture", "task", "other_class", "classes", "patch_zyx", "input", "context", "window",
            "base_filters", "emr_mean", "emr_sd", "weights", "provenance"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(String format, String architecture, String task, @JsonProperty("other_class") boolean otherClass, List<String> classes,
                @JsonProperty("patch_zyx") List<Number> patchZyx, String input, @JsonInclude(JsonInclude.Include.NON_NULL) String context,
                String window, @JsonProperty("base_filters") Integer baseFilters, @JsonProperty("emr_mean") double[] emrMean,
                @JsonProperty("emr_sd") double[] emrSd, String weights, Map<String, Object> provenance) {
    }

    private static final String INPUT = "uint8 patch / 255 as float32; cube (B,1,Z,Y,X) or axial (B,1,Y,X), sagittal (B,1,Z,Y), "
            + "coronal (B,1,Z,X); then the context cube (B,1,CZ,CY,CX) if any; EMR (B,k) standardised, last";

    /** Writes {@code dir/config.json} atomically. */
    public void save(Path dir) throws IOException {
        JsonFiles.write(dir.resolve(FILE), new File(FORMAT, architecture.id(), task.id(), otherClass, classes,
                List.of(patchZyx[0], patchZyx[1], patchZyx[2]), INPUT, context == null ? null : context.text(), window, baseFilters,
                emrMean, emrSd, weights, new LinkedHashMap<String, Object>(provenance)));
    }

    /** Reads {@code dir/config.json}; every problem is an InvalidInputException naming the file. */
    public static ModelConfig load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir, "not a model folder (no " + FILE + ")");
        }
        if (Files.size(file) > (1 << 20)) {
            throw new InvalidInputException(file, "model config larger than 1 MiB");
        }
        File f = JsonFiles.parse(file, Files.readString(file, StandardCharsets.UTF_8), File.class);
        try {
            if (f.format() != null && !FORMAT.equals(f.format())) {
                throw new IllegalArgumentException("format '" + f.format() + "' is not " + FORMAT);
            }
            Architecture a = Architecture.parse(required(f.architecture(), "architecture"));
            Task t = Task.parse(required(f.task(), "task"));
            List<String> classes = required(f.classes(), "classes");
            if (classes.size() != t.classNames(f.otherClass()).size()) {
                throw new IllegalArgumentException("task " + t.id() + " has " + t.classNames(f.otherClass()).size() + " classes, config lists "
                        + classes.size());
            }
            List<Number> patch = required(f.patchZyx(), "patch_zyx");
            if (patch.size() != 3) {
                throw new IllegalArgumentException("patch_zyx needs 3 sizes");
            }
            int[] p = new int[3];
            for (int k = 0; k < 3; k++) {
                double v = patch.get(k) == null ? Double.NaN : patch.get(k).doubleValue();
                p[k] = (int) v;
                if (p[k] < 1 || p[k] > 4096 || p[k] != v) {
                    throw new IllegalArgumentException("patch_zyx " + patch.get(k) + " is not a size");
                }
            }
            int base = f.baseFilters() == null ? 8 : f.baseFilters();
            if (base < 1 || base > 256) {
                throw new IllegalArgumentException("base_filters " + base + " out of range");
            }
            double[] mean = f.emrMean() == null ? new double[0] : f.emrMean();
            double[] sd = f.emrSd() == null ? new double[0] : f.emrSd();
            if (mean.length != sd.length || mean.length > 1024) {
                throw new IllegalArgumentException("emr_mean and emr_sd must list the same number of features");
            }
            for (int k = 0; k < sd.length; k++) {
                if (!Double.isFinite(mean[k]) || !(sd[k] > 0) || !Double.isFinite(sd[k])) {
                    throw new IllegalArgumentException("EMR feature " + k + ": mean " + mean[k] + ", sd " + sd[k] + " (sd must be positive and finite)");
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            if (f.provenance() != null) {
                f.provenance().forEach((k, v) -> prov.put(k, String.valueOf(v)));
            }
            ContextCube context = f.context() == null ? null : ContextCube.parse(f.context());
            return new ModelConfig(a, t, f.otherClass(), classes, p, f.window() == null ? "" : f.window(), base, mean, sd,
                    required(f.weights(), "weights"), prov, context);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' missing");
        }
        return value;
    }
}
