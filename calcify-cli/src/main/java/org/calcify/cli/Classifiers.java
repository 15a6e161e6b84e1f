package org.calcify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.detect.CandidateClassifier;
import org.calcify.detect.ThresholdBaseline;
import org.calcify.io.InvalidInputException;

/** Turns {@code --model} into a candidate classifier. */
final class Classifiers {
    private Classifiers() {
    }

    /** The name of the model that ships with Calcify, and the {@code --model} default. */
    static final String DEFAULT = "default";

    static CandidateClassifier load(String model) throws InvalidInputException {
        if ("baseline".equalsIgnoreCase(model)) {
            return new ThresholdBaseline();
        }
        if (model == null || DEFAULT.equalsIgnoreCase(model)) {
            try {
                Path dir = org.calcify.nn.BundledModel.defaultModel().orElseThrow(() -> new InvalidInputException(Path.of(DEFAULT),
                        "this build carries no default model: train one (calcify train) and pass --model DIR"));
                return org.calcify.nn.NetworkClassifier.load(dir);
            } catch (InvalidInputException e) {
                throw e;
            } catch (java.io.IOException e) {
                throw new InvalidInputException(Path.of(DEFAULT), "cannot load the default model: " + e.getMessage(), e);
            }
        }
        Path dir = Path.of(model);
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "no such model folder (train one with 'calcify train', or use --model baseline)");
        }
        try {
            return org.calcify.nn.NetworkClassifier.load(dir);
        } catch (java.io.IOException e) {
            if (e instanceof InvalidInputException bad) {
                throw bad;
            }
            throw new InvalidInputException(dir, "cannot load the model: " + e.getMessage(), e);
        }
    }
}
