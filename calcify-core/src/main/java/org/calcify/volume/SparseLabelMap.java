package org.calcify.volume;

import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A uint8 label map held as its labelled voxels only: their flat (z, y, x) C-order indices on a grid, ascending,
 * and a label 1..255 for each. A detection labels a few thousand voxels of a scan of tens of millions, so this
 * costs 5 bytes per labelled voxel where a dense map costs a byte per voxel of the scan. Immutable.
 */
public final class SparseLabelMap {
    private final Geometry geometry;
    private final int[] indices;
    private final byte[] labels;

    private SparseLabelMap(Geometry geometry, int[] indices, byte[] labels) {
        this.geometry = geometry;
        this.indices = indices;
        this.labels = labels;
    }

    /**
     * @param indices flat indices on {@code geometry}, strictly ascending (the array is kept, not copied)
     * @param labels  the label of each, 1..255 (kept, not copied)
     */
    public static SparseLabelMap of(Geometry geometry, int[] indices, byte[] labels) {
        if (indices.length != labels.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + labels.length + " labels");
        }
        int n = geometry.voxelCount();
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= n || (k > 0 && indices[k] <= indices[k - 1])) {
                throw new IllegalArgumentException("index " + indices[k] + " at " + k + " is outside the grid or not ascending");
            }
            if (labels[k] == 0) {
                throw new IllegalArgumentException("label 0 at index " + indices[k] + ": only labelled voxels are held");
            }
        }
        return new SparseLabelMap(geometry, indices, labels);
    }

    /** An empty map on {@code geometry}. */
    public static SparseLabelMap empty(Geometry geometry) {
        return new SparseLabelMap(geometry, new int[0], new byte[0]);
    }

    /** The non-zero voxels of a uint8 volume. */
    public static SparseLabelMap of(Volume uint8) {
        byte[] b = uint8.bytes();
        int n = 0;
        for (byte v : b) {
            n += v != 0 ? 1 : 0;
        }
        int[] idx = new int[n];
        byte[] lab = new byte[n];
        int k = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) {
                idx[k] = i;
                lab[k++] = b[i];
            }
        }
        return new SparseLabelMap(uint8.geometry(), idx, lab);
    }

    public Geometry geometry() {
        return geometry;
    }

    /** How many voxels are labelled. */
    public int size() {
        return indices.length;
    }

    /** The flat index of labelled voxel {@code k} (ascending in k). */
    public int index(int k) {
        return indices[k];
    }

    /** The label (1..255) of labelled voxel {@code k}. */
    public int label(int k) {
        return labels[k] & 0xFF;
    }

    /** The label of voxel (z, y, x), 0 where none (and outside the grid). */
    public int labelAt(int z, int y, int x) {
        if (!geometry.contains(z, y, x)) {
            return 0;
        }
        int k = Arrays.binarySearch(indices, (z * geometry.sizeY() + y) * geometry.sizeX() + x);
        return k >= 0 ? labels[k] & 0xFF : 0;
    }

    /** The labels that occur, ascending. */
    public SortedSet<Integer> labelsPresent() {
        boolean[] seen = new boolean[256];
        for (byte b : labels) {
            seen[b & 0xFF] = true;
        }
        SortedSet<Integer> out = new TreeSet<>();
        for (int l = 1; l < 256; l++) {
            if (seen[l]) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Writes axial slice {@code z} (ny x nx, C order) into {@code plane}: its labelled voxels, 0 elsewhere
     * (the whole plane is written).
     */
    public void slice(int z, byte[] plane) {
        int sliceVoxels = geometry.sizeY() * geometry.sizeX();
        Arrays.fill(plane, 0, sliceVoxels, (byte) 0);
        int from = lowerBound((long) z * sliceVoxels);
        long end = (long) (z + 1) * sliceVoxels;
        for (int k = from; k < indices.length && indices[k] < end; k++) {
            plane[indices[k] - z * sliceVoxels] = labels[k];
        }
    }

    /**
     * A dense uint8 copy of the box at {@code minZyx} of {@code sizeZyx} voxels, clipped to the grid as
     * {@link Volume#crop} clips it. Costs the box, not the grid.
     */
    public Volume crop(int[] minZyx, int[] sizeZyx) {
        Geometry g = Volume.cropGeometry(geometry, minZyx, sizeZyx);
        int z0 = Math.max(0, minZyx[0]);
        int y0 = Math.max(0, minZyx[1]);
        int x0 = Math.max(0, minZyx[2]);
        int bz = g.sizeZ();
        int by = g.sizeY();
        int bx = g.sizeX();
        byte[] out = new byte[bz * by * bx];
        int nx = geometry.sizeX();
        int plane = geometry.sizeY() * nx;
        for (int z = 0; z < bz; z++) {
            for (int y = 0; y < by; y++) {
                long row = (long) (z0 + z) * plane + (long) (y0 + y) * nx;
                for (int k = lowerBound(row + x0); k < indices.length && indices[k] < row + x0 + bx; k++) {
                    out[(z * by + y) * bx + (int) (indices[k] - row - x0)] = labels[k];
                }
            }
        }
        return Volume.ofBytes(g, out);
    }

    /** The dense map: a byte per voxel of the grid. */
    public Volume toVolume() {
        byte[] out = new byte[geometry.voxelCount()];
        for (int k = 0; k < indices.length; k++) {
            out[indices[k]] = labels[k];
        }
        return Volume.ofBytes(geometry, out);
    }

    /** The first k with indices[k] >= i. */
    private int lowerBound(long i) {
        int lo = 0;
        int hi = indices.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (indices[mid] < i) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
