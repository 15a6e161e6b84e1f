package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ECG electrodes on the anterior chest skin (in about 40 % of cases, 2-5 of them): a gel pad with a metal
 * snap (far above the CT range: clipped at 3071 HU after blur, it streaks) and a lead wire running up along
 * the skin. All painted over air as outside objects.
 */
final class Electrodes {
    /** One electrode: angle bin on the body outline, height, snap radius, and its lead as segments. */
    record Electrode(int bin, double wMm, double snapMm, List<Segment> lead) {
    }

    static final double PAD_RADIUS_MM = 11;
    static final double PAD_THICK_MM = 1.6;

    final List<Electrode> electrodes = new ArrayList<>();
    private final BodyShape body;

    Electrodes(BodyShape body, SplittableRandom r) {
        this.body = body;
        if (r.nextDouble() >= 0.4) {
            return;
        }
        int n = 2 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            double theta = -Math.PI / 2 + Anatomy.uniform(r, -1.2, 1.2);
            int b = BodyShape.bin(Math.cos(theta), Math.sin(theta));
            double w = Anatomy.uniform(r, -90, 90);
            double drift = Anatomy.uniform(r, -0.012, 0.012);
            List<Segment> lead = new ArrayList<>();
            double[] prev = onSkin(b, w, PAD_THICK_MM + 2.5);
            for (int j = 1; j <= 60; j++) {
                double t = theta + drift * j;
                int bj = BodyShape.bin(Math.cos(t), Math.sin(t));
                double[] q = onSkin(bj, w + 6 * j, 1.0);
                lead.add(Segment.of(prev, q, 0.7));
                prev = q;
            }
            electrodes.add(new Electrode(b, w, Anatomy.uniform(r, 2.2, 3.2), lead));
        }
    }

    /** The point (u, v, w) {@code outMm} outside the skin (without breasts) in bin {@code b}. */
    private double[] onSkin(int b, double w, double outMm) {
        double rad = body.skinBase(b) + outMm;
        double t = BodyShape.theta(b);
        return new double[] {rad * Math.cos(t), rad * Math.sin(t), w};
    }

    /** (u, v, w, radius) of every snap: the metal that streaks. */
    List<double[]> snaps() {
        List<double[]> out = new ArrayList<>();
        for (Electrode e : electrodes) {
            double[] c = snapCentre(e, body.bulge(e.bin(), e.wMm()));
            out.add(new double[] {c[0], c[1], e.wMm(), e.snapMm()});
        }
        return out;
    }

    private double[] snapCentre(Electrode e, double bulgeMm) {
        double rad = body.skinBase(e.bin()) + bulgeMm + PAD_THICK_MM + e.snapMm() * 0.8;
        double t = BodyShape.theta(e.bin());
        return new double[] {rad * Math.cos(t), rad * Math.sin(t)};
    }

    void paint(Plane p, Materials m) {
        int free = Tubes.mask(AnatomyCode.OUT, AnatomyCode.OBJECT_B);
        for (Electrode e : electrodes) {
            double dz = p.w - e.wMm();
            double bulge = p.bulge[e.bin()];
            if (Math.abs(dz) < PAD_RADIUS_MM) {
                double half = Math.sqrt(PAD_RADIUS_MM * PAD_RADIUS_MM - dz * dz);
                double t = BodyShape.theta(e.bin());
                double rad = body.skinBase(e.bin()) + bulge + PAD_THICK_MM / 2;
                double cu = rad * Math.cos(t);
                double cv = rad * Math.sin(t);
                double tu = -Math.sin(t);
                double tv = Math.cos(t);
                Tubes.paint(p, new Segment(cu - half * tu, cv - half * tv, p.w, cu + half * tu, cv + half * tv, p.w, PAD_THICK_MM / 2),
                        m.electrodePad(), free, AnatomyCode.OBJECT_B, -1, true);
            }
            if (Math.abs(dz) < e.snapMm()) {
                double[] c = snapCentre(e, bulge);
                Tubes.paint(p, new Segment(c[0], c[1], e.wMm(), c[0], c[1], e.wMm(), e.snapMm()), m.metal(), free,
                        AnatomyCode.OBJECT_B, -1, true);
            }
            for (Segment s : e.lead()) {
                Tubes.paint(p, s, m.wire(), free, AnatomyCode.OBJECT_B, -1, true);
            }
        }
    }
}
