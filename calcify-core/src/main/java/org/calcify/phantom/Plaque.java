package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A calcification: an anisotropic Gaussian blob of added attenuation.
 *
 * @param label        1-4 coronary artery, 5 non-coronary
 * @param centreMm     (u, v, w) in the phantom frame
 * @param axis         unit vector of the long axis (along the vessel)
 * @param sigmaLongMm  extent along the axis
 * @param sigmaPerpMm  extent across the axis
 * @param amplitudeHu  HU added at the centre before partial volume and blur
 */
record Plaque(int label, double[] centreMm, double[] axis, double sigmaLongMm, double sigmaPerpMm, double amplitudeHu) {

    /**
     * Share of coronary plaques per artery (LM, LAD, LCX, RCA), near the lesion distribution reported for
     * coronary calcium (LAD most often, then RCA and LCX; LM in a few per cent of lesions, well above its
     * share of the tree's length, as calcium gathers proximally and at bifurcations).
     */
    static final double[] ARTERY_SHARE = {0.08, 0.40, 0.22, 0.30};

    /** Coronary plaques keep at least this distance from the inner surface of the chest wall. */
    static final double CHEST_WALL_GAP_MM = 8;

    /**
     * Coronary plaques keep at least this distance from the vertebral body and from the descending
     * aorta's wall: the posterior mediastinum (oesophagus, left atrium) lies between them and the heart.
     */
    static final double POSTERIOR_GAP_MM = 10;

    /**
     * Coronary plaques on the walls of the tree, only where the scan covers them: the artery drawn by
     * {@link #ARTERY_SHARE}, then a point uniformly along that artery's vessels.
     */
    static List<Plaque> coronary(Anatomy anatomy, List<Vessel> tree, int count, double wMin, double wMax, SplittableRandom r) {
        List<Plaque> out = new ArrayList<>();
        int[] length = new int[5];
        for (Vessel v : tree) {
            length[v.label()] += v.size();
        }
        int guard = 0;
        while (out.size() < count && guard++ < count * 200) {
            double u0 = r.nextDouble();
            int artery = 1;
            for (double acc = ARTERY_SHARE[0]; artery < 4 && u0 >= acc; artery++) {
                acc += ARTERY_SHARE[artery];
            }
            if (length[artery] == 0) {
                continue;
            }
            int pick = r.nextInt(length[artery]);
            Vessel v = null;
            for (Vessel candidate : tree) {
                if (candidate.label() != artery) {
                    continue;
                }
                if (pick < candidate.size()) {
                    v = candidate;
                    break;
                }
                pick -= candidate.size();
            }
            double[] p = v.pointsMm();
            int i = pick;
            if (p[3 * i + 2] < wMin || p[3 * i + 2] > wMax) {
                continue;
            }
            // the coronaries run inside the pericardium: none against the chest wall and its ribs
            if (!anatomy.clearOfWall(p[3 * i], p[3 * i + 1], CHEST_WALL_GAP_MM) || nearPosteriorMediastinum(anatomy, p[3 * i], p[3 * i + 1])) {
                continue;
            }
            int j = Math.min(v.size() - 1, i + 1);
            int h = Math.max(0, j - 2);
            double[] axis = unit(p[3 * j] - p[3 * h], p[3 * j + 1] - p[3 * h + 1], p[3 * j + 2] - p[3 * h + 2]);
            double[] perp = perpendicular(axis, r);
            double rad = v.radiiMm()[i];
            double sp = Math.min(2.0, Math.max(0.3, Math.exp(Math.log(0.65) + 0.45 * gaussian(r))));
            double sl = sp * (1 + 1.8 * r.nextDouble());
            double u = r.nextDouble();
            double peak = u < 0.25 ? 120 + 90 * r.nextDouble() : u < 0.7 ? 200 + 300 * r.nextDouble() : 500 + 800 * r.nextDouble();
            double off = 0.7 * rad;
            double[] c = {p[3 * i] + off * perp[0], p[3 * i + 1] + off * perp[1], p[3 * i + 2] + off * perp[2]};
            out.add(new Plaque(v.label(), c, axis, sl, sp, peak - 40));
        }
        return out;
    }

    /** Share of mitral-annulus calcifications drawn as arcs along the annulus rather than one nodule. */
    static final double ANNULUS_ARC_SHARE = 0.5;

