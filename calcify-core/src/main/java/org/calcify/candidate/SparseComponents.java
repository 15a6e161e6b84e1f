package org.calcify.candidate;

import java.util.Arrays;

/**
 * Connected components of a set of voxels given as ascending flat (z, y, x) C-order indices.
 * For a sparse set (the usual case: calcium is a tiny part of a scan) neighbours are found by binary
 * search among the earlier voxels, so the cost depends on the number of voxels in the set, not on
 * the size of the volume; for a dense set (over 1/32 of the voxels it spans) an index map may be used
 * (4 bytes per voxel spanned: faster, when that memory is affordable).
 */
public final class SparseComponents {
    private SparseComponents() {
    }

    /** As {@link #label(int[], int, int, int[][], boolean)}, with the index map for dense sets. */
    public static int[] label(int[] voxels, int sizeX, int sizeY, int[][] offsets) {
        return label(voxels, sizeX, sizeY, offsets, true);
    }

    /**
     * @param voxels  ascending flat indices
     * @param offsets backward neighbour offsets (dz, dy, dx)
     * @param indexMap whether a dense set may use an index map over the voxels it spans
     * @return for each voxel its component, 0..n-1, numbered in order of first voxel
     */
    public static int[] label(int[] voxels, int sizeX, int sizeY, int[][] offsets, boolean indexMap) {
        int m = voxels.length;
        int[] parent = new int[m];
        int plane = sizeX * sizeY;
        int span = m == 0 ? 0 : voxels[m - 1] + 1;
        int[] position = null;
        if (indexMap && m > 0 && m >= span / 32) {
            position = new int[span];
            java.util.Arrays.fill(position, -1);
            for (int k = 0; k < m; k++) {
                position[voxels[k]] = k;
            }
        }
        for (int k = 0; k < m; k++) {
            parent[k] = k;
            int i = voxels[k];
            int z = i / plane;
            int rem = i - z * plane;
            int y = rem / sizeX;
            int x = rem - y * sizeX;
            for (int[] o : offsets) {
                int zz = z + o[0];
                int yy = y + o[1];
                int xx = x + o[2];
                if (zz < 0 || yy < 0 || xx < 0 || yy >= sizeY || xx >= sizeX) {
                    continue;
                }
                int target = (zz * sizeY + yy) * sizeX + xx;
                int j = position != null ? position[target] : Arrays.binarySearch(voxels, 0, k, target);
                if (j >= 0) {
                    DisjointSets.union(parent, k, j);
                }
            }
        }
        int[] label = new int[m];
        int[] remap = new int[m];
        Arrays.fill(remap, -1);
        int next = 0;
        for (int k = 0; k < m; k++) {
            int r = DisjointSets.find(parent, k);
            if (remap[r] < 0) {
                remap[r] = next++;
            }
            label[k] = remap[r];
        }
        return label;
    }
}
