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

    static CandidateClassifier load(String model) throws InvalidInputException {
        if ("baseline".equalsIgnoreCase(model)) {
            return new ThresholdBaseline();
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
