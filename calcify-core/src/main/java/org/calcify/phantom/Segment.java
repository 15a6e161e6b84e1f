package org.calcify.phantom;

/**
 * A straight piece of tube from (au, av, aw) to (bu, bv, bw), mm in the phantom frame, of radius
 * {@code radiusMm}; the building block of vessels, airways, bones' processes and wires.
 */
record Segment(double au, double av, double aw, double bu, double bv, double bw, double radiusMm) {

    static Segment of(double[] a, double[] b, double radiusMm) {
        return new Segment(a[0], a[1], a[2], b[0], b[1], b[2], radiusMm);
    }

    double minW() {
        return Math.min(aw, bw) - radiusMm;
    }

    double maxW() {
        return Math.max(aw, bw) + radiusMm;
    }

    double length() {
        return Math.sqrt((bu - au) * (bu - au) + (bv - av) * (bv - av) + (bw - aw) * (bw - aw));
    }

    /** Distance (mm) from (u, v, w) to the segment's axis. */
    double distance(double u, double v, double w) {
        double du = bu - au;
        double dv = bv - av;
        double dw = bw - aw;
        double l2 = du * du + dv * dv + dw * dw;
        double t = l2 == 0 ? 0 : ((u - au) * du + (v - av) * dv + (w - aw) * dw) / l2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double eu = u - au - t * du;
        double ev = v - av - t * dv;
        double ew = w - aw - t * dw;
        return Math.sqrt(eu * eu + ev * ev + ew * ew);
    }
}
