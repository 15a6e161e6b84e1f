package org.calcify.bench;

import java.util.Locale;
import org.calcify.detect.Detector;
import org.calcify.detect.ExclusionRecall;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;

/**
 * Recall of the detector's cheap candidate exclusions on phantom cases: {@code ExclusionRecallBench COUNT SEED}
 * generates COUNT full-size (512x512, 40-80 slices) phantom cases and prints, per case and in total, how many
 * true coronary calcium voxels stay candidates, and how many voxels above 130 HU the exclusions remove.
 */
public final class ExclusionRecallBench {
    /** Full-size cases of 40-80 slices, all else the phantom's realistic spread. */
    static final PhantomOptions OPTIONS = PhantomOptions.builder().sizeXy(512).slices(40, 80).build();

    private ExclusionRecallBench() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        ExclusionRecall sum = new ExclusionRecall(0, 0, 0, 0);
        for (int i = 0; i < count; i++) {
            PhantomCase c = CardiacPhantom.generate(OPTIONS, seed + i);
            ExclusionRecall r = ExclusionRecall.measure(Detector.defaultFinder(), 130, c.ct(), c.labels());
            System.out.printf(Locale.ROOT, "seed %d: coronary voxels %d, kept %d (recall %.4f); voxels >= 130 HU %d, candidates %d%n",
                    seed + i, r.coronaryVoxels(), r.keptCoronary(), r.recall(), r.aboveThreshold(), r.candidateVoxels());
            sum = sum.plus(r);
        }
        System.out.printf(Locale.ROOT, "total: coronary voxels %d, kept %d, recall %.4f; candidates %d of %d voxels >= 130 HU (%.1f%%)%n",
                sum.coronaryVoxels(), sum.keptCoronary(), sum.recall(), sum.candidateVoxels(), sum.aboveThreshold(),
                100.0 * sum.candidateVoxels() / sum.aboveThreshold());
    }
}
