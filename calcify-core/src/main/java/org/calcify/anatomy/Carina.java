package org.calcify.anatomy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.candidate.Connectivity;

/**
 * Finds the carina, where the trachea divides, by following the trachea down from the top slice:
 * an air lumen (2D region under −400 HU with a mean under {@value #LUMEN_MEAN_HU} HU) of
 * {@value #MIN_LUMEN_CM2}–{@value #MAX_LUMEN_CM2} cm² near the body's midline. Going down, the carina
 * is the first slice where the lumen splits in two or opens into the lung. Calcium-scoring
 * protocols start at the carina because the coronary arteries all lie below it; a scan that starts
 * below it has no trachea in its top slice (none near the midline, or the two main bronchi one on
 * each side of it) and no carina.
 */
final class Carina {
    static final double MIN_LUMEN_CM2 = 0.8;
    static final double MAX_LUMEN_CM2 = 8;
    static final double LUMEN_MEAN_HU = -600;
    /** The trachea is looked for in the slices this close to the top, mm (the very top slice may be partial). */
    static final double SEARCH_FROM_TOP_MM = 12;
    static final double MAX_OFF_MIDLINE_MM = 25;
    /** A lumen this far to each side of the midline in the top slice is a main bronchus: the scan starts below the carina, mm. */
    static final double MIN_BRONCHUS_OFF_MIDLINE_MM = 10;
    static final double MAX_BRONCHUS_OFF_MIDLINE_MM = 60;
    /** Lumens after the split: each main bronchus at least this big, cm². */
    static final double MIN_BRONCHUS_CM2 = 0.2;

    private Carina() {
    }

    /** The coarse slice index of the carina, or -1 when the top slice shows no trachea. */
    static int find(float[] hu, boolean[] body, int nz, int ny, int nx, double[] spacingZyxMm) {
        double pixelCm2 = spacingZyxMm[1] * spacingZyxMm[2] / 100;
        int plane = ny * nx;
        Blob trachea = null;
        int start = nz - 1;
        int lowest = Math.max(0, nz - 1 - (int) Math.floor(SEARCH_FROM_TOP_MM / spacingZyxMm[0]));
        for (; start >= lowest && trachea == null; start--) {
            double mid = midlineX(body, start, ny, nx);
            boolean leftBronchus = false;
            boolean rightBronchus = false;
            for (Blob b : lumens(hu, body, start, ny, nx, pixelCm2)) {
                if (b.areaCm2 < MIN_BRONCHUS_CM2 || b.areaCm2 > MAX_LUMEN_CM2 || b.meanHu >= LUMEN_MEAN_HU) {
                    continue;
                }
                double offMm = (b.cx - mid) * spacingZyxMm[2];
                leftBronchus |= offMm >= MIN_BRONCHUS_OFF_MIDLINE_MM && offMm <= MAX_BRONCHUS_OFF_MIDLINE_MM;
                rightBronchus |= -offMm >= MIN_BRONCHUS_OFF_MIDLINE_MM && -offMm <= MAX_BRONCHUS_OFF_MIDLINE_MM;
                boolean ok = b.areaCm2 >= MIN_LUMEN_CM2 && Math.abs(offMm) <= MAX_OFF_MIDLINE_MM;
                if (ok && (trachea == null || Math.abs(b.cx - mid) < Math.abs(trachea.cx - mid))) {
                    trachea = b;
                }
            }
            if (leftBronchus && rightBronchus) {
                return -1; // the two main bronchi: the scan starts below the carina
            }
        }
        if (trachea == null) {
            return -1;
        }
        for (int z = start; z >= 0; z--) {
            List<Blob> next = new ArrayList<>();
            for (Blob b : lumens(hu, body, z, ny, nx, pixelCm2)) {
                if (b.overlaps(trachea, nx, ny) && b.areaCm2 >= MIN_BRONCHUS_CM2) {
                    next.add(b);
                }
            }
            if (next.isEmpty()) {
                return z + 1; // the lumen ended: treat its last slice as the carina
            }
            if (next.size() >= 2) {
                return z;
            }
            Blob b = next.get(0);
            if (b.areaCm2 > MAX_LUMEN_CM2) {
                return z; // opened into a lung
            }
            trachea = b;
        }
        return 0;
    }

    private static double midlineX(boolean[] body, int z, int ny, int nx) {
        double sum = 0;
        long count = 0;
        int base = z * ny * nx;
        for (int p = 0; p < ny * nx; p++) {
            if (body[base + p]) {
                sum += p % nx;
                count++;
            }
        }
        return count == 0 ? nx / 2.0 : sum / count;
    }

    /** 2D regions under −400 HU inside the body in slice z. */
    private static List<Blob> lumens(float[] hu, boolean[] body, int z, int ny, int nx, double pixelCm2) {
        int plane = ny * nx;
        int base = z * plane;
        BitSet air = new BitSet(plane);
        for (int p = 0; p < plane; p++) {
            if (body[base + p] && hu[base + p] < ThoraxSegmenter.AIR_HU) {
                air.set(p);
            }
        }
        ComponentLabeler.Labels l = ComponentLabeler.label(air, 1, ny, nx, Connectivity.FOUR);
        int n = l.count();
        Blob[] blobs = new Blob[n + 1];
        int[] labels = l.labels();
        for (int p = air.nextSetBit(0); p >= 0; p = air.nextSetBit(p + 1)) {
            int c = labels[p];
            if (blobs[c] == null) {
                blobs[c] = new Blob(new BitSet(plane));
            }
            blobs[c].add(p, nx, hu[base + p]);
        }
        List<Blob> out = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
            out.add(blobs[c].finish(pixelCm2));
        }
        return out;
    }

    /** One 2D air region. */
    private static final class Blob {
        final BitSet pixels;
        int count;
        double sumX;
        double sumHu;
        double cx;
        double meanHu;
        double areaCm2;

        Blob(BitSet pixels) {
            this.pixels = pixels;
        }

        void add(int p, int nx, double hu) {
            pixels.set(p);
            count++;
            sumX += p % nx;
            sumHu += hu;
        }

        Blob finish(double pixelCm2) {
            cx = sumX / count;
            meanHu = sumHu / count;
            areaCm2 = count * pixelCm2;
            return this;
        }

        /** True when this blob touches {@code o} grown by one pixel. */
        boolean overlaps(Blob o, int nx, int ny) {
            for (int p = o.pixels.nextSetBit(0); p >= 0; p = o.pixels.nextSetBit(p + 1)) {
                int y = p / nx;
                int x = p - y * nx;
                if (pixels.get(p) || (x > 0 && pixels.get(p - 1)) || (x < nx - 1 && pixels.get(p + 1))
                        || (y > 0 && pixels.get(p - nx)) || (y < ny - 1 && pixels.get(p + nx))) {
                    return true;
                }
            }
            return false;
        }
    }
}
