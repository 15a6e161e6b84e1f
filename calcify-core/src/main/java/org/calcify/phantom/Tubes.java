package org.calcify.phantom;

/**
 * Paints the cross-section of a {@link Segment} with an axial {@link Plane}: every pixel whose centre lies
 * within the radius (3D distance to the axis, at the plane's height) takes the value. With partial volume
 * the edge is a one-pixel ramp, and a tube thinner than a pixel adds its area's share instead of a full
 * pixel, so thin lung vessels fade rather than vanish or swell. Painting is restricted to pixels whose
 * current code is in {@code allowMask} (bit {@code 1 << code}) and, optionally, to one region.
 */
final class Tubes {
    /** Any code. */
    static final int ANY = 0x7F;

    private Tubes() {
    }

    static int mask(byte... codes) {
        int m = 0;
        for (byte c : codes) {
            m |= 1 << c;
        }
        return m;
    }

    /**
     * @param newCode   code given to pixels at least half covered, or -1 to keep the codes
     * @param region    required {@link Plane} region, or -1 for any
     * @param partial   one-pixel ramp at the edge (partial volume) instead of a hard edge
     */
    static void paint(Plane p, Segment s, float value, int allowMask, int newCode, int region, boolean partial) {
        double w = p.w;
        double r = s.radiusMm();
        double pix = p.pixelMm;
        double reach = partial ? r + pix : r;
        double dw = s.bw() - s.aw();
        if (Math.min(s.aw(), s.bw()) - reach > w || Math.max(s.aw(), s.bw()) + reach < w) {
            return;
        }
        // part of the axis within reach of the plane
        double t0 = 0;
        double t1 = 1;
        if (Math.abs(dw) > 1e-9) {
            double ta = (w - reach - s.aw()) / dw;
            double tb = (w + reach - s.aw()) / dw;
            t0 = Math.max(0, Math.min(ta, tb));
            t1 = Math.min(1, Math.max(ta, tb));
            if (t0 > t1) {
                return;
            }
        }
        double du = s.bu() - s.au();
        double dv = s.bv() - s.av();
        double ua = s.au() + t0 * du;
        double ub = s.au() + t1 * du;
        double va = s.av() + t0 * dv;
        double vb = s.av() + t1 * dv;
        int x0 = Math.max(0, p.xFloor(Math.min(ua, ub) - reach));
        int x1 = Math.min(p.nx - 1, p.xCeil(Math.max(ua, ub) + reach));
        int y0 = Math.max(0, p.yFloor(Math.min(va, vb) - reach));
        int y1 = Math.min(p.ny - 1, p.yCeil(Math.max(va, vb) + reach));
        if (x0 > x1 || y0 > y1) {
            return;
        }
        double l2 = du * du + dv * dv + dw * dw;
        double inv = l2 == 0 ? 0 : 1 / l2;
        double ew0 = w - s.aw();
        boolean thin = partial && r < pix / 2;
        double thinAmp = thin ? 0.75 * (2 * r / pix) * (2 * r / pix) : 1;
        double r2 = reach * reach;
        for (int y = y0; y <= y1; y++) {
            double ev0 = p.v(y) - s.av();
            int row = y * p.nx;
            for (int x = x0; x <= x1; x++) {
                int i = row + x;
                if ((allowMask & (1 << p.code[i])) == 0 || (region >= 0 && p.region[i] != region)) {
                    continue;
                }
                double eu0 = p.u(x) - s.au();
                double t = (eu0 * du + ev0 * dv + ew0 * dw) * inv;
                t = t < 0 ? 0 : t > 1 ? 1 : t;
                double eu = eu0 - t * du;
                double ev = ev0 - t * dv;
                double ew = ew0 - t * dw;
                double d2 = eu * eu + ev * ev + ew * ew;
                if (d2 > r2) {
                    continue;
                }
                double f;
                if (!partial) {
                    f = 1;
                } else if (thin) {
                    f = thinAmp * Math.max(0, 1 - Math.sqrt(d2) / pix);
                } else {
                    f = Math.min(1, Math.max(0, (r - Math.sqrt(d2)) / pix + 0.5));
                }
                if (f <= 0) {
                    continue;
                }
                p.hu[i] = f >= 1 ? value : p.hu[i] + (float) (f * (value - p.hu[i]));
                if (newCode >= 0 && f >= 0.5) {
                    p.code[i] = (byte) newCode;
                }
            }
        }
    }
}
