package org.calcify.hybrid;

/**
 * A coordinate frame on the heart of a real scan, in LPS millimetres: a centre, the long axis from
 * the base towards the apex, and the angle around that axis. Angle φ is measured in the plane
 * perpendicular to the long axis from {@code anterior} (φ = 0) towards {@code left} (φ = 90°): with
 * the usual axis (pointing left, anterior and down) the patient's superior side lies near φ = 60°,
 * left near 120°, posterior at 180°, inferior (the diaphragmatic surface) near −120° and right near
 * −60°.
 *
 * @param centreLps     centre of the heart's thick core, LPS mm
 * @param longAxis      unit vector from the base towards the apex
 * @param anterior      unit vector perpendicular to the axis, closest to the patient's anterior
 * @param left          unit vector perpendicular to both, towards the patient's left (φ = 90°)
 * @param apexMm        distance from the centre to the apex surface along the axis, mm
 * @param avPlaneMm     position of the atrioventricular groove's plane along the axis, mm from the
 *                      centre (negative: towards the base)
 * @param aorticRootLps centre of the aortic root at the level of the coronary ostia, LPS mm
 */
public record HeartFrame(double[] centreLps, double[] longAxis, double[] anterior, double[] left, double apexMm,
                         double avPlaneMm, double[] aorticRootLps) {
    public HeartFrame {
        centreLps = centreLps.clone();
        longAxis = longAxis.clone();
        anterior = anterior.clone();
        left = left.clone();
        aorticRootLps = aorticRootLps.clone();
    }

    /** The unit direction at angle {@code phiRad} around the long axis. */
    public double[] direction(double phiRad) {
        double c = Math.cos(phiRad);
        double s = Math.sin(phiRad);
        return new double[] {c * anterior[0] + s * left[0], c * anterior[1] + s * left[1], c * anterior[2] + s * left[2]};
    }

    /** The point {@code alongMm} along the axis from the centre and {@code radialMm} out at angle {@code phiRad}. */
    public double[] point(double alongMm, double radialMm, double phiRad) {
        double[] d = direction(phiRad);
        double[] p = new double[3];
        for (int k = 0; k < 3; k++) {
            p[k] = centreLps[k] + alongMm * longAxis[k] + radialMm * d[k];
        }
        return p;
    }

    /** Position of an LPS point along the axis, mm from the centre. */
    public double alongMm(double[] lps) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += (lps[k] - centreLps[k]) * longAxis[k];
        }
        return s;
    }

    /** Unit vector from a to b (b - a normalised; the long axis when they coincide). */
    static double[] unit(double[] a, double[] b) {
        double[] d = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        return n == 0 ? new double[] {0, 0, 1} : new double[] {d[0] / n, d[1] / n, d[2] / n};
    }
}
