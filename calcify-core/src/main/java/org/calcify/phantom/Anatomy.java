package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * The random anatomy of one phantom case that the coronaries, plaques and great vessels hang on, in the
 * phantom frame: millimetres, u to the patient's left, v posterior, w superior (LPS axes), body centre at
 * u = v = 0, heart centre at w = 0. The heart is an ellipsoid (the surface the coronaries run on) set just
 * behind the anterior chest wall and in front of the spine, shrunk where the chest is too small for it.
 *
 * @param body              the trunk's outline, fat, muscle and thoracic cavity
 * @param spineV            vertebral body centre v (u = 0)
 * @param vertebraHalfWidthMm vertebral body half-width
 * @param heartCentreMm     heart centre (u, v); w = 0
 * @param heartAxesMm       heart ellipsoid semi-axes: long in-plane, short in-plane, vertical
 * @param heartRotationRad  in-plane angle of the long axis, from +u towards -v (anterior)
 * @param pericardialFatMm  epicardial fat thickness the coronaries run in
 * @param descendingAortaMm descending aorta centre (u, v) and radius
 * @param diaphragm         right dome apex (u, v, w), left dome apex (u, v, w), dome curvature (mm drop at 100 mm)
 * @param contrast          blood pool contrast-filled instead of native
 */
