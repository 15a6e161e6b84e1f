package org.calcify.anatomy;

import java.util.stream.IntStream;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.PatientOrder;
import org.calcify.volume.Volume;

/**
 * A scan seen on a coarse axial working grid in patient order: index z runs inferior to superior,
 * y anterior to posterior and x from the patient's right to left (the LPS axes), whatever the
 * scan's own axis order and flips ({@link PatientOrder}); voxels are binned (averaged) to about {@value #TARGET_PIXEL_MM} mm
 * in-plane and {@value #TARGET_SLICE_MM} mm along z, so that whole-chest morphology runs in
 * milliseconds. Each scan axis is mapped to the patient axis it is closest to (a tilted or oblique
 * scan is treated as the nearest axial one). Values below −1024 HU (scanner padding outside the
 * reconstruction circle) count as air.
 */
public final class CoarseAxialGrid {
    /** Values below this (scanner padding: −1500, −2048, −3024 ...) count as air. */
    static final double AIR_HU = -1024;
    static final double TARGET_PIXEL_MM = 2.2;
    static final double TARGET_SLICE_MM = 3;

    private final int nz;
    private final int ny;
    private final int nx;
    private final double[] spacingZyxMm;
    /** For canonical axis c (0 = z, 1 = y, 2 = x): the scan's index axis (0 = x, 1 = y, 2 = z). */
    private final int[] scanAxis;
    /** For canonical axis c: true when the scan's index runs against the patient axis. */
    private final boolean[] flipped;
    /** For canonical axis c: how many scan voxels one coarse voxel holds along it. */
    private final int[] bin;
    private final int[] scanSize; // scan sizes along x, y, z
    private final double[] scanSpacing; // scan spacing along x, y, z
    private final float[] hu;
    /** Shares of the coarse flat index per scan index along x, y and z ({@link #termsOfScanAxis}). */
    private final int[] termOfScanX;
    private final int[] termOfScanY;
    private final int[] termOfScanZ;

    private CoarseAxialGrid(Volume ct) {
        Geometry g = ct.geometry();
        scanSize = new int[] {g.sizeX(), g.sizeY(), g.sizeZ()};
        PatientOrder order = PatientOrder.of(g);
        scanAxis = new int[3];
        flipped = new boolean[3];
        for (int c = 0; c < 3; c++) {
            scanAxis[c] = order.scanAxis(c);
            flipped[c] = order.flipped(c);
        }
        double[] sp = g.spacingMm();
        scanSpacing = sp.clone();
        bin = new int[3];
        int[] size = new int[3];
        spacingZyxMm = new double[3];
        for (int c = 0; c < 3; c++) {
            int a = scanAxis[c];
            double target = c == 0 ? TARGET_SLICE_MM : TARGET_PIXEL_MM;
            bin[c] = Math.max(1, Math.min(scanSize[a], (int) Math.round(target / sp[a])));
            size[c] = (scanSize[a] + bin[c] - 1) / bin[c];
            spacingZyxMm[c] = sp[a] * bin[c];
        }
        nz = size[0];
        ny = size[1];
        nx = size[2];
        termOfScanX = termsOfScanAxis(0);
        termOfScanY = termsOfScanAxis(1);
        termOfScanZ = termsOfScanAxis(2);
        hu = bin(ct);
    }

    /** Bins {@code ct} (HU; padding already replaced by air) onto the coarse canonical grid. */
    public static CoarseAxialGrid of(Volume ct) {
        return new CoarseAxialGrid(ct);
    }

    private float[] bin(Volume ct) {
        float[] out = new float[nz * ny * nx];
        // for each canonical axis, each fine coordinate's share of the scan's flat index (-1: past the scan's end)
        int[][] offset = new int[3][];
        for (int c = 0; c < 3; c++) {
            int a = scanAxis[c];
            int stride = a == 0 ? 1 : a == 1 ? scanSize[0] : scanSize[0] * scanSize[1];
            int fine = (c == 0 ? nz : c == 1 ? ny : nx) * bin[c];
            offset[c] = new int[fine];
            for (int f = 0; f < fine; f++) {
                int sc = scanCoordinate(c, f);
                offset[c][f] = sc < 0 ? -1 : sc * stride;
            }
        }
        short[] shorts = ct.type() == DataType.INT16 ? ct.shorts() : null;
        IntStream.range(0, nz).parallel().forEach(cz -> {
            float[] sum = new float[ny * nx];
            int[] count = new int[ny * nx];
            int[] offX = offset[2];
            for (int dz = 0; dz < bin[0]; dz++) {
                int oz = offset[0][cz * bin[0] + dz];
                if (oz < 0) {
                    continue;
                }
                for (int cy = 0; cy < ny; cy++) {
                    for (int dy = 0; dy < bin[1]; dy++) {
                        int oy = offset[1][cy * bin[1] + dy];
                        if (oy < 0) {
                            continue;
                        }
                        int base = oz + oy;
                        for (int cx = 0; cx < nx; cx++) {
                            int k = cy * nx + cx;
                            for (int dx = 0; dx < bin[2]; dx++) {
                                int ox = offX[cx * bin[2] + dx];
                                if (ox < 0) {
                                    continue;
                                }
                                double v = shorts != null ? shorts[base + ox] : ct.valueAt(base + ox);
                                sum[k] += (float) Math.max(AIR_HU, v);
                                count[k]++;
                            }
                        }
                    }
                }
            }
            int base = cz * ny * nx;
            for (int k = 0; k < sum.length; k++) {
                out[base + k] = count[k] == 0 ? -1024 : sum[k] / count[k];
            }
        });
        return out;
    }

