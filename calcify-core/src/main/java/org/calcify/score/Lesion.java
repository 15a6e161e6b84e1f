package org.calcify.score;

/**
 * One calcified lesion: a 3D connected component of the scored voxels.
 *
 * @param id             1-based, in order of the lesion's first voxel in (z, y, x) C order
 * @param artery         the artery holding most of its voxels (ties: the lower label)
 * @param voxels         number of voxels
 * @param scores         the lesion's share of the scan's scores (Agatston: each voxel contributes
 *                       its pixel area times the weight of its in-slice component)
 * @param peakHu         highest HU
 * @param meanHu         mean HU
 * @param centroidZyx    centroid in voxel indices (z, y, x)
 * @param centroidLpsMm  centroid in patient coordinates LPS, mm
 */
public record Lesion(int id, Artery artery, int voxels, ScoreTriple scores, int peakHu, double meanHu,
                     double[] centroidZyx, double[] centroidLpsMm) {
}
