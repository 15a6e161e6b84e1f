package org.calcify.spark;

import java.io.Serializable;
import org.calcify.app.detect.DetectionOptions;
import org.calcify.detect.NoiseGate;

/**
 * The detection settings a task receives (the serializable part of {@link DetectionOptions}: a task detects one
 * scan, so its own threads are always 1; Spark runs the tasks in parallel), and with {@code --dicom-out} Calcify's
 * version for the SEG and SR ({@code dicomOutVersion}; null without).
 */
record DetectSettings(int voxelsPerLesion, boolean allowContrast, boolean allowSharpKernel, boolean writeAnatomy, boolean writeCandidates, double minSignificance,
                      double minNoiseExcess, NoiseGate.Background noiseBackground, double minSmoothedRise, NoiseGate.VoxelCount noiseVoxels,
                      String dicomOutVersion) implements Serializable {

    /** Checked settings ({@link IllegalArgumentException} naming the bad one). */
    DetectionOptions options() {
        return DetectionOptions.builder().threads(1).voxelsPerLesion(voxelsPerLesion).allowContrast(allowContrast)
                .allowSharpKernel(allowSharpKernel).writeAnatomy(writeAnatomy).writeCandidates(writeCandidates).minSignificance(minSignificance)
                .minNoiseExcess(minNoiseExcess).noiseBackground(noiseBackground).minSmoothedRise(minSmoothedRise).noiseVoxels(noiseVoxels).build();
    }
}
