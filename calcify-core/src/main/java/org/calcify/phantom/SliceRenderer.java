package org.calcify.phantom;

import java.util.Arrays;

/**
 * Paints the noise-free tissue of one axial plane of a {@link Scene} in HU with its anatomy codes (no
 * calcium, no blur, no noise): first the trunk pixel by pixel from its outline (air, subcutaneous fat and
 * breast, muscle with ribs, cartilage and sternum, then inside the cavity lung or, below the diaphragm,
 * liver and spleen), then the structures over it in order: mediastinal fat, heart, great vessels, spine,
 * lung trees, coronary arteries in their fat sleeves, arms, table, electrodes. A pure function of the scene,
 * the materials and the plane's height.
 */
final class SliceRenderer {
    private final Scene s;
    private final Materials m;
    private final boolean coronaries;

    SliceRenderer(Scene scene, Materials materials) {
        this(scene, materials, true);
    }

    /** With {@code coronaries} false, the tissue without the coronary tree (for tests of the tree). */
    SliceRenderer(Scene scene, Materials materials, boolean coronaries) {
        this.s = scene;
        this.m = materials;
        this.coronaries = coronaries;
    }

    /**
     * The part of the trunk that does not change along w, on one grid: every pixel's HU, code and region
     * as if there were no ribs, no breasts and no diaphragm, and the pixels those may change: the wall's
     * (ribs, cartilage, sternum), the cavity's (diaphragm), and those a breast may cover.
     */
    private record Base(float[] hu, byte[] code, byte[] region, int[] wall, int[] cavity, int[] breast, Scene scene) {
    }

    /** Computes the grid's w-independent trunk into {@code p} (and its future siblings); call once per grid. */
    void prepare(Plane p) {
        BodyShape body = s.body;
        int size = p.nx * p.ny;
        float[] hu = new float[size];
        byte[] code = new byte[size];
        byte[] region = new byte[size];
        int[] wall = new int[size];
        int[] cavity = new int[size];
        int[] breast = new int[size];
        int nw = 0;
        int nc = 0;
        int nb = 0;
        for (int y = 0; y < p.ny; y++) {
            double v = p.v(y);
            float lung = (float) (m.lung() + m.lungGradientPer100Mm() * v / 100);
            for (int x = 0; x < p.nx; x++) {
                int i = y * p.nx + x;
                double r = p.radiusMm[i];
                int b = p.bin[i];
                double maxBulge = body.hasBreasts() ? body.maxBulge(b) : 0;
                if (maxBulge > 0 && r > body.muscle(b) && r <= body.skinBase(b) + maxBulge + 1) {
                    breast[nb++] = i;
                }
                if (r > body.skinBase(b)) {
                    hu[i] = m.air();
                    code[i] = AnatomyCode.OUT;
                    region[i] = Plane.OUTSIDE;
                } else if (r > body.muscle(b)) {
                    hu[i] = m.fat();
                    code[i] = AnatomyCode.SOFT;
                    region[i] = Plane.WALL;
                } else if (r > body.cavity(b)) {
                    hu[i] = body.fatPlane(b, r) ? m.fat() : m.muscle();
                    code[i] = AnatomyCode.SOFT;
                    region[i] = Plane.WALL;
                    wall[nw++] = i;
                } else {
                    hu[i] = lung;
                    code[i] = AnatomyCode.LUNG_B;
                    region[i] = Plane.CAVITY;
                    cavity[nc++] = i;
                }
            }
        }
        p.base = new Base(hu, code, region, Arrays.copyOf(wall, nw), Arrays.copyOf(cavity, nc), Arrays.copyOf(breast, nb), s);
    }

    /** Paints {@code p} at its height {@code p.w}. */
    void render(Plane p) {
        if (!(p.base instanceof Base base) || base.scene() != s) {
            prepare(p);
        }
        double w = p.w;
        if (p.nx * p.ny <= 64) {
            for (int i = 0; i < p.nx * p.ny; i++) {
                p.bulge[p.bin[i]] = s.body.bulge(p.bin[i], w);
            }
        } else {
            s.body.bulges(w, p.bulge);
        }
        base(p, s.body, (Base) p.base, w);
        s.vessels.paintFat(p, m);
        s.heart.paint(p, m);
        s.vessels.paint(p, m);
        s.skeleton.paint(p, m);
        s.lungs.paint(p, m);
        if (coronaries) {
            paintCoronaries(p);
        }
        for (Arm arm : s.arms) {
            arm.paint(p, m);
        }
        s.table.paint(p, m);
        s.electrodes.paint(p, m);
    }

