package org.calcify.nn.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.detect.CandidateClassifier;
import org.calcify.detect.ThresholdBaseline;
import org.calcify.io.InvalidInputException;

/**
 * Turns a model choice ({@code --model} of {@code calcify detect} and {@code calcify cohort detect}) into a candidate
 * classifier: a trained model folder, {@code default} (the model that ships with Calcify) or {@code baseline}. Every
 * front end builds its classifier here, so that they all detect with the same one.
 */
public final class Classifiers {
    private Classifiers() {
    }

    /** The name of the model that ships with Calcify, and the {@code --model} default. */
    public static final String DEFAULT = "default";

    public static CandidateClassifier load(String model) throws InvalidInputException {
        if ("baseline".equalsIgnoreCase(model)) {
            return new ThresholdBaseline();
        }
        if (model == null || DEFAULT.equalsIgnoreCase(model)) {
            try {
                Path dir = org.calcify.nn.model.BundledModel.defaultModel().orElseThrow(() -> new InvalidInputException(Path.of(DEFAULT),
                        "this build carries no default model: train one (calcify train) and pass --model DIR"));
                return new Default(NetworkClassifier.load(dir));
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
            return NetworkClassifier.load(dir);
        } catch (java.io.IOException e) {
            if (e instanceof InvalidInputException bad) {
                throw bad;
            }
            throw new InvalidInputException(dir, "cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The default model, described as what it is rather than by its cache folder. */
    private record Default(NetworkClassifier net) implements CandidateClassifier {
        @Override
        public float[][] classify(org.calcify.volume.Volume ct, int[][] voxels, double[] emr) throws java.io.IOException {
            return net.classify(ct, voxels, emr);
        }

        @Override
        public float[][] classify(org.calcify.volume.Volume ct, int[][] voxels, double[] emr, org.calcify.anatomy.ThoraxAnatomy anatomy)
                throws java.io.IOException {
            return net.classify(ct, voxels, emr, anatomy);
        }

        @Override
        public void checkScan(org.calcify.volume.Volume ct) {
            net.checkScan(ct);
        }

        @Override
        public String describe() {
            String d = net.describe();
            int from = d.lastIndexOf(", from ");
            return "Calcify's default model (" + (from < 0 ? d : d.substring(0, from))
                    + "; trained on synthetic phantom and hybrid cases, provenance in docs/models.md)";
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
