package org.calcify.extract;

/**
 * A voxel to cut a patch around.
 *
 * @param scan  index of the scan in the job's scan list
 * @param z     slice in the scan's own grid
 * @param y     row
 * @param x     column
 * @param label class label (from a CSV or a label map; 0 when unknown)
 */
public record VoxelTarget(int scan, int z, int y, int x, long label) {
}
