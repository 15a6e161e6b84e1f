package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tube along a smooth 3D curve, sampled every {@value #STEP_MM} mm in the phantom frame.
 *
 * @param label    the label its calcium gets (1 LM, 2 LAD, 3 LCX, 4 RCA, 5 non-coronary wall)
 * @param pointsMm (u, v, w) triples
 * @param radiiMm  lumen radius at each point
 * @param sleeveMm epicardial fat drawn around the lumen at each point, beyond its radius (0: none, the
 *                 vessel lies against whatever tissue surrounds it)
 */
record Vessel(int label, double[] pointsMm, double[] radiiMm, double[] sleeveMm) {
    static final double STEP_MM = 0.3;
    /** Share of cases whose coronaries have a thin fat sleeve (0-1 mm) rather than 1.5-2.5 mm: lean hearts. */
    static final double THIN_SLEEVE_SHARE = 0.35;
    /** Chance that the LAD, LCX or RCA dips onto the myocardium over part of its course, without fat there. */
    static final double DIP_CHANCE = 0.4;

    int size() {
        return radiiMm.length;
    }

    /**
     * The coronary tree: LM from the aortic root, branching into LAD and LCX; RCA from the right sinus. The
     * vessels run {@code out} beyond the heart's surface in a fat sleeve of the case's thickness; in lean
     * hearts that sleeve is thin, and a vessel may dip onto the myocardium for part of its course (its
     * centre 0.5 mm inside to 1 mm outside the surface, no sleeve there), so that calcium is not always
     * framed by fat.
     */
    static List<Vessel> coronaryTree(Anatomy a, SplittableRandom r) {
        double c = a.heartAxesMm()[2];
        double out = a.pericardialFatMm() * 0.5;
        SplittableRandom rs = new SplittableRandom(r.nextLong());
        double sleeve = rs.nextDouble() < THIN_SLEEVE_SHARE ? rs.nextDouble() : Anatomy.uniform(rs, 1.5, 2.5);
        double[] root = a.aorticRoot();
        double baseW = 0.55 * c;
        double bifPhi = Math.toRadians(-20 + 10 * r.nextDouble());
        double[] toward = a.surfacePoint(bifPhi, baseW, out);
        // LM: from its ostium on the wall of the left sinus (outside the aortic lumen, radius 14-16 mm),
        // 9-15 mm towards the left atrioventricular groove, then it branches
        double lmMm = 9 + 6 * r.nextDouble();
        double[] lmOstium = ostium(root, toward);
        double[] d = Plaque.unit(toward[0] - lmOstium[0], toward[1] - lmOstium[1], toward[2] - lmOstium[2]);
        double reach = Math.min(lmMm, Math.sqrt(sq(toward[0] - lmOstium[0]) + sq(toward[1] - lmOstium[1]) + sq(toward[2] - lmOstium[2])));
        double[] bif = {lmOstium[0] + reach * d[0], lmOstium[1] + reach * d[1], lmOstium[2] + reach * d[2]};
        List<Vessel> tree = new ArrayList<>();
        tree.add(line(1, lmOstium, bif, 2.2, 2.0, sleeve));
        double wig = 0.08;
        // LAD: down the anterior interventricular groove towards the apex
        double ladPhi = Math.toRadians(-45 + 10 * r.nextDouble());
        tree.add(onSurface(2, a, r, bif, t -> ladPhi + wig * Math.sin(6 * t) + (bifPhi - ladPhi) * Math.max(0, 1 - 6 * t),
                t -> baseW - t * (baseW + 0.85 * c), Dip.draw(rs, out, sleeve), 1.9, 0.9, 0.15));
        // LCX: left atrioventricular groove, lateral then posterior
        tree.add(onSurface(3, a, r, bif, t -> bifPhi + 0.3 + t * Math.toRadians(130),
                t -> baseW - t * 0.35 * c, Dip.draw(rs, out, sleeve), 1.7, 0.9, 0.2));
        // RCA: right sinus, right atrioventricular groove, down to the posterior side
        double[] rcaStart = a.surfacePoint(Math.toRadians(-115), baseW, out);
        tree.add(line(4, ostium(new double[] {root[0], root[1], root[2] - 3}, rcaStart), rcaStart, 2.0, 2.0, sleeve));
        tree.add(onSurface(4, a, r, rcaStart, t -> Math.toRadians(-115 - 120 * t) + wig * Math.sin(5 * t),
                t -> baseW - t * (baseW + 0.45 * c), Dip.draw(rs, out, sleeve), 2.0, 1.0, 0.08));
        return tree;
    }

    /** Radius of a coronary ostium from the aortic root's axis: just outside the 14 mm lumen (16 mm bulb). */
    static final double OSTIUM_RADIUS_MM = 16;

    /** The ostium on the aortic wall at the height of {@code axis}, facing {@code toward} in the axial plane. */
    private static double[] ostium(double[] axis, double[] toward) {
        double[] h = Plaque.unit(toward[0] - axis[0], toward[1] - axis[1], 0);
        return new double[] {axis[0] + OSTIUM_RADIUS_MM * h[0], axis[1] + OSTIUM_RADIUS_MM * h[1], axis[2]};
    }

    private interface Curve {
        double at(double t);
    }

    /**
     * A vessel's distance beyond the heart's surface and its fat sleeve along its course: {@code out} and
     * {@code sleeve}, except over a stretch where it dips to {@code dipOut} without a sleeve (a raised
     * cosine from the stretch's centre {@code at}, half-width {@code half}, both fractions of the course).
     */
    record Dip(double out, double sleeve, double at, double half, double dipOut) {
        static Dip draw(SplittableRandom r, double out, double sleeve) {
            if (r.nextDouble() >= DIP_CHANCE) {
                return new Dip(out, sleeve, 0, 0, out);
            }
            return new Dip(out, sleeve, Anatomy.uniform(r, 0.15, 0.85), Anatomy.uniform(r, 0.06, 0.18), Anatomy.uniform(r, -0.5, 1.0));
        }

        /** 1 at the dip's centre, 0 outside it. */
        double depth(double t) {
            if (half <= 0 || Math.abs(t - at) >= half) {
                return 0;
            }
            return 0.5 * (1 + Math.cos(Math.PI * (t - at) / half));
        }

        double outAt(double t) {
            return out + (dipOut - out) * depth(t);
        }

        double sleeveAt(double t) {
            return sleeve * (1 - Math.min(1, 2 * depth(t)));
        }
    }

    /** A curve on the heart surface; starts at {@code start} and blends into the parametric path. */
    private static Vessel onSurface(int label, Anatomy a, SplittableRandom r, double[] start, Curve phi, Curve w,
                                    Dip dip, double r0, double r1, double blendFraction) {
        double p1 = 2 * Math.PI * r.nextDouble();
        double p2 = 2 * Math.PI * r.nextDouble();
        int n = 600;
        double[] pts = new double[3 * n];
        double[] sleeves = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) (n - 1);
            double ww = w.at(t) + 2.5 * Math.sin(9 * t + p1);
            sleeves[i] = dip.sleeveAt(t);
            double[] p = a.surfacePoint(phi.at(t) + 0.03 * Math.sin(13 * t + p2), ww, dip.outAt(t));
            double blend = Math.max(0, 1 - t / blendFraction);
            blend = blend * blend * (3 - 2 * blend);
            for (int k = 0; k < 3; k++) {
                pts[3 * i + k] = blend * start[k] + (1 - blend) * p[k];
            }
        }
        return resample(label, pts, r0, r1, sleeves);
    }

    private static Vessel line(int label, double[] from, double[] to, double r0, double r1, double sleeve) {
        return resample(label, new double[] {from[0], from[1], from[2], to[0], to[1], to[2]}, r0, r1, new double[] {sleeve, sleeve});
    }

    /**
     * Resamples a polyline at {@link #STEP_MM} with radii tapering linearly from r0 to r1 and the sleeve
     * interpolated between its points' sleeves.
     */
    static Vessel resample(int label, double[] pts, double r0, double r1, double[] sleeves) {
        int n = pts.length / 3;
        double total = 0;
        for (int i = 1; i < n; i++) {
            total += dist(pts, i - 1, i);
        }
        int m = Math.max(2, (int) Math.ceil(total / STEP_MM) + 1);
        double[] out = new double[3 * m];
        double[] radii = new double[m];
        double[] sleeve = new double[m];
        int seg = 1;
        double segStart = 0;
        double segLen = n > 1 ? dist(pts, 0, 1) : 0;
        for (int j = 0; j < m; j++) {
            double s = total * j / (m - 1);
            while (seg < n - 1 && s > segStart + segLen) {
                segStart += segLen;
                seg++;
                segLen = dist(pts, seg - 1, seg);
            }
            double f = segLen == 0 ? 0 : Math.min(1, (s - segStart) / segLen);
            for (int k = 0; k < 3; k++) {
                out[3 * j + k] = pts[3 * (seg - 1) + k] + f * (pts[3 * seg + k] - pts[3 * (seg - 1) + k]);
            }
            radii[j] = r0 + (r1 - r0) * j / (m - 1);
            sleeve[j] = sleeves[seg - 1] + f * (sleeves[seg] - sleeves[seg - 1]);
        }
        return new Vessel(label, out, radii, sleeve);
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double dist(double[] p, int i, int j) {
        double du = p[3 * j] - p[3 * i];
        double dv = p[3 * j + 1] - p[3 * i + 1];
        double dw = p[3 * j + 2] - p[3 * i + 2];
        return Math.sqrt(du * du + dv * dv + dw * dw);
    }
}
