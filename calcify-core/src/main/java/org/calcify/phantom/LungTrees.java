package org.calcify.phantom;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The lungs' branching trees: pulmonary arteries from the hila, pulmonary veins towards the left atrium and
 * bronchi from the main bronchi. Each tree grows breadth-first from a few lobar stems: a branch of radius r
 * runs 5-9 r, then splits in two (radii 0.78-0.9 r and 0.6-0.8 r, at 15-35° and 35-65°, bent away from the
 * hilum), until the radius falls under the tree's minimum or the branch would leave the lung. Vessels are
 * painted with partial volume (thin ones fade), bronchi as a soft-tissue wall around air, over lung only.
 */
final class LungTrees {
    private static final int MAX_PER_STEM = 500;
    private static final int STEMS = 9;

    private final List<Segment> vesselList = new ArrayList<>();
    private final List<Segment> bronchusList = new ArrayList<>();
    /** Pulmonary arteries and veins, and bronchi, indexed by height. */
    final SegmentIndex vessels;
    final SegmentIndex bronchi;
    private final Anatomy a;
    private final GreatVessels gv;
    private final Skeleton sk;
    private final double heartReach;

    LungTrees(Anatomy a, GreatVessels gv, Skeleton sk, SplittableRandom r) {
        this.a = a;
        this.gv = gv;
        this.sk = sk;
        this.heartReach = a.pericardialFatMm() + 12;
        // segmental stems fanning out from each hilum: lateral, up, down, forward and back
        double[][] stemsRight = stems(-1, r);
        double[][] stemsLeft = stems(1, r);
        double rMinVessel = Anatomy.uniform(r, 0.45, 0.6);
        for (double[] d : stemsRight) {
            grow(vesselList, gv.hilumRight, d, Anatomy.uniform(r, 3.5, 5), rMinVessel, gv.hilumRight, r);
        }
        for (double[] d : stemsLeft) {
            grow(vesselList, gv.hilumLeft, d, Anatomy.uniform(r, 3.5, 5), rMinVessel, gv.hilumLeft, r);
        }
        double[] la = gv.leftAtrium;
        for (int side = -1; side <= 1; side += 2) {
            for (double[] d : stems(side, r)) {
                double[] start = {la[0] + side * 50, la[1] + 8, la[2] + 12 * d[2]};
                grow(vesselList, start, d, Anatomy.uniform(r, 3, 4.5), rMinVessel, start, r);
            }
        }
        double[] right = {gv.hilumRight[0] * 0.8, gv.hilumRight[1], gv.carinaW - 22};
        double[] left = {gv.hilumLeft[0] * 0.8, gv.hilumLeft[1], gv.carinaW - 38};
        for (double[] d : stems(-1, r)) {
            grow(bronchusList, right, d, Anatomy.uniform(r, 2.5, 4), 0.9, right, r);
        }
        for (double[] d : stems(1, r)) {
            grow(bronchusList, left, d, Anatomy.uniform(r, 2.5, 4), 0.9, left, r);
        }
        vessels = new SegmentIndex(vesselList);
        bronchi = new SegmentIndex(bronchusList);
    }

    /** Directions of the segmental stems of one lung ({@code side} -1 right, +1 left). */
    private static double[][] stems(int side, SplittableRandom r) {
        double[][] out = new double[STEMS][];
        for (int k = 0; k < STEMS; k++) {
            double up = -0.9 + 1.8 * (k + r.nextDouble()) / STEMS;
            double ang = Math.PI * (-0.45 + 0.9 * r.nextDouble());
            double h = Math.sqrt(1 - up * up);
            out[k] = new double[] {side * h * Math.cos(ang), h * Math.sin(ang), up};
        }
        return out;
    }

