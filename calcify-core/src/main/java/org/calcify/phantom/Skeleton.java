package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bones of the chest, each with a cortical shell (Materials#cortical) around a trabecular core
 * (Materials#trabecular): the thoracic spine (vertebral bodies with end plates, discs between them,
 * pedicles, laminae, transverse and spinous processes around the spinal canal), the ribs in the chest
 * wall just outside the cavity, sloping down from the spine towards the front, their costal cartilages
 * (80-140 HU, rising again towards the sternum) that in older patients hold calcified specks, and the
 * sternum (manubrium, body, cartilaginous xiphoid). Ribs are bands of the wall: at angle α from the
 * posterior midline a rib occupies heights {@code w0 + k P - drop(α) .. + ribHeight}, so an axial plane
 * cuts each rib along an arc and thick slices average across its edges.
 */
final class Skeleton {
    /** Ribs start this far (radians) from the posterior midline (at the transverse processes). */
    private static final double RIB_START = 0.17 * Math.PI;

    final double spineV;
    final double bodyHalfWidthMm;
    final double bodyHalfDepthMm;
    final double canalV;
    final double canalRadiusMm;
    final double periodMm;
    final double discMm;
    final double phaseW;
    final double shellMm;
    final double ribHeightMm;
    final double ribThickMm;
    final double cartilageFrom;
    final double sternumAngleW;
    final double xiphoidW;
    final double sternumDepthMm;
    /** Height of the scapulae's inferior angles, and the plates' thickness. */
    final double scapulaW;
    final double scapulaMm;
    /** v of the sternum's centre: its back on the cavity's anterior wall. */
    final double sternumV;
    private final double[] alpha = new double[BodyShape.BINS];
    private final double[] drop = new double[BodyShape.BINS];
    private final double[] cavity = new double[BodyShape.BINS];
    final List<double[]> specks;

    private Skeleton(BodyShape body, SplittableRandom r, PatientRecord p) {
        int back = BodyShape.bin(0, 1);
        bodyHalfWidthMm = BodyShape.uniform(r, 17, 22);
        bodyHalfDepthMm = BodyShape.uniform(r, 13, 16);
        spineV = body.cavity(back) - bodyHalfDepthMm + 3;
        canalRadiusMm = BodyShape.uniform(r, 6.5, 8.5);
        canalV = spineV + bodyHalfDepthMm + 1.5 + canalRadiusMm;
        periodMm = BodyShape.uniform(r, 25, 30);
        discMm = BodyShape.uniform(r, 4, 6.5);
        phaseW = BodyShape.uniform(r, 0, periodMm);
        shellMm = BodyShape.uniform(r, 1.0, 1.6);
        ribHeightMm = BodyShape.uniform(r, 9, 13);
        ribThickMm = BodyShape.uniform(r, 5.5, 8);
        cartilageFrom = BodyShape.uniform(r, 0.70, 0.80) * Math.PI;
        double dropMm = BodyShape.uniform(r, 60, 90);
        sternumAngleW = BodyShape.uniform(r, 45, 75);
        xiphoidW = BodyShape.uniform(r, -75, -45);
        sternumDepthMm = BodyShape.uniform(r, 9, 13);
        scapulaW = BodyShape.uniform(r, -30, 40);
        scapulaMm = BodyShape.uniform(r, 3, 6);
        sternumV = -body.cavity(BodyShape.bin(0, -1)) - sternumDepthMm / 2 - 0.5;
        for (int b = 0; b < BodyShape.BINS; b++) {
            double t = BodyShape.theta(b);
            double a = Math.abs(BodyShape.angleDiff(t, Math.PI / 2)); // 0 at the spine, pi at the sternum
            alpha[b] = a;
            cavity[b] = body.cavity(b);
            double x = a / Math.PI;
            double xc = cartilageFrom / Math.PI;
            drop[b] = a <= cartilageFrom ? dropMm * Math.pow(Math.max(0, x - 0.1) / (xc - 0.1), 1.2)
                    : dropMm * (1 - 0.35 * Math.pow((x - xc) / (1 - xc), 1.5));
        }
        // calcified specks in the costal cartilages, more with age
        specks = new ArrayList<>();
        int count = poisson(r, Math.max(0, p.ageYears() - 40) * 0.35);
        for (int k = 0; k < count; k++) {
            double side = r.nextBoolean() ? 1 : -1;
            double a = cartilageFrom + 0.05 + (Math.PI - 0.35 - cartilageFrom) * r.nextDouble();
            double t = Math.PI / 2 - side * a;
            int b = BodyShape.bin(Math.cos(t), Math.sin(t));
            double rr = cavity[b] + BodyShape.uniform(r, 1.5, ribThickMm - 1.5);
            int rib = r.nextInt(12) - 6;
            double w = phaseW + rib * periodMm - drop[b] + BodyShape.uniform(r, 2, ribHeightMm - 2);
            specks.add(new double[] {rr * Math.cos(BodyShape.theta(b)), rr * Math.sin(BodyShape.theta(b)), w,
                BodyShape.uniform(r, 0.5, 1.6), BodyShape.uniform(r, 200, 650)});
        }
    }

    static Skeleton random(BodyShape body, PatientRecord p, SplittableRandom r) {
        return new Skeleton(body, r, p);
    }

    /** Sternum half-width at height w (0 below the xiphoid). */
    double sternumHalfWidth(double w) {
        if (w > sternumAngleW) {
            return 24;
        }
        if (w > xiphoidW) {
            return 15;
        }
        return w > xiphoidW - 35 ? 7 : 0;
    }

    /**
     * HU of the wall's bone or cartilage at bin {@code b}, {@code depthMm} outside the cavity, at (u, v, w);
     * NaN where the wall is not bone here.
     */
    float wallBone(int b, double depthMm, double u, double v, double w, Materials m) {
        double a = alpha[b];
        if (a > Math.PI - 0.7) {
            double hw = sternumHalfWidth(w);
            double hd = sternumDepthMm / 2;
            double dv = v - sternumV;
            if (hw > 0 && (u / hw) * (u / hw) + (dv / hd) * (dv / hd) <= 1) {
                if (w <= xiphoidW) {
                    return m.cartilage();
                }
                double iw = hw - shellMm;
                double id = hd - shellMm;
                return (u / iw) * (u / iw) + (dv / id) * (dv / id) <= 1 ? m.trabecular() : m.cortical();
            }
        }
        if (a > 0.45 && a < 1.05 && w > scapulaW && depthMm > ribThickMm + 4 && depthMm < ribThickMm + 4 + scapulaMm
                && a < 1.05 - 0.25 * Math.max(0, 1 - (w - scapulaW) / 40)) {
            // the scapula: a thin plate behind the posterior ribs, narrowing to its inferior angle
            return depthMm > ribThickMm + 5 && depthMm < ribThickMm + 3 + scapulaMm ? m.trabecular() : m.cortical();
        }
        if (a < RIB_START || depthMm >= ribThickMm) {
            return Float.NaN;
        }
        double ph = (w + drop[b] - phaseW) % periodMm;
        if (ph < 0) {
            ph += periodMm;
        }
        if (ph >= ribHeightMm) {
            return Float.NaN;
        }
        // an elliptical cross-section (height x thickness), cortical shell around the core
        double eh = (ph - ribHeightMm / 2) / (ribHeightMm / 2);
        double et = (depthMm - ribThickMm / 2) / (ribThickMm / 2);
        if (eh * eh + et * et > 1) {
            return Float.NaN;
        }
        if (a > cartilageFrom) {
            return eh * eh + et * et <= 0.8 ? m.cartilage() : Float.NaN;
        }
        double ih = (ph - ribHeightMm / 2) / (ribHeightMm / 2 - shellMm);
        double it = (depthMm - ribThickMm / 2) / (ribThickMm / 2 - shellMm);
        return ih * ih + it * it <= 1 ? m.trabecular() : m.cortical();
    }

    /** Paints the spine, its posterior elements and canal, and the cartilage specks. */
    void paint(Plane p, Materials m) {
        double w = p.w;
        double q = (w - phaseW) % periodMm;
        if (q < 0) {
            q += periodMm;
        }
        double reachU = 40;
        int x0 = p.x0(0, reachU);
        int x1 = p.x1(0, reachU);
        int y0 = p.y0(spineV, bodyHalfDepthMm + 2);
        int y1 = p.y1(canalV + 45, 0);
        byte bone = AnatomyCode.BONE_B;
        boolean disc = q < discMm;
        boolean endplate = !disc && (q < discMm + 1 || q > periodMm - 1);
        double ph = disc ? 0 : (q - discMm) / (periodMm - discMm); // 0 at the bottom of the body, 1 at its top
        // vertebral body or disc
        double a = bodyHalfWidthMm + (disc ? 1 : 0);
        double bd = bodyHalfDepthMm + (disc ? 1 : 0);
        for (int y = y0; y <= y1; y++) {
            double dv = p.v(y) - spineV;
            for (int x = x0; x <= x1; x++) {
                double du = p.u(x);
                double e = (du / a) * (du / a) + (dv / bd) * (dv / bd);
                if (e > 1) {
                    continue;
                }
                int i = y * p.nx + x;
                float hu;
                if (disc) {
                    hu = m.disc();
                } else if (endplate) {
                    hu = m.cortical();
                } else {
                    double ei = (du / (a - shellMm)) * (du / (a - shellMm)) + (dv / (bd - shellMm)) * (dv / (bd - shellMm));
                    hu = ei <= 1 ? m.trabecular() : m.cortical();
                }
                p.hu[i] = hu;
                p.code[i] = bone;
            }
        }
        // posterior elements: pedicles and laminae around the canal, transverse and spinous processes
        List<double[]> parts = new ArrayList<>();
        double cr = canalRadiusMm;
        if (!disc && ph > 0.35) {
            parts.add(new double[] {-9, spineV + bodyHalfDepthMm - 3, -cr - 2, canalV, 4.5});
            parts.add(new double[] {9, spineV + bodyHalfDepthMm - 3, cr + 2, canalV, 4.5});
        }
        if (disc || ph > 0.5 || ph < 0.1) {
            parts.add(new double[] {-cr - 2, canalV + 1, 0, canalV + cr + 4, 3.8});
            parts.add(new double[] {cr + 2, canalV + 1, 0, canalV + cr + 4, 3.8});
        }
        if (!disc && ph > 0.45 && ph < 0.95) {
            parts.add(new double[] {-cr - 2, canalV, -cr - 17, canalV + 6, 5.5});
            parts.add(new double[] {cr + 2, canalV, cr + 17, canalV + 6, 5.5});
        }
        if (disc || ph > 0.75 || ph < 0.3) {
            double tip = canalV + cr + 4 + 30 * (disc ? 0.6 : ph > 0.75 ? (ph - 0.75) * 2 : 0.5 + ph);
            parts.add(new double[] {0, canalV + cr + 2, 0, Math.min(tip, canalV + cr + 34), 4});
        }
        paintParts(p, parts, m.cortical(), 0);
        paintParts(p, parts, m.trabecular(), shellMm);
        // spinal canal
        for (int y = p.y0(canalV, cr); y <= p.y1(canalV, cr); y++) {
            double dv = p.v(y) - canalV;
            for (int x = p.x0(0, cr); x <= p.x1(0, cr); x++) {
                double du = p.u(x);
                if (du * du + dv * dv <= cr * cr) {
                    p.hu[y * p.nx + x] = m.csf();
                    p.code[y * p.nx + x] = AnatomyCode.SOFT;
                }
            }
        }
        for (double[] s : specks) {
            double dz = s[2] - w;
            if (Math.abs(dz) < s[3]) {
                double rr = Math.sqrt(s[3] * s[3] - dz * dz);
                float hu = (float) (s[4] * m.denseScale());
                for (int y = p.y0(s[1], rr); y <= p.y1(s[1], rr); y++) {
                    for (int x = p.x0(s[0], rr); x <= p.x1(s[0], rr); x++) {
                        int i = y * p.nx + x;
                        double du = p.u(x) - s[0];
                        double dv = p.v(y) - s[1];
                        if (du * du + dv * dv <= rr * rr && p.code[i] == AnatomyCode.BONE_B) {
                            p.hu[i] = Math.max(p.hu[i], hu);
                        }
                    }
                }
            }
        }
    }

    /** In-plane capsules (u0, v0, u1, v1, radius) shrunk by {@code inset}, painted with {@code hu} as bone. */
    private static void paintParts(Plane p, List<double[]> parts, float hu, double inset) {
        for (double[] c : parts) {
            double rad = c[4] - inset;
            if (rad <= 0) {
                continue;
            }
            Tubes.paint(p, new Segment(c[0], c[1], p.w, c[2], c[3], p.w, rad), hu, Tubes.ANY, AnatomyCode.BONE_B, -1, false);
        }
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-Math.min(mean, 50));
        int k = 0;
        double q = 1;
        do {
            k++;
            q *= r.nextDouble();
        } while (q > l);
        return k - 1;
    }
}
