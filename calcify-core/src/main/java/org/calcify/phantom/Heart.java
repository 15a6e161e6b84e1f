package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * The heart in its sac, per axial plane: paracardial fat outside the pericardium, the pericardium (a thin
 * soft-tissue line), epicardial fat (the rim the coronaries run in), the myocardium and four chambers of
 * blood (left and right ventricles, left and right atria as ellipsoids in the heart's frame), which on
 * non-contrast CT differ from the myocardium by only about 10 HU. Clipped to the thoracic cavity.
 */
final class Heart {
    private static final double PERICARDIUM_MM = 0.8;
    /** Chambers in the heart's frame, as fractions of its semi-axes: centre (long, short, vertical), semi-axes. */
    private static final double[][] CHAMBERS = {
        {0.18, 0.12, -0.15, 0.55, 0.42, 0.60}, // left ventricle
        {-0.15, -0.50, -0.10, 0.60, 0.30, 0.60}, // right ventricle
        {-0.10, 0.45, 0.45, 0.38, 0.35, 0.35}, // left atrium
        {-0.60, 0.05, 0.30, 0.30, 0.40, 0.45}, // right atrium
    };

    private final Anatomy a;
    private final double paracardialFatMm;
    private final double myocardiumMinMm;
    private final double fatPhase;

    Heart(Anatomy a, SplittableRandom r, double bmi) {
        this.a = a;
        this.paracardialFatMm = Math.max(1, Anatomy.uniform(r, 0, 4) + 0.3 * (bmi - 22));
        this.myocardiumMinMm = Anatomy.uniform(r, 3, 4.5);
        this.fatPhase = 2 * Math.PI * r.nextDouble();
    }

    void paint(Plane p, Materials m) {
        double w = p.w;
        double hs = a.heartScale(w);
        if (hs <= 0) {
            return;
        }
        double[] ax = a.heartAxesMm();
        double ha = ax[0] * hs;
        double hb = ax[1] * hs;
        double pf = a.pericardialFatMm();
        double outer = pf + PERICARDIUM_MM + paracardialFatMm;
        double rc = Math.cos(a.heartRotationRad());
        double rs = Math.sin(a.heartRotationRad());
        double[] centre = a.heartCentreAt(w);
        double cu = centre[0];
        double cv = centre[1];
        double reach = Math.max(ha, hb) + outer;
        int allFat = Tubes.mask(AnatomyCode.SOFT, AnatomyCode.LUNG_B);
        double wl = w / ax[2];
        for (int y = p.y0(cv, reach); y <= p.y1(cv, reach); y++) {
            double dv = p.v(y) - cv;
            for (int x = p.x0(cu, reach); x <= p.x1(cu, reach); x++) {
                int i = y * p.nx + x;
                if (p.region[i] != Plane.CAVITY || p.code[i] == AnatomyCode.BONE_B) {
                    continue;
                }
                double du = p.u(x) - cu;
                double lu = du * rc - dv * rs;
                double lv = du * rs + dv * rc;
                if (sq(lu / (ha + outer)) + sq(lv / (hb + outer)) > 1) {
                    continue;
                }
                // epicardial fat: thicker in two opposite sectors, thinner between them; the pericardium on it
                double g = 0.6 + 0.4 * Math.cos(2 * Math.atan2(lv / hb, lu / ha) + fatPhase);
                double pfl = pf * g;
                if (sq(lu / (ha + pfl + PERICARDIUM_MM)) + sq(lv / (hb + pfl + PERICARDIUM_MM)) > 1) {
                    if ((allFat & (1 << p.code[i])) != 0) { // paracardial fat, outside the sac
                        p.hu[i] = m.fat();
                        p.code[i] = AnatomyCode.SOFT;
                    }
                    continue;
                }
                float hu;
                if (sq(lu / (ha + pfl)) + sq(lv / (hb + pfl)) > 1) {
                    hu = m.pericardium();
                } else if (sq(lu / ha) + sq(lv / hb) > 1) {
                    hu = m.epicardialFat();
                } else {
                    double wall = myocardiumMinMm;
                    boolean blood = sq(lu / Math.max(1, ha - wall)) + sq(lv / Math.max(1, hb - wall)) <= 1
                            && inChamber(lu / ax[0], lv / ax[1], wl);
                    hu = blood ? m.blood() : m.myocardium();
                }
                p.hu[i] = hu;
                p.code[i] = AnatomyCode.HEART_B;
            }
        }
    }

    private static boolean inChamber(double lu, double lv, double lw) {
        for (double[] c : CHAMBERS) {
            if (sq((lu - c[0]) / c[3]) + sq((lv - c[1]) / c[4]) + sq((lw - c[2]) / c[5]) <= 1) {
                return true;
            }
        }
        return false;
    }

    private static double sq(double d) {
        return d * d;
    }
}