    private void grow(List<Segment> out, double[] start, double[] dir0, double radius, double rMin, double[] hilum, SplittableRandom r) {
        ArrayDeque<double[]> queue = new ArrayDeque<>();
        double[] d0 = Plaque.unit(dir0[0], dir0[1], dir0[2]);
        queue.add(new double[] {start[0], start[1], start[2], d0[0], d0[1], d0[2], radius});
        int made = 0;
        boolean stem = true;
        while (!queue.isEmpty() && made < MAX_PER_STEM) {
            double[] b = queue.poll();
            double rad = b[6];
            double len = Math.max(2.5, Math.min(30, rad * Anatomy.uniform(r, 3.5, 6.5)));
            double[] end = null;
            double[] dir = {b[3], b[4], b[5]};
            for (int attempt = 0; attempt < 3 && end == null; attempt++) {
                // a stem that does not reach the lung is lengthened; a branch that would leave it, bent
                double[] d = attempt == 0 || stem ? dir : bend(dir, 0.35 * attempt, r);
                double l = stem ? len * (1 + 0.6 * attempt) : len;
                double[] e = {b[0] + l * d[0], b[1] + l * d[1], b[2] + l * d[2]};
                double[] mid = {(b[0] + e[0]) / 2, (b[1] + e[1]) / 2, (b[2] + e[2]) / 2};
                // the stem leaves the mediastinum: only its end must be in the lung
                if (inLung(e, rad + 1) && (stem || inLung(mid, rad + 0.5))) {
                    end = e;
                    dir = d;
                }
            }
            stem = false;
            if (end == null) {
                continue;
            }
            out.add(new Segment(b[0], b[1], b[2], end[0], end[1], end[2], rad));
            made++;
            if (rad * 0.78 < rMin) {
                continue;
            }
            double[] n = perpendicular(dir, r);
            double[] out2 = Plaque.unit(end[0] - hilum[0], end[1] - hilum[1], end[2] - hilum[2]);
            double t1 = Math.toRadians(Anatomy.uniform(r, 15, 35));
            double t2 = Math.toRadians(Anatomy.uniform(r, 35, 65));
            double[] d1 = mix(dir, n, Math.cos(t1), Math.sin(t1), out2);
            double[] d2 = mix(dir, n, Math.cos(t2), -Math.sin(t2), out2);
            queue.add(new double[] {end[0], end[1], end[2], d1[0], d1[1], d1[2], rad * Anatomy.uniform(r, 0.78, 0.9)});
            queue.add(new double[] {end[0], end[1], end[2], d2[0], d2[1], d2[2], rad * Anatomy.uniform(r, 0.6, 0.8)});
        }
    }

    private static double[] mix(double[] d, double[] n, double c, double s, double[] outward) {
        return Plaque.unit(d[0] * c + n[0] * s + 0.25 * outward[0], d[1] * c + n[1] * s + 0.25 * outward[1],
                d[2] * c + n[2] * s + 0.25 * outward[2]);
    }

    private static double[] bend(double[] d, double amount, SplittableRandom r) {
        double[] n = perpendicular(d, r);
        return Plaque.unit(d[0] + amount * n[0], d[1] + amount * n[1], d[2] + amount * n[2]);
    }

    private static double[] perpendicular(double[] a, SplittableRandom r) {
        double[] t = Math.abs(a[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] b = Plaque.unit(a[1] * t[2] - a[2] * t[1], a[2] * t[0] - a[0] * t[2], a[0] * t[1] - a[1] * t[0]);
        double[] c = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        double ang = 2 * Math.PI * r.nextDouble();
        return new double[] {Math.cos(ang) * b[0] + Math.sin(ang) * c[0], Math.cos(ang) * b[1] + Math.sin(ang) * c[1],
            Math.cos(ang) * b[2] + Math.sin(ang) * c[2]};
    }

    /**
     * Whether p lies in lung at least {@code marginMm} from its border: inside the cavity, above the
     * diaphragm, clear of the heart's sac, the spine and the mediastinal vessels. A guide for growth only:
     * painting never leaves the lung whatever this says.
     */
    boolean inLung(double[] p, double marginMm) {
        double u = p[0];
        double v = p[1];
        double w = p[2];
        if (!a.insideCavity(u, v, marginMm + 1) || w < a.diaphragmW(u, v) + marginMm) {
            return false;
        }
        double hs = a.heartScale(w);
        if (hs > 0) {
            double[] centre = a.heartCentreAt(w);
            double du = u - centre[0];
            double dv = v - centre[1];
            double c = Math.cos(a.heartRotationRad());
            double s = Math.sin(a.heartRotationRad());
            double lu = du * c - dv * s;
            double lv = du * s + dv * c;
            double ea = a.heartAxesMm()[0] * hs + heartReach + marginMm;
            double eb = a.heartAxesMm()[1] * hs + heartReach + marginMm;
            if ((lu / ea) * (lu / ea) + (lv / eb) * (lv / eb) <= 1) {
                return false;
            }
        }
        if (Math.hypot(u, v - sk.spineV) < sk.bodyHalfWidthMm + 10 + marginMm || Math.abs(u) < 30 && v > sk.spineV - 40) {
            return false;
        }
        for (Segment s : gv.aorta) {
            if (s.distance(u, v, w) < s.radiusMm() + 6 + marginMm) {
                return false;
            }
        }
        return true;
    }

    void paint(Plane p, Materials m) {
        int lung = Tubes.mask(AnatomyCode.LUNG_B);
        double w = p.w;
        for (Segment s : vessels.near(w)) {
            if (s.minW() - p.pixelMm <= w && s.maxW() + p.pixelMm >= w) {
                Tubes.paint(p, s, m.blood(), lung, -1, Plane.CAVITY, true);
            }
        }
        for (Segment s : bronchi.near(w)) {
            if (s.minW() - 2 <= w && s.maxW() + 2 >= w) {
                double wall = Math.max(0.5, 0.25 * s.radiusMm());
                Tubes.paint(p, new Segment(s.au(), s.av(), s.aw(), s.bu(), s.bv(), s.bw(), s.radiusMm() + wall),
                        m.muscle() - 20, lung, -1, Plane.CAVITY, true);
                Tubes.paint(p, s, m.air(), lung, -1, Plane.CAVITY, true);
            }
        }
    }
}
