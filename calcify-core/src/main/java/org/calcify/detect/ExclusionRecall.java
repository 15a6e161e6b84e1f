package org.calcify.detect;

import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.candidate.Connectivity;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.Volume;

/**
 * How much true calcium the cheap candidate exclusions keep: of the voxels a truth label map marks as
 * coronary calcium (1-4) and that the scorer counts (at or above the threshold, in an in-slice
 * 8-connected lesion of at least the minimum area), the fraction that are still candidates; and how many
 * candidate voxels are left in all (the work the classifier must do).
 *
 * @param coronaryVoxels  true coronary calcium voxels that a score counts
 * @param keptCoronary    of those, voxels that are candidates after the exclusions
 * @param candidateVoxels all candidate voxels after the exclusions
 * @param aboveThreshold  all voxels at or above the threshold (before the exclusions)
 */
public record ExclusionRecall(long coronaryVoxels, long keptCoronary, long candidateVoxels, long aboveThreshold) {

    /** As {@link #measure(CandidateFinder, double, double, Volume, Volume)} with Agatston's minimum area, 1 mm². */
    public static ExclusionRecall measure(CandidateFinder finder, double thresholdHu, Volume ct, Volume truth) {
        return measure(finder, thresholdHu, 1.0, ct, truth);
    }

    public static ExclusionRecall measure(CandidateFinder finder, double thresholdHu, double minAreaMm2, Volume ct, Volume truth) {
        var cand = finder.find(ct).labels();
        boolean[] isCandidate = new boolean[ct.geometry().voxelCount()];
        for (int k = 0; k < cand.size(); k++) {
            isCandidate[cand.index(k)] = true;
        }
        return count(isCandidate, scoredCoronary(thresholdHu, minAreaMm2, ct, truth), thresholdHu, ct);
    }

    /**
     * As {@link #measure(CandidateFinder, double, Volume, Volume)} for the candidates a detector classifies
     * with the scan's anatomy: its finder in the heart region's box and the {@link HeartRegionGate}.
     */
    public static ExclusionRecall measure(Detector detector, double thresholdHu, Volume ct, Volume truth,
                                          org.calcify.anatomy.ThoraxAnatomy anatomy) {
        Detector.GatedCandidates gated = detector.gatedCandidates(ct, anatomy);
        boolean[] isCandidate = new boolean[ct.geometry().voxelCount()];
        int i = 0;
        for (int z = 0; z < ct.sizeZ(); z++) {
            for (int y = 0; y < ct.sizeY(); y++) {
                for (int x = 0; x < ct.sizeX(); x++, i++) {
                    isCandidate[i] = gated.isCandidate(z, y, x);
                }
            }
        }
        return count(isCandidate, scoredCoronary(thresholdHu, 1.0, ct, truth), thresholdHu, ct);
    }

    private static ExclusionRecall count(boolean[] isCandidate, boolean[] scored, double thresholdHu, Volume ct) {
        long coronary = 0;
        long kept = 0;
        long candidates = 0;
        long above = 0;
        for (int i = 0; i < isCandidate.length; i++) {
            if (scored[i]) {
                coronary++;
                if (isCandidate[i]) {
                    kept++;
                }
            }
            if (isCandidate[i]) {
                candidates++;
            }
            if (ct.valueAt(i) >= thresholdHu) {
                above++;
            }
        }
        return new ExclusionRecall(coronary, kept, candidates, above);
    }

    /** True coronary voxels at or above the threshold in in-slice lesions of at least the minimum area. */
    private static boolean[] scoredCoronary(double thresholdHu, double minAreaMm2, Volume ct, Volume truth) {
        var g = ct.geometry();
        int n = g.voxelCount();
        java.util.BitSet mask = new java.util.BitSet(n);
        for (int i = 0; i < n; i++) {
            double t = truth.valueAt(i);
            if (t >= CalciumLabel.LM.label() && t <= CalciumLabel.RCA.label() && ct.valueAt(i) >= thresholdHu) {
                mask.set(i);
            }
        }
        var lesions = ComponentLabeler.label(mask, g.sizeZ(), g.sizeY(), g.sizeX(), Connectivity.EIGHT);
        int[] l = lesions.labels();
        int[] size = new int[lesions.count() + 1];
        for (int c : l) {
            size[c]++;
        }
        double pixelMm2 = g.spacingX() * g.spacingY();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = l[i] != 0 && size[l[i]] * pixelMm2 >= minAreaMm2 - 1e-9;
        }
        return out;
    }

    /** Kept fraction of the true coronary voxels (1 when there are none). */
    public double recall() {
        return coronaryVoxels == 0 ? 1 : (double) keptCoronary / coronaryVoxels;
    }

    public ExclusionRecall plus(ExclusionRecall o) {
        return new ExclusionRecall(coronaryVoxels + o.coronaryVoxels, keptCoronary + o.keptCoronary,
                candidateVoxels + o.candidateVoxels, aboveThreshold + o.aboveThreshold);
    }
}
