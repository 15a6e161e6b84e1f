package org.calcify.extract;

/**
 * A voxel to cut a patch around.
 *
 * @param scan  index of the scan in the job's scan list
 * @param z     slice in the scan's own grid
 * @param y     row
 * @param x     column
 * @param label class label (from a CSV or a label map; 0 when unknown)
 * @param group what the voxel belongs to for lesion-balanced sampling (a candidate component of a scan), -1 for none
 */
public record VoxelTarget(int scan, int z, int y, int x, long label, long group) {

    /** A voxel that belongs to no group. */
    public VoxelTarget(int scan, int z, int y, int x, long label) {
        this(scan, z, y, x, label, -1);
    }
}
