package org.calcify.nn.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.model.ModelConfig;
import org.calcify.nn.model.Network;

/**
 * The model a fine-tuning run starts from: a model folder (config.json, model.params), or a {@code calcify train} output whose
 * {@code fold_K/model} of the same fold number (else its first) starts each fold. Its network must be the one being trained
 * (architecture, task, classes, patch, filters, EMR features, context), or training would start from weights of another shape.
 */
final class ParentModel {
    private ParentModel() {
    }

    /** The weights file fold {@code foldId} starts from, checked against {@code config}. */
    static Path weightsFor(Path parent, int foldId, ModelConfig config) throws IOException {
        Path dir = modelFolder(parent, foldId);
        ModelConfig p = ModelConfig.load(dir);
        List<String> differences = new ArrayList<>();
        if (p.architecture() != config.architecture()) {
            differences.add("architecture " + p.architecture().id() + " (training " + config.architecture().id() + ")");
        }
        if (p.task() != config.task() || !p.classes().equals(config.classes())) {
            differences.add("classes " + p.classes() + " (training " + config.classes() + ")");
        }
        if (!Arrays.equals(p.patchZyx(), config.patchZyx())) {
            differences.add("patch " + Arrays.toString(p.patchZyx()) + " (training " + Arrays.toString(config.patchZyx()) + ")");
        }
        if (p.baseFilters() != config.baseFilters()) {
            differences.add(p.baseFilters() + " filters (training " + config.baseFilters() + "; set --filters)");
        }
        if (p.emrFeatures() != config.emrFeatures()) {
            differences.add(p.emrFeatures() + " EMR features (training " + config.emrFeatures() + ")");
        }
        if ((p.context() == null) != (config.context() == null)
                || p.context() != null && !p.context().text().equals(config.context().text())) {
            differences.add("context " + (p.context() == null ? "none" : p.context().text()) + " (training "
                    + (config.context() == null ? "none" : config.context().text()) + ")");
        }
        if (!differences.isEmpty()) {
            throw new InvalidInputException(dir, "cannot start from this model: its network differs: " + String.join("; ", differences));
        }
        Path weights = dir.resolve(p.weights() == null ? Network.WEIGHTS : p.weights());
        if (!Files.isRegularFile(weights)) {
            throw new InvalidInputException(dir, "has no weights (" + weights.getFileName() + ")");
        }
        return weights;
    }

    private static Path modelFolder(Path parent, int foldId) throws IOException {
        if (Files.isRegularFile(parent.resolve(ModelConfig.FILE))) {
            return parent;
        }
        Path same = parent.resolve("fold_" + foldId).resolve("model");
        if (Files.isRegularFile(same.resolve(ModelConfig.FILE))) {
            return same;
        }
        if (Files.isDirectory(parent)) {
            try (Stream<Path> folds = Files.list(parent)) {
                for (Path f : folds.filter(d -> d.getFileName().toString().startsWith("fold_")).sorted().toList()) {
                    if (Files.isRegularFile(f.resolve("model").resolve(ModelConfig.FILE))) {
                        return f.resolve("model");
                    }
                }
            }
        }
        throw new InvalidInputException(parent, "no model to start from (expected config.json, or fold_K/model folders of calcify train)");
    }
}
