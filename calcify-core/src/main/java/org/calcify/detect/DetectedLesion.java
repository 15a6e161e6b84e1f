package org.calcify.detect;

import org.calcify.candidate.Component;
import org.calcify.score.CalciumLabel;

/**
 * A candidate component and what the classifier made of it.
 *
 * @param component   the 3D component of above-threshold voxels (statistics, bounding box)
 * @param label       its class
 * @param probability the mean probability of that class over the component's classified voxels
 */
public record DetectedLesion(Component component, CalciumLabel label, double probability) {
}
