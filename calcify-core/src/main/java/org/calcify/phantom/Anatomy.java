package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * The random anatomy of one phantom case, in the phantom frame: millimetres, u to the patient's
 * left, v posterior, w superior (LPS axes), body centre at u = v = 0, heart centre at w = 0.
 *
 * @param bodyAxesMm        body ellipse semi-axes (u, v)
 * @param fatMm             subcutaneous fat thickness
 * @param wallMm            chest wall (muscle and ribs) thickness inside the fat
 * @param heartCentreMm     heart centre (u, v); w = 0
 * @param heartAxesMm       heart ellipsoid semi-axes: long in-plane, short in-plane, vertical
 * @param heartRotationRad  in-plane angle of the long axis, from +u towards -v (anterior)
 * @param pericardialFatMm  epicardial fat thickness the coronaries run in
 * @param contrast          blood pool contrast-filled (about 350 HU) instead of native (about 40 HU)
 */
record Anatomy(double[] bodyAxesMm, double fatMm, double wallMm, double[] heartCentreMm, double[] heartAxesMm,
               double heartRotationRad, double pericardialFatMm, boolean contrast) {

    static Anatomy random(SplittableRandom r, boolean contrast) {
        double bu = uniform(r, 140, 180);
        double bv = uniform(r, 100, 125);
        return new Anatomy(new double[] {bu, bv}, uniform(r, 8, 22), uniform(r, 10, 14),
                new double[] {uniform(r, 15, 35), uniform(r, -36, -24)},
                new double[] {uniform(r, 55, 68), uniform(r, 40, 50), uniform(r, 52, 64)},
                Math.toRadians(uniform(r, 30, 50)), uniform(r, 5, 11), contrast);
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Blood HU. */
    double bloodHu() {
        return contrast ? 350 : 38;
    }

    /** Thoracic cavity semi-axes (inside fat and wall). */
    double cavityU() {
        return bodyAxesMm[0] - fatMm - wallMm;
    }

    double cavityV() {
        return bodyAxesMm[1] - fatMm - wallMm;
    }

    /** Vertebral body centre v (u = 0). */
    double spineV() {
        return cavityV() - 28;
    }

    /** Descending aorta centre (u, v) and radius. */
    double[] descendingAorta() {
        return new double[] {24, spineV() - 20, 11};
    }

    /** Heart cross-section scale at height w (0 outside the heart). */
    double heartScale(double w) {
        double t = w / heartAxesMm[2];
        return t >= 1 || t <= -1 ? 0 : Math.sqrt(1 - t * t);
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
        // e1 = (c, -s) points left-anterior; e2 = (s, c) left-posterior
        return new double[] {heartCentreMm[0] + lu * c + lv * s, heartCentreMm[1] - lu * s + lv * c, w};
    }

    /** Aortic root centre (u, v, w). */
    double[] aorticRoot() {
        double[] p = surfacePoint(Math.toRadians(200), 0.62 * heartAxesMm[2], -0.55 * heartAxesMm[1]);
        return new double[] {p[0], p[1], 0.62 * heartAxesMm[2]};
    }
}
