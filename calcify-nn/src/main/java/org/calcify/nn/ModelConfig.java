package org.calcify.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
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

    /** Writes {@code dir/config.json} atomically. */
    public void save(Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("architecture", architecture.id());
        m.put("task", task.id());
        m.put("other_class", otherClass);
        m.put("classes", new ArrayList<Object>(classes));
        m.put("patch_zyx", List.of(patchZyx[0], patchZyx[1], patchZyx[2]));
        m.put("input", "uint8 patch / 255 as float32; cube (B,1,Z,Y,X) or axial (B,1,Y,X), sagittal (B,1,Z,Y), coronal (B,1,Z,X);"
                + " then the context cube (B,1,CZ,CY,CX) if any; EMR (B,k) standardised, last");
        if (context != null) {
            m.put("context", context.text());
        }
        m.put("window", window);
        m.put("base_filters", baseFilters);
        m.put("emr_mean", emrMean);
        m.put("emr_sd", emrSd);
        m.put("weights", weights);
        m.put("provenance", new LinkedHashMap<String, Object>(provenance));
        AtomicOutput.write(dir.resolve(FILE), MiniJson.write(m).getBytes(StandardCharsets.UTF_8));
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
        try {
            Object root = MiniJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(root instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Object fmt = m.get("format");
            if (fmt != null && !FORMAT.equals(fmt)) {
                throw new IllegalArgumentException("format '" + fmt + "' is not " + FORMAT);
            }
            Architecture a = Architecture.parse(str(m, "architecture"));
            Task t = Task.parse(str(m, "task"));
            boolean other = Boolean.TRUE.equals(m.get("other_class"));
            List<String> classes = new ArrayList<>();
            for (Object o : list(m, "classes")) {
                classes.add(String.valueOf(o));
            }
            if (classes.size() != t.classNames(other).size()) {
                throw new IllegalArgumentException("task " + t.id() + " has " + t.classNames(other).size() + " classes, config lists " + classes.size());
            }
            double[] patch = numbers(list(m, "patch_zyx"));
            if (patch.length != 3) {
                throw new IllegalArgumentException("patch_zyx needs 3 sizes");
            }
            int[] p = new int[3];
            for (int k = 0; k < 3; k++) {
                p[k] = (int) patch[k];
                if (p[k] < 1 || p[k] > 4096 || p[k] != patch[k]) {
                    throw new IllegalArgumentException("patch_zyx " + patch[k] + " is not a size");
                }
            }
            Object bf = m.get("base_filters");
            int base = bf instanceof Double d ? d.intValue() : 8;
            if (base < 1 || base > 256) {
                throw new IllegalArgumentException("base_filters " + base + " out of range");
            }
            double[] mean = m.containsKey("emr_mean") ? numbers(list(m, "emr_mean")) : new double[0];
            double[] sd = m.containsKey("emr_sd") ? numbers(list(m, "emr_sd")) : new double[0];
            if (mean.length != sd.length || mean.length > 1024) {
                throw new IllegalArgumentException("emr_mean and emr_sd must list the same number of features");
            }
            for (int k = 0; k < sd.length; k++) {
                if (!Double.isFinite(mean[k]) || !(sd[k] > 0) || !Double.isFinite(sd[k])) {
                    throw new IllegalArgumentException("EMR feature " + k + ": mean " + mean[k] + ", sd " + sd[k] + " (sd must be positive and finite)");
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            if (m.get("provenance") instanceof Map<?, ?> pm) {
                pm.forEach((k, v) -> prov.put(String.valueOf(k), String.valueOf(v)));
            }
            Object w = m.get("window");
            ContextCube context = m.get("context") == null ? null : ContextCube.parse(str(m, "context"));
            return new ModelConfig(a, t, other, classes, p, w == null ? "" : String.valueOf(w), base, mean, sd, str(m, "weights"), prov, context);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    private static String str(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' missing or not a string");
        }
        return s;
    }

    private static List<?> list(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + key + "' missing or not a list");
        }
        return l;
    }

    private static double[] numbers(List<?> l) {
        double[] out = new double[l.size()];
        for (int k = 0; k < out.length; k++) {
            if (!(l.get(k) instanceof Double d)) {
                throw new IllegalArgumentException("expected a number, got " + l.get(k));
            }
            out[k] = d;
        }
        return out;
    }
}
