package org.calcify.candidate;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Connected components of a sparse binary mask, held sparsely: the foreground voxels' C-order indices
 * (ascending) and a component label for each, 1..count, numbered in order of first voxel exactly as
 * {@link ComponentLabeler} numbers them. Memory grows with the foreground (8 bytes a voxel, plus 4 bytes a
 * row of the grid), not with the grid: candidates above 130 HU are a few percent of a chest's voxels, where
 * a label per voxel would cost twice the scan's own int16 size.
 *
 * <p>Voxel {@code i} of the grid is {@code (z * sizeY + y) * sizeX + x}.
 */
public final class CandidateLabels {
    private final int[] index;
    private final int[] label;
    private final int size;
    /** Entry k of row r (= z * sizeY + y) lies in [rowStart[r], rowStart[r + 1]). */
    private final int[] rowStart;
    private final int count;
    private final int sizeZ;
    private final int sizeY;
    private final int sizeX;

    private CandidateLabels(int[] index, int[] label, int size, int[] rowStart, int count, int sizeZ, int sizeY, int sizeX) {
        this.index = index;
        this.label = label;
        this.size = size;
        this.rowStart = rowStart;
        this.count = count;
        this.sizeZ = sizeZ;
        this.sizeY = sizeY;
        this.sizeX = sizeX;
    }

    /**
     * Labels the components of {@code mask} ({@link SparseComponents}: union-find over the mask's voxels only),
     * numbered 1..n in order of first voxel.
     *
     * @param mask set bits are foreground voxels at C-order index (z * sizeY + y) * sizeX + x
     */
    public static CandidateLabels label(BitSet mask, int sizeZ, int sizeY, int sizeX, Connectivity connectivity) {
        long n = Math.multiplyExact(Math.multiplyExact((long) sizeZ, sizeY), sizeX);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid of " + n + " voxels is too large");
        }
        int rows = sizeZ * sizeY;
        int m = 0;
        for (int i = mask.nextSetBit(0); i >= 0 && i < n; i = mask.nextSetBit(i + 1)) {
            m++;
        }
        int[] index = new int[m];
        int[] rowStart = new int[rows + 1];
        int k = 0;
        for (int i = mask.nextSetBit(0); i >= 0 && i < n; i = mask.nextSetBit(i + 1)) {
            index[k++] = i;
            rowStart[i / sizeX + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        // no index map: for a noisy scan's candidates it would cost 4 bytes per voxel of the box
        int[] label = SparseComponents.label(index, sizeX, sizeY, connectivity.backwardOffsets(), false);
        int count = 0;
        for (k = 0; k < m; k++) {
            label[k]++;
            count = Math.max(count, label[k]);
        }
        return new CandidateLabels(index, label, m, rowStart, count, sizeZ, sizeY, sizeX);
    }

    /**
     * The labels of a grid given a label per voxel (0 = background, components 1..count): for tests and for
     * label maps made elsewhere.
     */
    public static CandidateLabels fromDense(int[] labels, int count, int sizeZ, int sizeY, int sizeX) {
        if ((long) sizeZ * sizeY * sizeX != labels.length) {
            throw new IllegalArgumentException("a " + sizeZ + "x" + sizeY + "x" + sizeX + " grid needs " + (long) sizeZ * sizeY * sizeX
                    + " labels, got " + labels.length);
        }
        int m = 0;
        for (int l : labels) {
            if (l < 0 || l > count) {
                throw new IllegalArgumentException("label " + l + " outside 0.." + count);
            }
            m += l != 0 ? 1 : 0;
        }
        int[] index = new int[m];
        int[] label = new int[m];
        int[] rowStart = new int[sizeZ * sizeY + 1];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                index[k] = i;
                label[k++] = labels[i];
                rowStart[i / sizeX + 1]++;
            }
        }
        for (int r = 0; r + 1 < rowStart.length; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        return new CandidateLabels(index, label, m, rowStart, count, sizeZ, sizeY, sizeX);
    }

    /** Components numbered 1..count. */
    public int count() {
        return count;
    }

    public int sizeZ() {
        return sizeZ;
    }

    public int sizeY() {
        return sizeY;
    }

    public int sizeX() {
        return sizeX;
    }

    /** Labelled voxels. */
    public int size() {
        return size;
    }

    /** The grid index of labelled voxel k (ascending in k). */
    public int index(int k) {
        return index[k];
    }

    /** The component of labelled voxel k, 1..count. */
    public int label(int k) {
        return label[k];
    }

    /** The label of grid voxel i, 0 when it is not labelled. */
    public int labelAt(int i) {
        int row = i / sizeX;
        int at = Arrays.binarySearch(index, rowStart[row], rowStart[row + 1], i);
        return at < 0 ? 0 : label[at];
    }

    /** The label of grid voxel (z, y, x), 0 when it is outside the grid or not labelled. */
    public int labelAt(int z, int y, int x) {
        if (z < 0 || y < 0 || x < 0 || z >= sizeZ || y >= sizeY || x >= sizeX) {
            return 0;
        }
        return labelAt((z * sizeY + y) * sizeX + x);
    }

    /**
     * The same voxels with labels mapped through {@code remap} (indexed by the old label); voxels mapped to 0
     * are dropped. This object is reused: do not read it afterwards.
     *
     * @param newCount the number of labels after the mapping
     */
    public CandidateLabels relabel(int[] remap, int newCount) {
        int[] rowCount = new int[rowStart.length];
        int kept = 0;
        int row = 0;
        for (int k = 0; k < size; k++) {
            int l = remap[label[k]];
            if (l != 0) {
                while (rowStart[row + 1] <= k) {
                    row++;
                }
                index[kept] = index[k];
                label[kept] = l;
                rowCount[row + 1]++;
                kept++;
            }
        }
        for (int r = 0; r + 1 < rowCount.length; r++) {
            rowCount[r + 1] += rowCount[r];
        }
        return new CandidateLabels(index, label, kept, rowCount, newCount, sizeZ, sizeY, sizeX);
    }

    /** A label per grid voxel (0 = background), as {@link ComponentLabeler} gives: for tests and small grids. */
    public int[] toDense() {
        int[] out = new int[sizeZ * sizeY * sizeX];
        for (int k = 0; k < size; k++) {
            out[index[k]] = label[k];
        }
        return out;
    }
}
