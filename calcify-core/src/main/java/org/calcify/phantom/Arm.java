package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An upper arm lying beside the chest (arms down): an ellipse of skin and fat around muscle with the
 * humerus (a thick cortical ring around fatty marrow), constant along w, painted over air only, so that
 * an arm pressed against the chest meets its skin.
 *
 * @param centre      (u, v) of the arm's centre, mm
 * @param axesMm      semi-axes (u, v)
 * @param fatMm       subcutaneous fat thickness
 * @param humerus     (u, v) of the humerus centre
 * @param humerusMm   humerus outer radius
 * @param cortexMm    cortical thickness
 */
record Arm(double[] centre, double[] axesMm, double fatMm, double[] humerus, double humerusMm, double cortexMm) {

    /** Both arms down beside the chest in about a third of cases, none (raised) otherwise. */
    static List<Arm> random(BodyShape body, PatientTable table, PatientRecord p, SplittableRandom r) {
        List<Arm> arms = new ArrayList<>();
        if (r.nextDouble() >= 0.35) {
            return arms;
        }
        double size = BodyShape.clamp(Math.sqrt(p.bmiKgPerM2() / 27), 0.85, 1.3);
        for (int side = -1; side <= 1; side += 2) {
            double au = Anatomy.uniform(r, 38, 48) * size;
            double av = Anatomy.uniform(r, 40, 50) * size;
            double v = Anatomy.uniform(r, -5, 30);
            double edge = body.skinBase(BodyShape.bin(side, v / body.halfWidthMm()));
            double gap = r.nextDouble() < 0.4 ? -2 : Anatomy.uniform(r, 3, 35);
            double u = side * (edge + gap + au);
            v = Math.min(v, table.surfaceV(u) - av - 1);
            double hr = Anatomy.uniform(r, 10, 13);
            double[] h = {u + side * Anatomy.uniform(r, -6, 6), v + Anatomy.uniform(r, -6, 8)};
            arms.add(new Arm(new double[] {u, v}, new double[] {au, av}, Math.max(3, body.fatMm() * 0.7), h, hr,
                    Anatomy.uniform(r, 2.5, 4)));
        }
        return arms;
    }

    void paint(Plane p, Materials m) {
        double reach = Math.max(axesMm[0], axesMm[1]);
        for (int y = p.y0(centre[1], reach); y <= p.y1(centre[1], reach); y++) {
            double dv = p.v(y) - centre[1];
            for (int x = p.x0(centre[0], reach); x <= p.x1(centre[0], reach); x++) {
                int i = y * p.nx + x;
                if (p.code[i] != AnatomyCode.OUT) {
                    continue;
                }
                double du = p.u(x) - centre[0];
                double e = (du / axesMm[0]) * (du / axesMm[0]) + (dv / axesMm[1]) * (dv / axesMm[1]);
                if (e > 1) {
                    continue;
                }
                double iu = axesMm[0] - fatMm;
                double iv = axesMm[1] - fatMm;
                double hu2 = (p.u(x) - humerus[0]) * (p.u(x) - humerus[0]) + (p.v(y) - humerus[1]) * (p.v(y) - humerus[1]);
                float hu;
                byte code = AnatomyCode.SOFT;
                if (hu2 <= humerusMm * humerusMm) {
                    double inner = humerusMm - cortexMm;
                    hu = hu2 <= inner * inner ? m.marrow() : m.cortical();
                    code = AnatomyCode.BONE_B;
                } else if ((du / iu) * (du / iu) + (dv / iv) * (dv / iv) <= 1) {
                    hu = m.muscle();
                } else {
                    hu = m.fat();
                }
                p.hu[i] = hu;
                p.code[i] = code;
                p.region[i] = Plane.WALL;
            }
        }
    }
}
