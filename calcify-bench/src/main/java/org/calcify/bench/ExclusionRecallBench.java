package org.calcify.bench;

import java.util.Locale;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.anatomy.ThoraxSegmenter;
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
        // the heart-region gate alone (significance 0), and with the default noise gate
        Detector region = new Detector(Detector.defaultFinder(), null, 1, new org.calcify.detect.NoiseGate(0, 0, org.calcify.detect.NoiseGate.Background.BLOOD_POOL));
        Detector gated = new Detector(Detector.defaultFinder(), null, 1);
        ExclusionRecall sum = new ExclusionRecall(0, 0, 0, 0);
        ExclusionRecall sumRegion = sum;
        ExclusionRecall sumGated = sum;
        for (int i = 0; i < count; i++) {
            PhantomCase c = CardiacPhantom.generate(OPTIONS, seed + i);
            ExclusionRecall r = ExclusionRecall.measure(Detector.defaultFinder(), 130, c.ct(), c.labels());
            ThoraxAnatomy anatomy = ThoraxSegmenter.segment(c.ct());
            ExclusionRecall rr = ExclusionRecall.measure(region, 130, c.ct(), c.labels(), anatomy);
            ExclusionRecall rg = ExclusionRecall.measure(gated, 130, c.ct(), c.labels(), anatomy);
            System.out.printf(Locale.ROOT, "seed %d: coronary voxels %d; finder kept %d (recall %.4f), heart region %d (%.4f),"
                            + " region and noise gate %d (%.4f); voxels >= 130 HU %d, candidates %d / %d / %d%n",
                    seed + i, r.coronaryVoxels(), r.keptCoronary(), r.recall(), rr.keptCoronary(), rr.recall(), rg.keptCoronary(),
                    rg.recall(), r.aboveThreshold(), r.candidateVoxels(), rr.candidateVoxels(), rg.candidateVoxels());
            sum = sum.plus(r);
            sumRegion = sumRegion.plus(rr);
            sumGated = sumGated.plus(rg);
        }
        System.out.printf(Locale.ROOT, "total: coronary voxels %d, kept %d, recall %.4f; candidates %d of %d voxels >= 130 HU (%.1f%%)%n",
                sum.coronaryVoxels(), sum.keptCoronary(), sum.recall(), sum.candidateVoxels(), sum.aboveThreshold(),
                100.0 * sum.candidateVoxels() / sum.aboveThreshold());
        System.out.printf(Locale.ROOT, "heart region: kept %d, recall %.4f; candidates %d (%.1f%%)%n", sumRegion.keptCoronary(),
                sumRegion.recall(), sumRegion.candidateVoxels(), 100.0 * sumRegion.candidateVoxels() / sum.aboveThreshold());
        System.out.printf(Locale.ROOT, "heart region and noise gate: kept %d, recall %.4f; candidates %d (%.1f%%)%n",
                sumGated.keptCoronary(), sumGated.recall(), sumGated.candidateVoxels(),
                100.0 * sumGated.candidateVoxels() / sum.aboveThreshold());
    }
}
