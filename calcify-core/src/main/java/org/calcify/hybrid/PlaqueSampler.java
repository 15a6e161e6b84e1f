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
 * An {@linkplain #extensive extensive} plaque (drawn only when asked for) follows the artery's path for
 * {@value #MIN_EXTENSIVE_MM}-{@value #MAX_EXTENSIVE_MM} mm, 1.0-2.5 mm across: the large coronary calcium of
 * advanced disease, as large as aortic-root and mitral-annulus calcium.
 */
final class PlaqueSampler {
    static final double MIN_PEAK_HU = 150;
    static final double MAX_PEAK_HU = 1200;
    static final double MIN_LENGTH_MM = 4;
    static final double MAX_LENGTH_MM = 14;
    static final double ELONGATED_SHARE = 0.5;
    static final double MIN_EXTENSIVE_MM = 10;
    static final double MAX_EXTENSIVE_MM = 30;

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
        return chain(site, PlaqueShape.ELONGATED, centres, tangent, sl, sp, weight, peak);
    }

    /**
     * Calcium along an arc: blobs at {@code centres} (1.2 sigma apart or so), each along the arc's local
     * direction, 0.6-2.0 mm across, a density varying by up to half along it; null for fewer than two.
     */
    static PlaqueModel arc(LesionSite site, List<double[]> centres, SplittableRandom r) {
        if (centres.size() < 2) {
            return null;
        }
        double peak = Math.max(300, peakHu(r));
        double sp = 0.6 + 1.4 * r.nextDouble();
        int m = centres.size();
        double[] weight = new double[m];
        List<PlaqueModel.Blob> unit = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double[] axis = localAxis(centres, i);
            weight[i] = 0.5 + 0.5 * r.nextDouble();
            double s = sp * (0.7 + 0.6 * r.nextDouble());
            unit.add(new PlaqueModel.Blob(centres.get(i), axis, 1.2 * s, s, weight[i]));
        }
        return scaled(site, PlaqueShape.ARC, unit, peak);
    }

    /**
     * An extensive plaque along {@code course} (points along the artery, about 1.5 mm apart): one blob per point
     * along the course's local direction, 1.0-2.5 mm across (log-normal around 1.5 mm) and 1.2 times that along
     * it, its density varying by up to 40% along it, the whole shifted up to 1 mm into one wall; peak 400-1200
     * HU. An {@link PlaqueShape#ELONGATED} plaque; null for a course of fewer than two points.
     */
    static PlaqueModel extensive(LesionSite site, List<double[]> course, SplittableRandom r) {
        if (course.size() < 2 || HeartFrameFitter.distance(course.get(0), course.get(course.size() - 1)) < 1) {
            return null;  // too short, or a path that doubled back on itself
        }
        for (int i = 1; i + 1 < course.size(); i++) {
            if (HeartFrameFitter.distance(course.get(i - 1), course.get(i + 1)) < 1e-6) {
                return null;
            }
        }
        double peak = Math.max(400, peakHu(r));
        double sp = clamp(Math.exp(Math.log(1.5) + 0.25 * r.nextGaussian()), 1.0, 2.5);
        int m = course.size();
        double[] first = course.get(0);
        double[] last = course.get(m - 1);
        double[] off = perpendicular(HeartFrameFitter.normalise(new double[] {last[0] - first[0], last[1] - first[1], last[2] - first[2]}), r);
        double shift = r.nextDouble();
        List<PlaqueModel.Blob> unit = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double[] c = course.get(i);
            unit.add(new PlaqueModel.Blob(new double[] {c[0] + shift * off[0], c[1] + shift * off[1], c[2] + shift * off[2]},
                    localAxis(course, i), 1.2 * sp, sp, 0.6 + 0.4 * r.nextDouble()));
        }
        return scaled(site, PlaqueShape.ELONGATED, unit, peak);
    }

    /** The unit direction of a chain of points at point {@code i}: from its previous neighbour to its next (itself at the ends). */
    private static double[] localAxis(List<double[]> points, int i) {
        double[] a = points.get(Math.max(0, i - 1));
        double[] b = points.get(Math.min(points.size() - 1, i + 1));
        return HeartFrameFitter.normalise(new double[] {b[0] - a[0], b[1] - a[1], b[2] - a[2]});
    }

    /** A chain of blobs along one direction, scaled so that its densest point is {@code peak}. */
    private static PlaqueModel chain(LesionSite site, PlaqueShape shape, double[][] centres, double[] tangent, double sl, double sp,
                                     double[] weight, double peak) {
        List<PlaqueModel.Blob> unit = new ArrayList<>();
        for (int i = 0; i < centres.length; i++) {
            unit.add(new PlaqueModel.Blob(centres[i], tangent, sl, sp, weight[i]));
        }
        return scaled(site, shape, unit, peak);
    }

    /** The blobs scaled so that the densest point (at a blob centre or half-way between two neighbours) is the peak. */
    private static PlaqueModel scaled(LesionSite site, PlaqueShape shape, List<PlaqueModel.Blob> unit, double peak) {
        PlaqueModel probe = new PlaqueModel(site, shape, unit, 1);
        double max = 0;
        for (int i = 0; i < unit.size(); i++) {
            double[] a = unit.get(i).centreLps();
            max = Math.max(max, probe.valueAt(a));
            if (i + 1 < unit.size()) {
                double[] b = unit.get(i + 1).centreLps();
                max = Math.max(max, probe.valueAt(new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2}));
            }
        }
        List<PlaqueModel.Blob> blobs = new ArrayList<>();
        for (PlaqueModel.Blob b : unit) {
            blobs.add(new PlaqueModel.Blob(b.centreLps(), b.axis(), b.sigmaLongMm(), b.sigmaPerpMm(), b.amplitudeHu() * peak / max));
        }
        return new PlaqueModel(site, shape, blobs, peak);
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
