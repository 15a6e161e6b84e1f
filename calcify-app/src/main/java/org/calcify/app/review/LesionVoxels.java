package org.calcify.app.review;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * The voxels of review lesions: 26-connected components grown over a sparse set of voxels, so that the cost follows the
 * calcium, not the grid (a 512×512×250 scan has 65 million voxels and a few thousand labelled ones).
 */
final class LesionVoxels {
    private LesionVoxels() {
    }

    /** The 26-connected components of the non-zero voxels of {@code labels}, in C order of their first voxel. */
    static List<int[]> componentsOf(byte[] labels, Geometry g) {
        BitSet labelled = new BitSet(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                labelled.set(i);
            }
        }
        List<int[]> out = new ArrayList<>();
        BitSet seen = new BitSet(labels.length);
        for (int i = labelled.nextSetBit(0); i >= 0; i = labelled.nextSetBit(i + 1)) {
            if (!seen.get(i)) {
                out.add(grow(i, g, labelled::get, seen, Integer.MAX_VALUE));
            }
        }
        return out;
    }

    /**
     * The component of {@code seed} over voxels where {@code inside} holds, 26-connected, sorted; null when it has more
     * than {@code maxVoxels} voxels (growing stops there).
     */
    static int[] grow(int seed, Geometry g, IntPredicate inside, BitSet seen, int maxVoxels) {
        int sx = g.sizeX();
        int sy = g.sizeY();
        int sz = g.sizeZ();
        int plane = sx * sy;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] found = new int[16];
        int n = 0;
        queue.add(seed);
        seen.set(seed);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = i;
            if (n > maxVoxels) {
                return null;
            }
            int z = i / plane;
            int y = (i - z * plane) / sx;
            int x = i - z * plane - y * sx;
            for (int dz = -1; dz <= 1; dz++) {
                int zz = z + dz;
                if (zz < 0 || zz >= sz) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= sy) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= sx) {
                            continue;
                        }
                        int j = zz * plane + yy * sx + xx;
                        if (!seen.get(j) && inside.test(j)) {
                            seen.set(j);
                            queue.add(j);
                        }
                    }
                }
            }
        }
        int[] out = Arrays.copyOf(found, n);
        Arrays.sort(out);
        return out;
    }

    /** The most frequent label among {@code voxels} (ties: the lower label). */
    static int majority(byte[] labels, int[] voxels) {
        int[] count = new int[256];
        for (int i : voxels) {
            count[labels[i] & 0xFF]++;
        }
        int best = 1;
        for (int l = 1; l < count.length; l++) {
            if (count[l] > count[best]) {
                best = l;
            }
        }
        return best;
    }

    /** Statistics of one lesion's voxels as candidate components have them. */
    static org.calcify.candidate.Component statistics(int id, int[] voxels, Volume ct) {
        Geometry g = ct.geometry();
        int sx = g.sizeX();
        int plane = sx * g.sizeY();
        double sum = 0;
        double peak = Double.NEGATIVE_INFINITY;
        int peakAt = voxels[0];
        double[] c = new double[3];
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {-1, -1, -1};
        for (int i : voxels) {
            int[] zyx = {i / plane, (i % plane) / sx, i % sx};
            double v = ct.valueAt(i);
            sum += v;
            if (v > peak) {
                peak = v;
                peakAt = i;
            }
            for (int a = 0; a < 3; a++) {
                c[a] += zyx[a];
                min[a] = Math.min(min[a], zyx[a]);
                max[a] = Math.max(max[a], zyx[a]);
            }
        }
        int n = voxels.length;
        return new org.calcify.candidate.Component(id, n, n * g.spacingX() * g.spacingY() * g.spacingZ(), peak, sum / n,
                new double[] {c[0] / n, c[1] / n, c[2] / n}, new int[] {peakAt / plane, (peakAt % plane) / sx, peakAt % sx}, min, max);
    }

    /** Lesion id of every lesion voxel (sparse: only the calcium). */
    static void index(Map<Integer, Integer> lesionOf, int id, int[] voxels) {
        for (int i : voxels) {
            lesionOf.put(i, id);
        }
    }
}
