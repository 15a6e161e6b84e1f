package org.calcify.cli;

import org.calcify.app.failure.UsageException;
import org.calcify.candidate.Connectivity;
import org.calcify.score.ArterySplit;
import org.calcify.score.ScoringParameters;
import picocli.CommandLine.Option;

/** The scoring choices shared by {@code calcify score} and {@code calcify evaluate} (a picocli mixin). */
final class ScoringOptions {
    @Option(names = "--threshold", paramLabel = "HU", defaultValue = "130",
            description = "Calcium threshold in HU (default: ${DEFAULT-VALUE}).")
    int thresholdHu;

    @Option(names = "--connectivity-2d", paramLabel = "4|8", defaultValue = "8",
            description = "In-slice connectivity of Agatston components (default: ${DEFAULT-VALUE}).")
    int connectivity2d;

    @Option(names = "--connectivity-3d", paramLabel = "6|26", defaultValue = "26",
            description = "Connectivity of 3D lesions (default: ${DEFAULT-VALUE}).")
    int connectivity3d;

    @Option(names = "--min-area", paramLabel = "MM2", defaultValue = "1.0",
            description = "Drop in-slice components smaller than this area in mm² (default: ${DEFAULT-VALUE}).")
    double minAreaMm2;

    @Option(names = "--thickness-normalisation", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Multiply the Agatston score by slice spacing / reference thickness (default: on).")
    boolean normaliseThickness;

    @Option(names = "--reference-thickness", paramLabel = "MM", defaultValue = "3.0",
            description = "Slice thickness the Agatston definition is for (default: ${DEFAULT-VALUE}).")
    double referenceThicknessMm;

    @Option(names = "--artery-split", paramLabel = "MODE", defaultValue = "majority",
            description = "A component spanning two arteries: majority (all to the artery with most voxels) "
                    + "or proportional (each artery its own voxels) (default: ${DEFAULT-VALUE}).")
    String arterySplit;

    @Option(names = "--mass-factor", paramLabel = "MG_PER_MM3_HU", defaultValue = "0.001",
            description = "Mass calibration factor in mg/(mm³·HU) (default: ${DEFAULT-VALUE}; calibrate per scanner).")
    double massFactor;

    ScoringParameters parameters() {
        if (connectivity2d != 4 && connectivity2d != 8) {
            throw new UsageException("--connectivity-2d must be 4 or 8, got " + connectivity2d);
        }
        if (connectivity3d != 6 && connectivity3d != 26) {
            throw new UsageException("--connectivity-3d must be 6 or 26, got " + connectivity3d);
        }
        ArterySplit split;
        try {
            split = ArterySplit.valueOf(arterySplit.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--artery-split must be majority or proportional, got '" + arterySplit + "'");
        }
        return UsageException.fromOptions(() -> new ScoringParameters(thresholdHu, Connectivity.of(connectivity2d), Connectivity.of(connectivity3d),
                minAreaMm2, normaliseThickness, referenceThicknessMm, split, massFactor));
    }
}
