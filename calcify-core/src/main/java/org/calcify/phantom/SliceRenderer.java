package org.calcify.phantom;

/**
 * Draws the tissue of one axial slice (no vessels, no calcium, no blur, no noise) in HU: air, body
 * fat, chest wall with ribs and sternum, lungs, spine, aorta and pulmonary trunk, heart with
 * myocardium, blood pool and pericardial fat. Pure function of the anatomy and the slice height.
 */
final class SliceRenderer {
    static final float AIR = -1000;
    static final float FAT = -95;
    static final float MUSCLE = 45;
    static final float LUNG = -860;
    static final float MYOCARDIUM = 48;
    static final float CORTICAL_BONE = 720;
    static final float CANCELLOUS_BONE = 240;

    private final Anatomy a;

    SliceRenderer(Anatomy anatomy) {
        this.a = anatomy;
    }

    /**
     * Fills {@code out[y * nx + x]} for pixel centres at u = u0 + x * du, v = v0 + y * dv.
     *
     * @param w slice height in the phantom frame, mm
     */
    void render(float[] out, int offset, int nx, int ny, double u0, double v0, double pixelMm, double w) {
        double bu = a.bodyAxesMm()[0];
        double bv = a.bodyAxesMm()[1];
        double iu = bu - a.fatMm();
        double iv = bv - a.fatMm();
        double cu = a.cavityU();
        double cv = a.cavityV();
        double spineV = a.spineV();
        double[] desc = a.descendingAorta();
        double[] root = a.aorticRoot();
        double rootW = root[2];
        double hs = a.heartScale(w);
        double ha = a.heartAxesMm()[0] * hs;
        double hb = a.heartAxesMm()[1] * hs;
        double wall = Math.min(10, 0.35 * Math.min(ha, hb));
        double pf = a.pericardialFatMm();
        double rc = Math.cos(a.heartRotationRad());
        double rs = Math.sin(a.heartRotationRad());
        double hu0 = a.heartCentreMm()[0];
        double hv0 = a.heartCentreMm()[1];
        float blood = (float) a.bloodHu();
        boolean aboveRoot = w > rootW;
        double ascR = 14;
        double trunkU = root[0] + 26;
        double trunkV = root[1] - 16;
        for (int y = 0; y < ny; y++) {
            double v = v0 + y * pixelMm;
            int row = offset + y * nx;
            for (int x = 0; x < nx; x++) {
                double u = u0 + x * pixelMm;
                double eb = sq(u / bu) + sq(v / bv);
                float hu;
                if (eb > 1) {
                    hu = AIR;
                } else if (sq(u / iu) + sq(v / iv) > 1) {
                    hu = FAT;
                } else if (sq(u / cu) + sq(v / cv) > 1) {
                    hu = wall(u, v, w, cu, cv);
                } else {
                    hu = cavity(u, v, w, spineV, desc);
                    // heart and pericardial fat
                    if (hs > 0) {
                        double du = u - hu0;
                        double dv = v - hv0;
                        double lu = du * rc - dv * rs;
                        double lv = du * rs + dv * rc;
                        double eh = sq(lu / ha) + sq(lv / hb);
                        double ef = sq(lu / (ha + pf)) + sq(lv / (hb + pf));
                        if (eh <= 1) {
                            double ei = sq(lu / Math.max(1, ha - wall)) + sq(lv / Math.max(1, hb - wall));
                            hu = ei <= 1 && !(Math.abs(lv + 0.15 * hb) < 5 && a.contrast()) ? blood : MYOCARDIUM;
                        } else if (ef <= 1) {
                            hu = FAT + 10;
                        }
                    }
                    if (aboveRoot) {
                        if (sq(u - root[0]) + sq(v - root[1]) <= ascR * ascR) {
                            hu = blood;
                        } else if (sq(u - trunkU) + sq(v - trunkV) <= 13 * 13) {
                            hu = blood;
                        }
                    } else if (w > rootW - 12 && sq(u - root[0]) + sq(v - root[1]) <= sq(16 * (1 - (rootW - w) / 24))) {
                        hu = blood; // aortic root bulb
                    }
                    double dd = sq(u - desc[0]) + sq(v - desc[1]);
                    if (dd <= sq(desc[2] + 1.5)) {
                        hu = dd <= desc[2] * desc[2] ? blood : MUSCLE; // descending aorta and its wall
                    } else if (dd <= sq(desc[2] + 4) && hu > FAT + 20 && hu < 100) {
                        hu = FAT + 20;
                    }
                }
                out[row + x] = hu;
            }
        }
    }

    /** Chest wall: muscle with ribs, the sternum in front and the spine's posterior elements behind. */
    private float wall(double u, double v, double w, double cu, double cv) {
        // sternum
        if (v < 0 && Math.abs(u) < 14) {
            double sv = -cv - a.wallMm() / 2;
            double e = sq(u / 14) + sq((v - sv) / 6);
            if (e <= 1) {
                return e > 0.55 ? CORTICAL_BONE - 150 : CANCELLOUS_BONE;
            }
            return MUSCLE;
        }
        // posterior elements of the vertebra
        if (v > 0 && Math.abs(u) < 9) {
            return CANCELLOUS_BONE + 120;
        }
        // ribs: arcs in the middle of the wall, sloping down anteriorly, one every 28 mm of height
        double angle = Math.atan2(v / cv, u / cu);
        double k = Math.sqrt(sq(u / cu) + sq(v / cv));
        double depth = (k - 1) * Math.min(cu, cv); // mm outside the cavity
        double mid = a.wallMm() / 2;
        double phase = w + 38 * Math.abs(angle) / Math.PI * 2;
        double m = phase - 28 * Math.floor(phase / 28);
        if (Math.abs(depth - mid) < 4 && m < 11 && Math.abs(Math.abs(angle) - Math.PI / 2) > 0.25) {
            boolean inner = Math.abs(depth - mid) < 2.2 && m > 1.5 && m < 9.5;
            return inner ? CANCELLOUS_BONE - 40 : CORTICAL_BONE - 120;
        }
        return MUSCLE;
    }

    /** Inside the chest: lungs, mediastinum, spine, descending aorta. */
    private float cavity(double u, double v, double w, double spineV, double[] desc) {
        double ds = sq(u) + sq(v - spineV);
        if (ds <= 17 * 17) {
            return ds > 15 * 15 ? CORTICAL_BONE : CANCELLOUS_BONE;
        }
        if (sq(u) + sq(v - spineV - 21) <= 7 * 7) {
            return 15; // spinal canal
        }
        if (v > spineV && Math.abs(u) < 16) {
            return MUSCLE;
        }
        // mediastinum: a band in front of the spine
        if (Math.abs(u - 8) < 22 + 0.1 * v && v > -a.cavityV() * 0.9) {
            return (Math.abs(u) < 9 && v > spineV - 34) ? 20 : FAT + 15; // oesophagus in mediastinal fat
        }
        return LUNG + (float) (40 * (v / a.cavityV()));
    }

    private static double sq(double d) {
        return d * d;
    }
}