    private void base(Plane p, BodyShape body, Base base, double w) {
        System.arraycopy(base.hu(), 0, p.hu, 0, p.hu.length);
        System.arraycopy(base.code(), 0, p.code, 0, p.code.length);
        System.arraycopy(base.region(), 0, p.region, 0, p.region.length);
        for (int i : base.wall()) {
            int b = p.bin[i];
            int y = i / p.nx;
            float bone = s.skeleton.wallBone(b, p.radiusMm[i] - body.cavity(b), p.u(i - y * p.nx), p.v(y), w, m);
            if (!Float.isNaN(bone)) {
                p.hu[i] = bone;
                p.code[i] = AnatomyCode.BONE_B;
            }
        }
        Anatomy a = s.anatomy;
        if (w < a.diaphragmTopW()) {
            double[] bubble = s.gastricBubble;
            for (int i : base.cavity()) {
                int y = i / p.nx;
                double u = p.u(i - y * p.nx);
                double v = p.v(y);
                if (w < a.diaphragmW(u, v)) {
                    float hu = a.liverSide(u, v) ? m.liver() : leftUpperQuadrant(a, u, v, w);
                    if (bubble != null && sq((u - bubble[0]) / bubble[3]) + sq((v - bubble[1]) / bubble[4])
                            + sq((w - bubble[2]) / bubble[5]) <= 1) {
                        hu = m.air();
                    }
                    p.hu[i] = hu;
                    p.code[i] = AnatomyCode.SOFT;
                }
            }
        }
        for (int i : base.breast()) {
            int b = p.bin[i];
            double bulge = p.bulge[b];
            double r = p.radiusMm[i];
            if (r > body.skinBase(b) + bulge) {
                continue; // air, as in the base
            }
            double g = bulge > 0 ? body.glandular(b, r, w, bulge) : 0;
            p.hu[i] = (float) (m.fat() + g * (m.glandular() - m.fat()));
            p.code[i] = AnatomyCode.SOFT;
            p.region[i] = Plane.WALL;
        }
    }

    /** Under the left dome: the spleen behind, the stomach in front, fat around them. */
    private float leftUpperQuadrant(Anatomy a, double u, double v, double w) {
        double[] d = a.diaphragm();
        if (sq((u - d[3] - 25) / 35) + sq((v - d[4] - 40) / 30) + sq((w - d[5] + 45) / 55) <= 1) {
            return m.spleen();
        }
        if (sq((u - d[3] + 5) / 45) + sq((v - d[4] + 15) / 35) + sq((w - d[5] + 30) / 38) <= 1) {
            return m.muscle() - 10;
        }
        return m.fat();
    }

    /**
     * The coronaries run in epicardial fat, also where their course leaves the fat band around the heart
     * (the LM and the RCA's first segment at the aortic root): a fat sleeve first (thin in lean hearts,
     * none where a vessel dips onto the myocardium), then the lumens; only in the thoracic cavity and
     * never over bone, the sleeve never over lung or the aorta.
     */
    private void paintCoronaries(Plane p) {
        int sleeveMask = Tubes.mask(AnatomyCode.SOFT, AnatomyCode.HEART_B);
        for (Segment seg : s.coronarySleeves.near(p.w)) {
            if (seg.minW() <= p.w && seg.maxW() >= p.w) {
                Tubes.paint(p, seg, m.epicardialFat(), sleeveMask, AnatomyCode.HEART_B, Plane.CAVITY, false);
            }
        }
        Segment[] near = s.coronarySegments.near(p.w);
        int lumenMask = Tubes.mask(AnatomyCode.SOFT, AnatomyCode.LUNG_B, AnatomyCode.HEART_B, AnatomyCode.AORTA_B);
        for (Segment seg : near) {
            if (seg.minW() <= p.w && seg.maxW() >= p.w) {
                Tubes.paint(p, seg, m.blood(), lumenMask, -1, Plane.CAVITY, true);
            }
        }
    }

    /** Noise-free tissue HU at one point (u, v, w) of the phantom frame. */
    float tissueAt(double u, double v, double w) {
        Plane p = Plane.of(1, 1, u, v, 0.01);
        p.w = w;
        render(p);
        return p.hu[0];
    }

    /** Noise-free HU and anatomy code at one point (u, v, w). */
    record Point(float hu, byte code) {
    }

    /** Noise-free HU and anatomy code at one point (u, v, w) of the phantom frame. */
    Point at(double u, double v, double w) {
        Plane p = Plane.of(1, 1, u, v, 0.01);
        p.w = w;
        render(p);
        return new Point(p.hu[0], p.code[0]);
    }

    private static double sq(double d) {
        return d * d;
    }
}
