package org.calcify.detect;

import org.calcify.score.CalciumLabel;

/**
 * One candidate of a detection with what became of it: the gate's verdict and measures ({@link GatedCandidate}, its
 * component in the scan's voxels) and, for a candidate that was classified, the class decided and the classifier's
 * mean probabilities over its sampled voxels (in {@link CalciumLabel#values()} order).
 *
 * @param gate          the gate's verdict
 * @param label         the class decided; null when never classified
 * @param probabilities the mean class probabilities; null when never classified
 */
public record CandidateVerdict(GatedCandidate gate, CalciumLabel label, double[] probabilities) {
}
