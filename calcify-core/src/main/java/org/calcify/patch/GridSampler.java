package org.calcify.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Patch centres on a regular grid over a (z, y, x) volume, TorchIO's {@code GridSampler} in spirit:
 * centres start at 0 and step by the stride along each axis, and the last centre of each axis is
 * placed on the last voxel so that the whole volume is covered when stride &le; patch size.
 */
public final class GridSampler {
    private GridSampler() {
    }

    /**
     * @param size   volume size (z, y, x)
     * @param stride steps (z, y, x), each &ge; 1
     * @return centres as (z, y, x) triples
     */
    public static List<int[]> centres(int[] size, int[] stride) {
        for (int a = 0; a < 3; a++) {
            if (stride[a] < 1) {
                throw new IllegalArgumentException("stride must be >= 1 along every axis");
            }
        }
        int[][] axes = new int[3][];
        for (int a = 0; a < 3; a++) {
            axes[a] = axis(size[a], stride[a]);
        }
        List<int[]> out = new ArrayList<>(axes[0].length * axes[1].length * axes[2].length);
        for (int z : axes[0]) {
            for (int y : axes[1]) {
                for (int x : axes[2]) {
                    out.add(new int[] {z, y, x});
                }
            }
        }
        return out;
    }

    static int[] axis(int size, int stride) {
        int n = (size - 1) / stride + 1;
        boolean addLast = (n - 1) * stride != size - 1;
        int[] c = new int[n + (addLast ? 1 : 0)];
        for (int i = 0; i < n; i++) {
            c[i] = i * stride;
        }
        if (addLast) {
            c[n] = size - 1;
        }
        return c;
    }
}
