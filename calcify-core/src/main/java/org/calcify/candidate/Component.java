package org.calcify.candidate;

/**
 * Statistics of one connected component of above-threshold voxels.
 *
 * @param id          1-based component number (order of first voxel in C order)
 * @param voxels      number of voxels
 * @param volumeMm3   voxels x voxel volume
 * @param peakHu      highest value
 * @param meanHu      mean value
 * @param centroidZyx centroid in voxel indices (z, y, x)
 * @param peakZyx     the voxel holding the peak value (first in C order on ties) (z, y, x)
 * @param boxMinZyx   inclusive lower corner of the bounding box (z, y, x)
 * @param boxMaxZyx   inclusive upper corner of the bounding box (z, y, x)
 */
public record Component(int id, int voxels, double volumeMm3, double peakHu, double meanHu,
                        double[] centroidZyx, int[] peakZyx, int[] boxMinZyx, int[] boxMaxZyx) {
}