record Anatomy(BodyShape body, double spineV, double vertebraHalfWidthMm, double[] heartCentreMm, double[] heartAxesMm,
               double heartRotationRad, double pericardialFatMm, double[] descendingAortaMm, double[] diaphragm, boolean contrast) {

    /** Share of hearts with little epicardial fat (2-5 mm instead of 5-11 mm). */
    static final double LEAN_HEART_SHARE = 0.3;

    static Anatomy random(BodyShape body, Skeleton skeleton, SplittableRandom r, boolean contrast) {
        double[] axes = {uniform(r, 52, 64), uniform(r, 38, 47), uniform(r, 52, 64)};
        double rot = Math.toRadians(uniform(r, 30, 50));
        // epicardial fat: 5-11 mm in most hearts, 2-5 mm in lean ones
        double pf = r.nextDouble() < LEAN_HEART_SHARE ? uniform(r, 2, 5) : uniform(r, 5, 11);
        double hu = uniform(r, 15, 35);
        double gap = uniform(r, 0, 6);
        double rad = uniform(r, 10, 13);
        double[] desc = {skeleton.bodyHalfWidthMm + rad * 0.55 + uniform(r, 1, 5), skeleton.spineV - rad * 0.7 - uniform(r, 2, 7), rad};
        double hv = 0;
        // the heart's sac touches the anterior chest wall and keeps clear of the spine, the descending aorta
        // and the lateral wall; where the chest is too small for it, the heart is smaller
        boolean placed = false;
        for (int k = 0; k < 60 && !placed; k++) {
            double extV = Math.hypot(axes[0] * Math.sin(rot), axes[1] * Math.cos(rot)) + pf;
            for (double du = 0; du <= 16 && !placed; du += 4) {
                double front = -body.cavityToward(hu + du, -100) + extV + gap;
                for (double v = front; v < front + 30 && !placed; v += 1) {
                    placed = fits(body, skeleton, desc, hu + du, v, axes, rot, pf);
                    if (placed) {
                        hu += du;
                        hv = v;
                    }
                }
            }
            if (!placed) { // turned towards the left (less antero-posterior extent), then smaller
                if (rot > Math.toRadians(22)) {
                    rot -= Math.toRadians(2);
                } else {
                    axes[0] *= 0.975;
                    axes[1] *= 0.975;
                    axes[2] *= 0.99;
                }
            }
        }
        double s = 0.5 * (body.cavity(BodyShape.bin(0, -1)) + body.cavity(BodyShape.bin(0, 1)));
        double wl = -axes[2] * uniform(r, 0.75, 0.95);
        double cavLeft = body.cavity(BodyShape.bin(1, 0));
        double[] dia = {-0.45 * body.cavity(BodyShape.bin(-1, 0)), -0.1 * s, wl + uniform(r, 5, 25),
            0.45 * cavLeft, 0.05 * s, wl, uniform(r, 55, 95)};
        return new Anatomy(body, skeleton.spineV, skeleton.bodyHalfWidthMm, new double[] {hu, hv}, axes, rot, pf, desc, dia, contrast);
    }

    /** Whether the heart's sac (axes + fat + 2 mm) at w = 0 lies in the cavity clear of the spine and the descending aorta. */
    private static boolean fits(BodyShape body, Skeleton sk, double[] desc, double cu, double cv, double[] axes, double rot, double pf) {
        double c = Math.cos(rot);
        double s = Math.sin(rot);
        for (int k = 0; k < 72; k++) {
            double phi = 2 * Math.PI * k / 72;
            double lu = (axes[0] + pf + 2) * Math.cos(phi);
            double lv = (axes[1] + pf + 2) * Math.sin(phi);
            double u = cu + lu * c + lv * s;
            double v = cv - lu * s + lv * c;
            double spine = Math.hypot(u / sk.bodyHalfWidthMm, (v - sk.spineV) / sk.bodyHalfDepthMm);
            if (!body.insideCavity(u, v, -3) || spine < 1 + 4 / sk.bodyHalfDepthMm
                    || Math.hypot(u - desc[0], v - desc[1]) < desc[2] + 1.5) {
                return false;
            }
        }
        return true;
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Whether (u, v) lies inside the thoracic cavity at least {@code marginMm} (radially) from its wall. */
    boolean insideCavity(double u, double v, double marginMm) {
        return body.insideCavity(u, v, marginMm);
    }

    /** Whether every point within {@code marginMm} of (u, v) (in-plane) lies inside the thoracic cavity. */
    boolean clearOfWall(double u, double v, double marginMm) {
        if (!body.insideCavity(u, v, 0)) {
            return false;
        }
        for (int k = 0; k < 24; k++) {
            double a = 2 * Math.PI * k / 24;
            if (!body.insideCavity(u + marginMm * Math.cos(a), v + marginMm * Math.sin(a), 0)) {
                return false;
            }
        }
        return true;
    }

    /** Descending aorta centre (u, v) and radius. */
    double[] descendingAorta() {
        return descendingAortaMm;
    }

    /**
     * Height of the diaphragm's upper surface at (u, v): below it lies the abdomen. Two domes, the right
     * one higher, falling off as a paraboloid towards the costophrenic recesses.
     */
    double diaphragmW(double u, double v) {
        double[] d = diaphragm;
        double k = d[6] / 1e4;
        double right = d[2] - k * ((u - d[0]) * (u - d[0]) + 0.8 * (v - d[1]) * (v - d[1]));
        double left = d[5] - k * ((u - d[3]) * (u - d[3]) + 0.8 * (v - d[4]) * (v - d[4]));
        return Math.max(right, left);
    }

    /** Highest point of the diaphragm (the right dome's apex). */
    double diaphragmTopW() {
        return Math.max(diaphragm[2], diaphragm[5]);
    }

    /** Whether the abdomen under the diaphragm at (u, v) is the liver's side (the right dome is the higher). */
    boolean liverSide(double u, double v) {
        double[] d = diaphragm;
        double k = d[6] / 1e4;
        return d[2] - k * ((u - d[0]) * (u - d[0]) + 0.8 * (v - d[1]) * (v - d[1]))
                >= d[5] - k * ((u - d[3]) * (u - d[3]) + 0.8 * (v - d[4]) * (v - d[4]));
    }

    /**
     * Heart cross-section scale at height w (0 outside the heart): an ellipsoid above w = 0, blunter below
     * (a superellipse of order 4), where the heart rests on the diaphragm.
     */
    double heartScale(double w) {
        double t = w / heartAxesMm[2];
        if (t >= 1 || t <= -1) {
            return 0;
        }
        return t >= 0 ? Math.sqrt(1 - t * t) : 0.5 * (Math.sqrt(1 - t * t) + Math.sqrt(Math.sqrt(1 - t * t * t * t)));
    }

    /** Shift of the apex along the long axis per unit of depth below the heart's centre, mm. */
    private static final double APEX_SHIFT_MM = 12;

    /**
     * Heart cross-section centre (u, v) at height w: below the centre it moves along the long axis
     * towards the left-anterior, so that the apex points down, left and forward.
     */
    double[] heartCentreAt(double w) {
        double t = Math.max(0, -w / heartAxesMm[2]);
        return new double[] {heartCentreMm[0] + APEX_SHIFT_MM * t * Math.cos(heartRotationRad),
            heartCentreMm[1] - APEX_SHIFT_MM * t * Math.sin(heartRotationRad)};
    }

    /**
     * A point at heart-local angle {@code phi} (0 along the long axis, positive towards the
     * posterior side), height {@code w}, {@code outMm} outside the heart surface: (u, v, w).
     */
    double[] surfacePoint(double phi, double w, double outMm) {
        double f = Math.max(heartScale(w), 0.25);
        double a = heartAxesMm[0] * f + outMm;
        double b = heartAxesMm[1] * f + outMm;
        double lu = a * Math.cos(phi);
        double lv = b * Math.sin(phi);
        double c = Math.cos(heartRotationRad);
        double s = Math.sin(heartRotationRad);
        double[] centre = heartCentreAt(w);
        // e1 = (c, -s) points left-anterior; e2 = (s, c) left-posterior
        return new double[] {centre[0] + lu * c + lv * s, centre[1] - lu * s + lv * c, w};
    }

    /** Aortic root centre (u, v, w). */
    double[] aorticRoot() {
        double[] p = surfacePoint(Math.toRadians(200), 0.62 * heartAxesMm[2], -0.55 * heartAxesMm[1]);
        return new double[] {p[0], p[1], 0.62 * heartAxesMm[2]};
    }
}
