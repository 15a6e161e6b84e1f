package org.calcify.detect;

import java.util.List;
import java.util.Map;
import org.calcify.volume.SparseLabelMap;

/**
 * The result of {@link Detector#detect}: the label map (0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium) on
 * the scan's grid, held sparsely (its labelled voxels only), every classified candidate component, the time of each stage in milliseconds, how many
 * candidates were found around the heart region (in the box searched) but outside it, and never classified, and every
 * candidate found with what the gate and the classifier made of it ({@link CandidateVerdict}; empty where not known,
 * as for a detection read back from a review).
 */
public record Detection(SparseLabelMap labels, List<DetectedLesion> lesions, Map<String, Double> stageMillis, int outsideHeartRegion,
                        List<CandidateVerdict> candidates) {

    /** A detection without the candidates' verdicts. */
    public Detection(SparseLabelMap labels, List<DetectedLesion> lesions, Map<String, Double> stageMillis, int outsideHeartRegion) {
        this(labels, lesions, stageMillis, outsideHeartRegion, List.of());
    }
}
