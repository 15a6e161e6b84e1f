package org.calcify.detect;

import org.calcify.candidate.CandidateFinder;
import org.calcify.volume.Volume;

/**
 * How much true calcium the cheap candidate exclusions keep: of the voxels a truth label map marks as
 * coronary calcium (1-4), the fraction that are still candidates; and how many candidate voxels are left
 * in all (the work the classifier must do).
 *
 * @param coronaryVoxels  true coronary calcium voxels
 * @param keptCoronary    of those, voxels that are candidates after the exclusions
 * @param candidateVoxels all candidate voxels after the exclusions
 * @param aboveThreshold  all voxels at or above the threshold (before the exclusions)
 */
public record ExclusionRecall(long coronaryVoxels, long keptCoronary, long candidateVoxels, long aboveThreshold) {

    public static ExclusionRecall measure(CandidateFinder finder, double thresholdHu, Volume ct, Volume truth) {
        int[] cand = finder.find(ct).labels().labels();
        long coronary = 0;
        long kept = 0;
        long candidates = 0;
        long above = 0;
        for (int i = 0; i < cand.length; i++) {
            int t = (int) truth.valueAt(i);
            boolean isCandidate = cand[i] != 0;
            if (t >= 1 && t <= 4) {
                coronary++;
                if (isCandidate) {
                    kept++;
                }
            }
            if (isCandidate) {
                candidates++;
            }
            if (ct.valueAt(i) >= thresholdHu) {
                above++;
            }
        }
        return new ExclusionRecall(coronary, kept, candidates, above);
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
