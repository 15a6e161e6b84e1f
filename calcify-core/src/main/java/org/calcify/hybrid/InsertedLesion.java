package org.calcify.hybrid;

import org.calcify.score.ScoreTriple;

/**
 * The truth of one inserted calcification.
 *
 * @param id              1-based, in order of insertion
 * @param site            where it lies; its label is {@code site.label()}
 * @param shape           nodule or elongated
 * @param peakHu          the calcium's peak HU above the tissue before blur and partial volume
 * @param centreLps       centre of the model (mean of its blobs), LPS mm
 * @param centreZyx       the voxel (z, y, x) nearest to that centre
 * @param changedVoxels   voxels whose HU it changed (by at least 1 HU after rounding)
 * @param labelledVoxels  of those, the voxels at or above 130 HU that carry its label
 * @param maxHu           highest HU of its labelled voxels as written
 * @param scores          its Agatston, volume and mass scores by {@link org.calcify.score.CalciumScorer}
 *                        with default parameters on its labelled voxels alone (a label-5 lesion is scored
 *                        as if it were coronary, for its size; the scan's scores never count it)
 */
public record InsertedLesion(int id, LesionSite site, PlaqueShape shape, double peakHu, double[] centreLps, int[] centreZyx,
                             int changedVoxels, int labelledVoxels, int maxHu, ScoreTriple scores) {
    public InsertedLesion {
        centreLps = centreLps.clone();
        centreZyx = centreZyx.clone();
    }
}
