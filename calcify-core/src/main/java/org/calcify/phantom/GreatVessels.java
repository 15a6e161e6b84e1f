package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mediastinum around the heart: mediastinal fat between the lungs (behind the sternum, in front of the
 * spine, around the great vessels above the heart), the aorta (root bulb, ascending, arch, descending, with
 * its wall and a rim of periaortic fat), the pulmonary trunk and arteries to the hila, the superior vena
 * cava, the pulmonary veins into the left atrium, the oesophagus, and the trachea with the main bronchi.
 */
final class GreatVessels {
    private static final double ROOT_BULB_MM = 16;
    private static final double AORTIC_WALL_MM = 1.5;

    private final Anatomy a;
    private final double rootW;
    private final double[] root;
    final List<Segment> aorta = new ArrayList<>();
    private final List<Segment> pulmonary = new ArrayList<>();
    private final List<Segment> airways = new ArrayList<>();
    private final Segment oesophagus;
    /** Right and left hilum (u, v, w): where the lung trees start. */
    final double[] hilumRight;
    final double[] hilumLeft;
    /** Left atrium centre (u, v, w): where the pulmonary veins end. */
    final double[] leftAtrium;
    final double carinaW;
    private final double[] posteriorFat;
    private final double[] anteriorFat;
    private final double[] superiorFat;

    GreatVessels(Anatomy a, Skeleton sk, SplittableRandom r) {
        this.a = a;
        this.root = a.aorticRoot();
        this.rootW = root[2];
        BodyShape body = a.body();
        double[] desc = a.descendingAorta();
        double ascTop = rootW + Anatomy.uniform(r, 30, 50);
        double archTop = ascTop + Anatomy.uniform(r, 20, 35);
        double ascR = 14;
        aorta.add(new Segment(root[0], root[1], rootW, root[0] - 3, root[1] - 2, ascTop, ascR));
        double[] prev = {root[0] - 3, root[1] - 2, ascTop};
        for (int k = 1; k <= 12; k++) {
            double t = k / 12.0;
            double[] p = {root[0] - 3 + t * (desc[0] - root[0] + 3), root[1] - 2 + t * (desc[1] - root[1] + 2),
                ascTop + (archTop - ascTop) * Math.sin(Math.PI * t)};
            aorta.add(new Segment(prev[0], prev[1], prev[2], p[0], p[1], p[2], ascR + t * (desc[2] - ascR)));
            prev = p;
        }
        aorta.add(new Segment(desc[0], desc[1], prev[2], desc[0], desc[1], -500, desc[2]));
        double cavR = body.cavity(BodyShape.bin(-1, 0));
        double cavL = body.cavity(BodyShape.bin(1, 0));
        double hv = 0.5 * (a.heartCentreMm()[1] + a.spineV()) - 5;
        hilumRight = new double[] {-Math.max(48, 0.42 * cavR), hv, rootW + Anatomy.uniform(r, 0, 12)};
        hilumLeft = new double[] {Math.max(52, 0.45 * cavL), hv + 5, rootW + Anatomy.uniform(r, 8, 20)};
        // pulmonary trunk from the right ventricular outflow, up and back to its bifurcation, then to the hila
        double[] trunk0 = {root[0] + 24, root[1] - 18, rootW - 15};
        double[] bif = {root[0] + 16, root[1] + 12, rootW + Anatomy.uniform(r, 18, 28)};
        pulmonary.add(Segment.of(trunk0, bif, 13));
        pulmonary.add(Segment.of(bif, hilumLeft, 10));
        double[] behindAorta = {root[0] - 6, root[1] + ascR + 12, bif[2] - 4};
        pulmonary.add(Segment.of(bif, behindAorta, 10));
        pulmonary.add(Segment.of(behindAorta, hilumRight, 10));
        // superior vena cava into the right atrium
        double svcR = Anatomy.uniform(r, 8, 11);
        pulmonary.add(new Segment(root[0] - 26, root[1] + 4, 400, root[0] - 26, root[1] + 6, 0.3 * a.heartAxesMm()[2], svcR));
        // pulmonary veins: two from each lung into the left atrium
        leftAtrium = a.surfacePoint(Math.PI / 2, 0.4 * a.heartAxesMm()[2], -0.4 * a.heartAxesMm()[1]);
        for (int side = -1; side <= 1; side += 2) {
            for (int k = 0; k < 2; k++) {
                double[] end = {leftAtrium[0] + side * 45, leftAtrium[1] + 8, leftAtrium[2] + (k == 0 ? 12 : -12)};
                pulmonary.add(Segment.of(leftAtrium, end, 6.5));
            }
        }
        // oesophagus in front of the spine; trachea in front of it down to the carina, main bronchi to the hila
        double oesV = sk.spineV - sk.bodyHalfDepthMm - 9;
        oesophagus = new Segment(3, oesV, 500, 3, oesV, -500, Anatomy.uniform(r, 7, 9));
        carinaW = bif[2] + Anatomy.uniform(r, 0, 15);
        double trV = oesV - 18;
        airways.add(new Segment(1, trV, 500, 1, trV, carinaW, 9));
        airways.add(new Segment(1, trV, carinaW, hilumRight[0] * 0.8, hilumRight[1], carinaW - 22, 7));
        airways.add(new Segment(1, trV, carinaW, hilumLeft[0] * 0.8, hilumLeft[1], carinaW - 38, 6));
        posteriorFat = new double[] {4, sk.spineV - sk.bodyHalfDepthMm - 10, 26, 20};
        double cavAnt = body.cavity(BodyShape.bin(0, -1));
        anteriorFat = new double[] {4, -cavAnt + 14, 18, 22};
        superiorFat = new double[] {0.5 * (root[0] + desc[0]) - 8, 0.5 * (root[1] + a.spineV()) - 5, 50, 0.5 * (a.spineV() - root[1]) + 24};
    }