    /** The scan index along canonical axis c's scan axis for fine canonical coordinate {@code f}, or -1 past the end. */
    private int scanCoordinate(int c, int f) {
        int n = scanSize[scanAxis[c]];
        if (f >= n) {
            return -1;
        }
        return flipped[c] ? n - 1 - f : f;
    }

    /** Coarse canonical flat index of scan voxel (z, y, x) (scan index order). */
    public int coarseIndexOf(int z, int y, int x) {
        return termOfScanZ[z] + termOfScanY[y] + termOfScanX[x];
    }

    /**
     * For each index along scan axis {@code a} (0 = x, 1 = y, 2 = z): its share of the coarse flat index. Each
     * scan axis feeds exactly one canonical axis, so a voxel's coarse index is the sum of its three shares.
     */
    private int[] termsOfScanAxis(int a) {
        int c = 0;
        while (scanAxis[c] != a) {
            c++;
        }
        int stride = c == 0 ? ny * nx : c == 1 ? nx : 1;
        int[] out = new int[scanSize[a]];
        for (int v = 0; v < out.length; v++) {
            int f = flipped[c] ? scanSize[a] - 1 - v : v;
            out[v] = f / bin[c] * stride;
        }
        return out;
    }

    /**
     * The scan voxel (z, y, x) at the centre of coarse voxel {@code coarseIndex} (scan index order).
     */
    public int[] scanVoxelOf(int coarseIndex) {
        int plane = ny * nx;
        int cz = coarseIndex / plane;
        int cy = (coarseIndex - cz * plane) / nx;
        int cx = coarseIndex - cz * plane - cy * nx;
        int[] c = {cz, cy, cx};
        int[] xyz = new int[3];
        for (int k = 0; k < 3; k++) {
            int a = scanAxis[k];
            int f = Math.min(scanSize[a] - 1, c[k] * bin[k] + bin[k] / 2);
            xyz[a] = flipped[k] ? scanSize[a] - 1 - f : f;
        }
        return new int[] {xyz[2], xyz[1], xyz[0]};
    }

    /** The scan's size along its own axes, (z, y, x). */
    int[] scanSizeZyx() {
        return new int[] {scanSize[2], scanSize[1], scanSize[0]};
    }

    /** The scan's spacing along its own axes, (z, y, x) mm. */
    double[] scanSpacingZyxMm() {
        return new double[] {scanSpacing[2], scanSpacing[1], scanSpacing[0]};
    }

    /** How far one coarse voxel reaches along each of the scan's own axes (z, y, x), mm. */
    double[] coarseExtentInScanAxesMm() {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            int a = scanAxis[c]; // 0 = x, 1 = y, 2 = z
            out[2 - a] = spacingZyxMm[c];
        }
        return out;
    }

    /** The scan's index axes (0 = x, 1 = y, 2 = z) that run in-plane: along patient y and x. */
    int[] inPlaneScanAxes() {
        return new int[] {scanAxis[1], scanAxis[2]};
    }

    /**
     * A label map on the scan's own grid from one on this coarse grid (each scan voxel takes the
     * label of the coarse voxel it falls in).
     */
    public byte[] toScanGrid(byte[] coarse) {
        int sx = scanSize[0];
        int sy = scanSize[1];
        int sz = scanSize[2];
        byte[] out = new byte[sx * sy * sz];
        IntStream.range(0, sz).parallel().forEach(z -> {
            int tz = termOfScanZ[z];
            for (int y = 0; y < sy; y++) {
                int row = (z * sy + y) * sx;
                int tzy = tz + termOfScanY[y];
                for (int x = 0; x < sx; x++) {
                    out[row + x] = coarse[tzy + termOfScanX[x]];
                }
            }
        });
        return out;
    }

    public int sizeZ() {
        return nz;
    }

    public int sizeY() {
        return ny;
    }

    public int sizeX() {
        return nx;
    }

    public int voxelCount() {
        return nz * ny * nx;
    }

    /** Coarse voxel spacing (z, y, x) in mm. */
    public double[] spacingZyxMm() {
        return spacingZyxMm.clone();
    }

    /** Mean HU of each coarse voxel (shared array: do not modify). */
    float[] hu() {
        return hu;
    }
}