    /**
     * Calcium outside the coronaries (label 5): aortic walls, aortic valve, mitral annulus. Annulus
     * calcium lies 3-10 mm inside the heart's surface at the left atrioventricular junction, as a nodule
     * or, in half the cases, as an arc of 15-100 degrees along the annulus (the C-shaped calcification
     * older patients have), one calcification of several blobs.
     */
    static List<Plaque> nonCoronary(Anatomy a, int count, double wMin, double wMax, SplittableRandom r) {
        List<Plaque> out = new ArrayList<>();
        double[] desc = a.descendingAorta();
        double[] root = a.aorticRoot();
        for (int k = 0; k < count; k++) {
            int kind = r.nextInt(4);
            double w = wMin + (wMax - wMin) * r.nextDouble();
            double ang = 2 * Math.PI * r.nextDouble();
            double[] c;
            switch (kind) {
                case 0 -> c = new double[] {desc[0] + desc[2] * Math.cos(ang), desc[1] + desc[2] * Math.sin(ang), w};
                case 1 -> {
                    double ww = Math.max(w, Math.min(wMax, root[2] + 2 + 20 * r.nextDouble()));
                    c = new double[] {root[0] + 14 * Math.cos(ang), root[1] + 14 * Math.sin(ang), ww};
                }
                case 2 -> c = new double[] {root[0] + 7 * Math.cos(ang), root[1] + 7 * Math.sin(ang),
                        Math.max(wMin, Math.min(wMax, root[2] - 4 - 4 * r.nextDouble()))};
                default -> {
                    out.addAll(annulus(a, wMin, wMax, r));
                    continue;
                }
            }
            double[] axis = kind == 0 || kind == 1 ? new double[] {0, 0, 1} : unit(-Math.sin(ang), Math.cos(ang), 0);
            double sp = 0.6 + 1.4 * r.nextDouble();
            out.add(new Plaque(5, c, axis, sp * (1 + 2 * r.nextDouble()), sp, 250 + 900 * r.nextDouble()));
        }
        return out;
    }

    /** One mitral-annulus calcification: a nodule, or an arc of blobs along the annulus. */
    private static List<Plaque> annulus(Anatomy a, double wMin, double wMax, SplittableRandom r) {
        double cz = a.heartAxesMm()[2];
        double w = Math.max(wMin, Math.min(wMax, (0.35 + 0.16 * (r.nextDouble() - 0.5)) * cz));
        double depth = -(3 + 7 * r.nextDouble());
        double phi0 = Math.toRadians(40 + 80 * r.nextDouble());
        double amplitude = 250 + 900 * r.nextDouble();
        double sp = 0.6 + 1.4 * r.nextDouble();
        if (r.nextDouble() >= ANNULUS_ARC_SHARE) {
            double[] c = a.surfacePoint(phi0, w, depth);
            double[] next = a.surfacePoint(phi0 + 0.05, w, depth);
            double[] axis = unit(next[0] - c[0], next[1] - c[1], next[2] - c[2]);
            return List.of(new Plaque(5, c, axis, sp * (1 + 2 * r.nextDouble()), sp, amplitude));
        }
        double span = Math.toRadians(15 + 85 * r.nextDouble());
        double sign = r.nextBoolean() ? 1 : -1;
        List<Plaque> arc = new ArrayList<>();
        double[] prev = a.surfacePoint(phi0, w, depth);
        double step = 0;
        List<double[]> pts = new ArrayList<>();
        pts.add(prev);
        // points along the annulus every ~1.2 sigma, the arc's thickness and density varying along it
        for (double t = 0.01; t <= span; t += 0.01) {
            double[] p = a.surfacePoint(phi0 + sign * t, w + 1.5 * Math.sin(3 * t), depth);
            step += Math.sqrt(sq(p[0] - prev[0]) + sq(p[1] - prev[1]) + sq(p[2] - prev[2]));
            prev = p;
            if (step >= 1.2 * sp) {
                pts.add(p);
                step = 0;
            }
        }
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            double[] q = pts.get(Math.min(pts.size() - 1, i + 1));
            double[] o = pts.get(Math.max(0, i - 1));
            double[] axis = unit(q[0] - o[0], q[1] - o[1], q[2] - o[2]);
            double s = sp * (0.7 + 0.6 * r.nextDouble());
            arc.add(new Plaque(5, p, axis, 1.2 * s, s, amplitude * (0.5 + 0.5 * r.nextDouble())));
        }
        return arc;
    }

    private static double sq(double d) {
        return d * d;
    }

    /** Within {@link #POSTERIOR_GAP_MM} of the vertebral body (its half-width as radius) or the descending aorta's wall. */
    static boolean nearPosteriorMediastinum(Anatomy a, double u, double v) {
        double spine = Math.hypot(u, v - a.spineV()) - a.vertebraHalfWidthMm();
        double[] desc = a.descendingAorta();
        double aorta = Math.hypot(u - desc[0], v - desc[1]) - desc[2] - 1.5;
        return Math.min(spine, aorta) < POSTERIOR_GAP_MM;
    }

    static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return n == 0 ? new double[] {0, 0, 1} : new double[] {x / n, y / n, z / n};
    }

    private static double[] perpendicular(double[] a, SplittableRandom r) {
        double[] t = Math.abs(a[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] b = unit(a[1] * t[2] - a[2] * t[1], a[2] * t[0] - a[0] * t[2], a[0] * t[1] - a[1] * t[0]);
        double[] c = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        double ang = 2 * Math.PI * r.nextDouble();
        double cs = Math.cos(ang);
        double sn = Math.sin(ang);
        return new double[] {cs * b[0] + sn * c[0], cs * b[1] + sn * c[1], cs * b[2] + sn * c[2]};
    }
}
