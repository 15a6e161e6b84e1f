package org.calcify.hybrid;

import java.util.Arrays;
import org.calcify.volume.Geometry;

/**
 * Finds the heart's outer surface along rays of a {@link HeartFrame} and snaps template points to
 * the nearest voxel of epicardial fat that {@link InsertionRules#pathPoint} accepts.
 */
final class EpicardialSnapper {
    /** A ray has left the heart when it meets this much non-mass in a row, mm. */
    static final double EXIT_RUN_MM = 3;
    static final double MAX_RADIUS_MM = 90;
    static final double STEP_MM = 0.5;

    private final CaseBackground bg;
    private final InsertionRules rules;
    private final Geometry g;

    EpicardialSnapper(CaseBackground bg, InsertionRules rules) {
        this.bg = bg;
        this.rules = rules;
        this.g = bg.geometry();
    }

    /**
     * Distance from the axis at {@code alongMm} to the heart's outer surface at angle {@code phiRad}:
     * the last heart-mass sample before {@value #EXIT_RUN_MM} mm of anything else (fat, lung, the
     * region's edge). NaN when the ray meets no mass.
     */
    double surfaceMm(HeartFrame f, double alongMm, double phiRad) {
        double last = Double.NaN;
        for (double r = 0; r <= MAX_RADIUS_MM; r += STEP_MM) {
            if (HeartFrameFitter.mass(bg, f.point(alongMm, r, phiRad))) {
                last = r;
            } else if (!Double.isNaN(last) && r - last >= EXIT_RUN_MM) {
                return last;
            }
        }
        return last;
    }

    /** The accepted fat voxel (z, y, x) nearest to {@code lps} within {@code radiusMm}, or null. */
    int[] snap(double[] lps, double radiusMm) {
        double[] c = g.worldToIndex(lps[0], lps[1], lps[2]);
        int rx = (int) Math.ceil(radiusMm / g.spacingX());
        int ry = (int) Math.ceil(radiusMm / g.spacingY());
        int rz = (int) Math.ceil(radiusMm / g.spacingZ());
        int cx = (int) Math.round(c[0]);
        int cy = (int) Math.round(c[1]);
        int cz = (int) Math.round(c[2]);
        int cap = (2 * rx + 1) * (2 * ry + 1) * (2 * rz + 1);
        long[] keyed = new long[cap];
        int n = 0;
        for (int z = cz - rz; z <= cz + rz; z++) {
            for (int y = cy - ry; y <= cy + ry; y++) {
                for (int x = cx - rx; x <= cx + rx; x++) {
                    if (!g.contains(z, y, x)) {
                        continue;
                    }
                    int h = bg.hu(z, y, x);
                    if (h < InsertionRules.TISSUE_MIN_HU || h > InsertionRules.FAT_MAX_HU) {
                        continue;
                    }
                    double[] w = g.indexToWorld(x, y, z);
                    double d2 = sq(w[0] - lps[0]) + sq(w[1] - lps[1]) + sq(w[2] - lps[2]);
                    if (d2 > radiusMm * radiusMm) {
                        continue;
                    }
                    // sort key: distance in 1/1000 mm², then the flat index (ties resolved the same way every run)
                    keyed[n++] = ((long) Math.round(d2 * 1000) << 32) | g.index(z, y, x);
                }
            }
        }
        Arrays.sort(keyed, 0, n);
        int plane = g.sizeX() * g.sizeY();
        for (int k = 0; k < n; k++) {
            int i = (int) (keyed[k] & 0xFFFFFFFFL);
            int z = i / plane;
            int y = (i - z * plane) / g.sizeX();
            int x = i % g.sizeX();
            if (rules.pathPoint(z, y, x)) {
                return new int[] {z, y, x};
            }
        }
        return null;
    }

    /** LPS centre of voxel (z, y, x). */
    double[] lpsOf(int[] zyx) {
        return bg.lpsOf(zyx[0], zyx[1], zyx[2]);
    }

    private static double sq(double v) {
        return v * v;
    }
}