    /** Mediastinal fat over the lungs between them: behind the sternum, in front of the spine, around the vessels above the heart. */
    void paintFat(Plane p, Materials m) {
        int lung = Tubes.mask(AnatomyCode.LUNG_B);
        ellipse(p, posteriorFat, m.fat(), lung);
        ellipse(p, anteriorFat, m.fat(), lung);
        if (p.w > rootW - 15) { // widening upwards from the heart's base
            double f = Math.min(1, 0.35 + 0.65 * (p.w - rootW + 15) / 30);
            ellipse(p, new double[] {superiorFat[0], superiorFat[1], superiorFat[2] * f, superiorFat[3] * f}, m.fat(), lung);
        }
    }

    /** The vessels, oesophagus and airways. */
    void paint(Plane p, Materials m) {
        // periaortic fat first, then the veins, arteries and oesophagus, then the aorta's wall and lumen
        for (Segment s : aorta) {
            Tubes.paint(p, widen(s, AORTIC_WALL_MM + 2.5), m.fat(), Tubes.mask(AnatomyCode.SOFT), -1, Plane.CAVITY, false);
        }
        int soft = Tubes.mask(AnatomyCode.SOFT, AnatomyCode.LUNG_B, AnatomyCode.HEART_B);
        for (Segment s : pulmonary) {
            Tubes.paint(p, s, m.blood(), soft, AnatomyCode.SOFT, Plane.CAVITY, true);
        }
        Tubes.paint(p, oesophagus, m.muscle() - 10, Tubes.mask(AnatomyCode.SOFT, AnatomyCode.LUNG_B), AnatomyCode.SOFT, Plane.CAVITY, true);
        int aortaMask = Tubes.mask(AnatomyCode.SOFT, AnatomyCode.LUNG_B, AnatomyCode.HEART_B, AnatomyCode.AORTA_B);
        for (Segment s : aorta) {
            Tubes.paint(p, widen(s, AORTIC_WALL_MM), m.muscle(), aortaMask, AnatomyCode.AORTA_B, Plane.CAVITY, true);
        }
        for (Segment s : aorta) {
            Tubes.paint(p, s, m.blood(), aortaMask, AnatomyCode.AORTA_B, Plane.CAVITY, true);
        }
        double w = p.w;
        if (w > rootW - 12 && w <= rootW) { // aortic root bulb (sinuses)
            double rad = ROOT_BULB_MM * (1 - (rootW - w) / 24);
            for (int y = p.y0(root[1], rad); y <= p.y1(root[1], rad); y++) {
                for (int x = p.x0(root[0], rad); x <= p.x1(root[0], rad); x++) {
                    int i = y * p.nx + x;
                    double du = p.u(x) - root[0];
                    double dv = p.v(y) - root[1];
                    if (du * du + dv * dv <= rad * rad && p.region[i] == Plane.CAVITY && p.code[i] != AnatomyCode.BONE_B) {
                        p.hu[i] = m.blood();
                        p.code[i] = AnatomyCode.AORTA_B;
                    }
                }
            }
        }
        int air = Tubes.mask(AnatomyCode.SOFT, AnatomyCode.LUNG_B);
        for (Segment s : airways) {
            Tubes.paint(p, widen(s, 1.5), m.muscle() - 5, air, AnatomyCode.SOFT, Plane.CAVITY, true);
        }
        for (Segment s : airways) {
            Tubes.paint(p, s, m.air(), air, AnatomyCode.LUNG_B, Plane.CAVITY, true);
        }
    }

    private static Segment widen(Segment s, double mm) {
        return new Segment(s.au(), s.av(), s.aw(), s.bu(), s.bv(), s.bw(), s.radiusMm() + mm);
    }

    /** Fills the ellipse (cu, cv, su, sv) with {@code hu} as soft tissue over pixels whose code is in the mask, in the cavity. */
    static void ellipse(Plane p, double[] e, float hu, int mask) {
        for (int y = p.y0(e[1], e[3]); y <= p.y1(e[1], e[3]); y++) {
            double dv = (p.v(y) - e[1]) / e[3];
            for (int x = p.x0(e[0], e[2]); x <= p.x1(e[0], e[2]); x++) {
                double du = (p.u(x) - e[0]) / e[2];
                int i = y * p.nx + x;
                if (du * du + dv * dv <= 1 && (mask & (1 << p.code[i])) != 0 && p.region[i] == Plane.CAVITY) {
                    p.hu[i] = hu;
                    p.code[i] = AnatomyCode.SOFT;
                }
            }
        }
    }
}
