package org.calcify.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the shape, size and density of an inserted calcification:
 * <ul>
 *   <li>density: the calcium's peak HU above the tissue, {@value #MIN_PEAK_HU}-{@value #MAX_PEAK_HU}
 *       (30% faint, 150-300; 45% moderate, 300-650; 25% dense, 650-1200);</li>
 *   <li>a {@link PlaqueShape#NODULE} is one blob, 0.5-2 mm across the vessel (log-normal around
 *       0.9 mm) and up to 1.8 times that along it;</li>
 *   <li>an {@link PlaqueShape#ELONGATED} plaque is a chain of blobs {@value #MIN_LENGTH_MM}-{@value #MAX_LENGTH_MM}
 *       mm long along the vessel, 0.45-1.6 mm across, its density varying by up to 40% along it;</li>
 *   <li>its centre lies up to 1 mm off the path point, across the vessel (a plaque sits in one wall).</li>
 * </ul>
 */
final class PlaqueSampler {
    static final double MIN_PEAK_HU = 150;
    static final double MAX_PEAK_HU = 1200;
    static final double MIN_LENGTH_MM = 4;
    static final double MAX_LENGTH_MM = 14;
    static final double ELONGATED_SHARE = 0.5;

    private PlaqueSampler() {
    }

    /** A plaque at {@code centre}, its long axis along the unit vector {@code tangent}. */
    static PlaqueModel draw(LesionSite site, double[] centre, double[] tangent, SplittableRandom r) {
        double peak = peakHu(r);
        double[] off = perpendicular(tangent, r);
        double shift = r.nextDouble();
        double[] c = {centre[0] + shift * off[0], centre[1] + shift * off[1], centre[2] + shift * off[2]};
        if (r.nextDouble() >= ELONGATED_SHARE) {
            double sp = clamp(Math.exp(Math.log(0.9) + 0.35 * r.nextGaussian()), 0.5, 2.0);
            double sl = sp * (1 + 0.8 * r.nextDouble());
            return new PlaqueModel(site, PlaqueShape.NODULE, List.of(new PlaqueModel.Blob(c, tangent, sl, sp, peak)), peak);
        }
        double length = MIN_LENGTH_MM + (MAX_LENGTH_MM - MIN_LENGTH_MM) * r.nextDouble();
        double sp = clamp(Math.exp(Math.log(0.8) + 0.3 * r.nextGaussian()), 0.45, 1.6);
        int m = Math.max(2, 1 + (int) Math.ceil(length / (1.2 * sp)));
        double spacing = length / (m - 1);
        double sl = 0.9 * spacing;
        double[] weight = new double[m];
        double[][] centres = new double[m][];
        for (int i = 0; i < m; i++) {
            double t = -length / 2 + i * spacing;
            centres[i] = new double[] {c[0] + t * tangent[0], c[1] + t * tangent[1], c[2] + t * tangent[2]};
            weight[i] = 0.6 + 0.4 * r.nextDouble();
        }
        // scale the chain so that its densest point (at a blob centre or half-way between two) is the peak
        List<PlaqueModel.Blob> unit = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            unit.add(new PlaqueModel.Blob(centres[i], tangent, sl, sp, weight[i]));
        }
        PlaqueModel probe = new PlaqueModel(site, PlaqueShape.ELONGATED, unit, 1);
        double max = 0;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, probe.valueAt(centres[i]));
            if (i + 1 < m) {
                double[] mid = {(centres[i][0] + centres[i + 1][0]) / 2, (centres[i][1] + centres[i + 1][1]) / 2,
                    (centres[i][2] + centres[i + 1][2]) / 2};
                max = Math.max(max, probe.valueAt(mid));
            }
        }
        List<PlaqueModel.Blob> blobs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            blobs.add(new PlaqueModel.Blob(centres[i], tangent, sl, sp, weight[i] * peak / max));
        }
        return new PlaqueModel(site, PlaqueShape.ELONGATED, blobs, peak);
    }

    /** The calcium's peak HU above the tissue. */
    static double peakHu(SplittableRandom r) {
        double u = r.nextDouble();
        if (u < 0.30) {
            return MIN_PEAK_HU + 150 * r.nextDouble();
        }
        if (u < 0.75) {
            return 300 + 350 * r.nextDouble();
        }
        return 650 + (MAX_PEAK_HU - 650) * r.nextDouble();
    }

    /** A random unit vector perpendicular to the unit vector {@code a}. */
    static double[] perpendicular(double[] a, SplittableRandom r) {
        double[] t = Math.abs(a[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] b = HeartFrameFitter.normalise(HeartFrameFitter.cross(a, t));
        double[] c = HeartFrameFitter.cross(a, b);
        double ang = 2 * Math.PI * r.nextDouble();
        return new double[] {Math.cos(ang) * b[0] + Math.sin(ang) * c[0], Math.cos(ang) * b[1] + Math.sin(ang) * c[1],
            Math.cos(ang) * b[2] + Math.sin(ang) * c[2]};
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
