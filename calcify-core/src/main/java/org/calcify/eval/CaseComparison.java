package org.calcify.eval;

import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;

/**
 * Lesion- and voxel-level comparison of a predicted and a true scoring of the same scan.
 * Index 0 of the arrays is the whole scan (any coronary label), 1-4 the arteries LM, LAD, LCX, RCA.
 *
 * <p>A true lesion is found when any of its voxels is a predicted calcium voxel (for an artery:
 * predicted with that artery's label); a predicted lesion is a false positive when none of its
 * voxels is a true calcium voxel (for an artery: of that artery). A lesion belongs to the artery
 * holding most of its voxels. Calcium voxels are the scored voxels: coronary label, at or above
 * the threshold, in an in-slice component of at least the minimum area.
 *
 * @param lesions lesion counts, [0] whole scan, [1..4] arteries
 * @param voxels  voxel counts, [0] whole scan, [1..4] arteries
 */
public record CaseComparison(DetectionCounts[] lesions, DetectionCounts[] voxels) {

    /** Compares two scorings of scans on the same grid. */
    public static CaseComparison of(CalciumScore truth, CalciumScore predicted) {
        int[] tv = truth.scoredVoxels();
        int[] pv = predicted.scoredVoxels();
        byte[] tl = truth.scoredLabels();
        byte[] pl = predicted.scoredLabels();
        int[] tLes = truth.scoredLesions();
        int[] pLes = predicted.scoredLesions();
        int nt = truth.lesions().size();
        int np = predicted.lesions().size();
        boolean[] tFoundAny = new boolean[nt];
        boolean[] tFoundSame = new boolean[nt];
        boolean[] pHitAny = new boolean[np];
        boolean[] pHitSame = new boolean[np];
        long[] tCount = new long[5];
        long[] pCount = new long[5];
        long[] both = new long[5];
        for (byte l : tl) {
            tCount[l]++;
        }
        for (byte l : pl) {
            pCount[l]++;
        }
        tCount[0] = tv.length;
        pCount[0] = pv.length;
        int a = 0;
        int b = 0;
        while (a < tv.length && b < pv.length) {
            if (tv[a] < pv[b]) {
                a++;
            } else if (tv[a] > pv[b]) {
                b++;
            } else {
                both[0]++;
                tFoundAny[tLes[a]] = true;
                pHitAny[pLes[b]] = true;
                if (tl[a] == pl[b]) {
                    both[tl[a]]++;
                    tFoundSame[tLes[a]] = true;
                    pHitSame[pLes[b]] = true;
                }
                a++;
                b++;
            }
        }
        DetectionCounts[] voxels = new DetectionCounts[5];
        for (int k = 0; k < 5; k++) {
            voxels[k] = new DetectionCounts(both[k], tCount[k] - both[k], pCount[k] - both[k], both[k]);
        }
        long[][] les = new long[5][4]; // tp, fn, fp, predicted tp
        for (int i = 0; i < nt; i++) {
            int art = truth.lesions().get(i).artery().label();
            les[0][tFoundAny[i] ? 0 : 1]++;
            les[art][tFoundSame[i] ? 0 : 1]++;
        }
        for (int i = 0; i < np; i++) {
            int art = predicted.lesions().get(i).artery().label();
            les[0][pHitAny[i] ? 3 : 2]++;
            les[art][pHitSame[i] ? 3 : 2]++;
        }
        DetectionCounts[] lesions = new DetectionCounts[5];
        for (int k = 0; k < 5; k++) {
            lesions[k] = new DetectionCounts(les[k][0], les[k][1], les[k][2], les[k][3]);
        }
        return new CaseComparison(lesions, voxels);
    }

    /** Index of {@code artery} in the arrays (0 for the whole scan when null). */
    static int index(Artery artery) {
        return artery == null ? 0 : artery.label();
    }
}
