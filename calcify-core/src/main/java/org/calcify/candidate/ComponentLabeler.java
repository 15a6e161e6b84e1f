package org.calcify.candidate;

import java.util.BitSet;

/**
 * Labels the connected components of a binary mask over a (z, y, x) grid in one C-order pass with
 * union-find, then renumbers them 1..n in order of first voxel. Background is 0.
 */
public final class ComponentLabeler {
    private ComponentLabeler() {
    }

    /** Result: a label per voxel (0 = background) and the number of components. */
    public record Labels(int[] labels, int count, int sizeZ, int sizeY, int sizeX) {
    }

    /**
     * @param mask set bits are foreground voxels, at C-order index (z * sizeY + y) * sizeX + x
     */
    public static Labels label(BitSet mask, int sizeZ, int sizeY, int sizeX, Connectivity connectivity) {
        int n = sizeZ * sizeY * sizeX;
        int[] labels = new int[n];
        int[] parent = new int[64];
        int next = 1;
        int[][] offsets = connectivity.backwardOffsets();
        int plane = sizeY * sizeX;
        for (int i = mask.nextSetBit(0); i >= 0 && i < n; i = mask.nextSetBit(i + 1)) {
            int z = i / plane;
            int rem = i - z * plane;
            int y = rem / sizeX;
            int x = rem - y * sizeX;
            int current = 0;
            for (int[] o : offsets) {
                int zz = z + o[0];
                int yy = y + o[1];
                int xx = x + o[2];
                if (zz < 0 || yy < 0 || xx < 0 || yy >= sizeY || xx >= sizeX) {
                    continue;
                }
                int nb = labels[(zz * sizeY + yy) * sizeX + xx];
                if (nb == 0) {
                    continue;
                }
                if (current == 0) {
                    current = DisjointSets.find(parent, nb);
                } else {
                    current = DisjointSets.union(parent, current, nb);
                }
            }
            if (current == 0) {
                if (next == parent.length) {
                    parent = java.util.Arrays.copyOf(parent, parent.length * 2);
                }
                parent[next] = next;
                current = next++;
            }
            labels[i] = current;
        }
        // flatten and renumber in order of first appearance
        int[] remap = DisjointSets.renumber(parent, next);
        int count = remap[0];
        for (int i = mask.nextSetBit(0); i >= 0 && i < n; i = mask.nextSetBit(i + 1)) {
            labels[i] = remap[labels[i]];
        }
        return new Labels(labels, count, sizeZ, sizeY, sizeX);
    }
}
