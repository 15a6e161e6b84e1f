package org.calcify.detect;

import java.util.BitSet;
import org.calcify.candidate.ComponentLabeler;
import org.calcify.candidate.Connectivity;
import org.calcify.volume.Volume;

/**
 * Is a chest in view? The heart always lies between the lungs, so a scan whose slices never show
 * lung parenchyma (head, neck, abdomen below the lung bases, pelvis, limbs) has no heart to score.
 * Lung, per axial slice: 4-connected regions under -400 HU whose median lies in -950..-650 HU (outside
 * air, scanner padding and bowel gas sit near -1000 and below) and that cover at least
 * {@value #MIN_REGION_CM2} cm²; the check passes when some slice holds {@value #MIN_LUNG_CM2} cm² of
 * them. A cropped field of view works too: lung touching the image border still has a lung median.
 * It cannot tell the lung bases with the liver dome (heart just above, or its inferior wall in view)
 * from a slice through the heart; it rejects scans that show no thorax at all.
 */
public final class ThoraxCheck {
    /** Smallest lung cross-section of a chest at heart level that passes, cm². */
    public static final double MIN_LUNG_CM2 = 40;
    /** Air-like regions smaller than this (sinuses, mastoid cells, bowel gas pockets) are not lung, cm². */
    public static final double MIN_REGION_CM2 = 5;
    private static final int AIR_BELOW_HU = -400;
    private static final int LUNG_MEDIAN_MIN_HU = -950;
    private static final int LUNG_MEDIAN_MAX_HU = -650;
    /** Slices looked at: one every this many millimetres (and at least 8 where the scan has them). */
    private static final double SLICE_STEP_MM = 10;

    private ThoraxCheck() {
    }

    /** The largest lung cross-section over the slices looked at, in cm²; stops early once it passes. */
    public static double largestLungAreaCm2(Volume ct) {
        int nz = ct.sizeZ();
        double pixelCm2 = ct.geometry().spacingX() * ct.geometry().spacingY() / 100;
        int step = Math.max(1, Math.min((int) Math.round(SLICE_STEP_MM / ct.geometry().spacingZ()), nz / 8));
        double best = 0;
        for (int z = nz / 2 % step; z < nz && best < MIN_LUNG_CM2; z += step) {
            best = Math.max(best, lungAreaCm2(ct, z, pixelCm2));
        }
        return best;
    }

    static double lungAreaCm2(Volume ct, int z, double pixelCm2) {
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        int plane = ny * nx;
        int base = z * plane;
        BitSet air = new BitSet(plane);
        for (int i = 0; i < plane; i++) {
            if (ct.valueAt(base + i) < AIR_BELOW_HU) {
                air.set(i);
            }
        }
        ComponentLabeler.Labels labels = ComponentLabeler.label(air, 1, ny, nx, Connectivity.SIX);
        int n = labels.count();
        int[] size = new int[n + 1];
        for (int i = air.nextSetBit(0); i >= 0; i = air.nextSetBit(i + 1)) {
            size[labels.labels()[i]]++;
        }
        int minPixels = (int) Math.ceil(MIN_REGION_CM2 / pixelCm2);
        // medians of the large regions from 10 HU histograms over -1030..-400 (below: the first bin)
        int bins = (AIR_BELOW_HU + 1030) / 10 + 1;
        int[][] hist = new int[n + 1][];
        for (int k = 1; k <= n; k++) {
            if (size[k] >= minPixels) {
                hist[k] = new int[bins];
            }
        }
        for (int i = air.nextSetBit(0); i >= 0; i = air.nextSetBit(i + 1)) {
            int[] h = hist[labels.labels()[i]];
            if (h != null) {
                h[Math.max(0, Math.min(bins - 1, (int) Math.floor((ct.valueAt(base + i) + 1030) / 10)))]++;
            }
        }
        long lung = 0;
        for (int k = 1; k <= n; k++) {
            if (hist[k] == null) {
                continue;
            }
            int half = (size[k] + 1) / 2;
            int acc = 0;
            int b = 0;
            while (acc + hist[k][b] < half) {
                acc += hist[k][b++];
            }
            double median = -1030 + 10 * b + 5;
            if (median >= LUNG_MEDIAN_MIN_HU && median <= LUNG_MEDIAN_MAX_HU) {
                lung += size[k];
            }
        }
        return lung * pixelCm2;
    }
}
