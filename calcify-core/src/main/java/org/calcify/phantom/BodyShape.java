package org.calcify.phantom;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The outline of the trunk in the axial plane, as radii from the body centre (u = v = 0) in
 * {@value #BINS} angular bins, θ = atan2(v, u) (v posterior, so θ = +π/2 points to the spine and
 * -π/2 to the sternum): the skin, the outer surface of the muscles (under the subcutaneous fat) and the
 * thoracic cavity (the inner surface of the ribs). The body is not an ellipse: an ellipse with random
 * harmonics, thicker muscle behind (paraspinal) and at the pectorals, a notch of the cavity around the
 * vertebral body, the back flattened where it lies on the table, and breasts that bulge the skin
 * anterolaterally over part of the height. Constant along w except the breasts.
 */
final class BodyShape {
    static final int BINS = 1024;
    private static final double BIN_RAD = 2 * Math.PI / BINS;

    private final double[] skin;
    private final double[] muscle;
    private final double[] cavity;
    private final double halfWidthMm;
    private final double halfDepthMm;
    private final double fatMm;
    private final List<Breast> breasts;

    /**
     * A breast: skin bulge of up to {@code protrusionMm} centred at angle {@code thetaRad} (half-width
     * {@code halfWidthRad}) and height {@code wMm} (half-height {@code halfHeightMm}); fibroglandular
     * tissue of density 0-1 in its fat.
     */
    record Breast(double thetaRad, double halfWidthRad, double protrusionMm, double wMm, double halfHeightMm, double density) {
        /** Bulge at bin angle {@code theta} and height {@code w}, mm. */
        double bulge(double theta, double w) {
            double dt = Math.abs(angleDiff(theta, thetaRad)) / halfWidthRad;
            double dz = (w - wMm) / halfHeightMm;
            if (dt >= 1 || dz * dz >= 1) {
                return 0;
            }
            // a rounded dome, fuller below its centre (it sags), spreading laterally when supine
            return protrusionMm * Math.sqrt(Math.cos(dt * Math.PI / 2)) * Math.sqrt(1 - dz * dz) * (dz < 0 ? 1 : 1 - 0.3 * dz);
        }
    }

    private BodyShape(double[] skin, double[] muscle, double[] cavity, double halfWidthMm, double halfDepthMm, double fatMm,
                      List<Breast> breasts) {
        this.skin = skin;
        this.muscle = muscle;
        this.cavity = cavity;
        this.halfWidthMm = halfWidthMm;
        this.halfDepthMm = halfDepthMm;
        this.fatMm = fatMm;
        this.breasts = breasts;
    }

    /** A trunk for this patient: size and fat from BMI and sex, shape drawn. */
    static BodyShape random(PatientRecord p, SplittableRandom r) {
        double size = clamp(Math.sqrt(p.bmiKgPerM2() / 27), 0.85, 1.3);
        double bu = (p.male() ? 163 : 150) * Math.pow(size, 0.8) * (1 + 0.05 * Plaque.gaussian(r));
        double bv = Math.max(106, (p.male() ? 118 : 113) * Math.pow(size, 1.15) * (1 + 0.06 * Plaque.gaussian(r)));
        double fat = clamp(4 + 1.25 * (p.bmiKgPerM2() - 18) * (p.male() ? 1 : 1.25) + 3 * Plaque.gaussian(r), 3, 45);
        double[] amp = new double[6];
        double[] phase = new double[6];
        for (int k = 2; k < 6; k++) {
            amp[k] = 0.018 * Plaque.gaussian(r) / (k - 1);
            phase[k] = 2 * Math.PI * r.nextDouble();
        }
        double wall = uniform(r, 10, 14);
        double paraspinal = uniform(r, 22, 32);
        double notch = uniform(r, 8, 14);
        double pectoral = uniform(r, 4, 12) * (p.male() ? 1.2 : 0.8);
        double lateralFat = uniform(r, 0.25, 0.5);
        double[] skin = new double[BINS];
        double[] muscle = new double[BINS];
        double[] cavity = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            double t = theta(b);
            double c = Math.cos(t);
            double s = Math.sin(t);
            double re = 1 / Math.sqrt(c * c / (bu * bu) + s * s / (bv * bv));
            double h = 1;
            for (int k = 2; k < 6; k++) {
                h += amp[k] * Math.cos(k * t + phase[k]);
            }
            double rs = re * h - 4 * bump(t, -Math.PI / 2, 0.25); // a shallow groove over the sternum
            double f = fat * (0.8 + lateralFat * c * c - (s > 0 ? 0.25 * s * s : 0)); // the back's fat pressed thinner
            double wl = wall + 3 * bump(t, -Math.PI / 2, 0.3) // sternum and presternal tissue
                    + paraspinal * bump(t, Math.PI / 2, 0.55) + notch * bump(t, Math.PI / 2, 0.2) // paraspinal muscles, vertebra
                    + pectoral * (bump(t, -Math.PI / 2 + 0.65, 0.35) + bump(t, -Math.PI / 2 - 0.65, 0.35));
            skin[b] = rs;
            muscle[b] = rs - f;
            cavity[b] = rs - f - wl;
        }
        List<Breast> breasts = List.of();
        if (!p.male() && r.nextDouble() < 0.85) {
            double prot = clamp(uniform(r, 10, 35) + 2.2 * (p.bmiKgPerM2() - 24), 8, 90);
            double at = uniform(r, 0.6, 0.85);
            double hw = uniform(r, 0.6, 0.85);
            double wc = uniform(r, -20, 30);
            double hh = uniform(r, 60, 90);
            double dens = uniform(r, 0.15, 0.7);
            breasts = List.of(new Breast(-Math.PI / 2 - at, hw, prot * uniform(r, 0.9, 1.1), wc, hh, dens),
                    new Breast(-Math.PI / 2 + at, hw, prot * uniform(r, 0.9, 1.1), wc, hh, dens));
        }
        return new BodyShape(skin, muscle, cavity, bu, bv, fat, breasts);
    }

    /**
     * This body lying on {@code table}: where the skin would pass below the table's top surface it follows
     * the surface (the back flattens), the fat and muscle under it compressed.
     */
    BodyShape on(PatientTable table) {
        double[] s = skin.clone();
        double[] m = muscle.clone();
        double[] c = cavity.clone();
        for (int b = 0; b < BINS; b++) {
            double t = theta(b);
            double sn = Math.sin(t);
            double cs = Math.cos(t);
            if (sn <= 0 || skin[b] * sn <= table.surfaceV(skin[b] * cs)) {
                continue;
            }
            double lo = 0;
            double hi = skin[b];
            for (int k = 0; k < 40; k++) {
                double mid = (lo + hi) / 2;
                if (mid * sn <= table.surfaceV(mid * cs)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            s[b] = lo;
            m[b] = Math.min(muscle[b], lo - 0.5 * (skin[b] - muscle[b]));
            c[b] = Math.min(cavity[b], m[b] - 0.7 * (muscle[b] - cavity[b]));
        }
        return new BodyShape(s, m, c, halfWidthMm, halfDepthMm, fatMm, breasts);
    }

    /** Angle bin of the direction (u, v). */
    static int bin(double u, double v) {
        int b = (int) ((Math.atan2(v, u) + Math.PI) / BIN_RAD);
        return b >= BINS ? BINS - 1 : Math.max(b, 0);
    }

    /** Centre angle of bin {@code b}, radians. */
    static double theta(int b) {
        return -Math.PI + (b + 0.5) * BIN_RAD;
    }

    /** Skin radius (mm) in bin {@code b} at height {@code w}, with the breasts. */
    double skin(int b, double w) {
        return skin[b] + bulge(b, w);
    }

    /** The breasts' bulge (mm) in bin {@code b} at height {@code w}. */
    double bulge(int b, double w) {
        double s = 0;
        for (Breast br : breasts) {
            s += br.bulge(theta(b), w);
        }
        return s;
    }

    /** The largest bulge of the breasts (over all heights) in bin {@code b}, mm. */
    double maxBulge(int b) {
        double s = 0;
        for (Breast br : breasts) {
            s += br.bulge(theta(b), br.wMm());
        }
        return s;
    }

    /** The breasts' bulge in every bin at height {@code w} into {@code out} (zeros without breasts). */
    void bulges(double w, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (Breast br : breasts) {
            if (Math.abs(w - br.wMm()) >= br.halfHeightMm()) {
                continue;
            }
            for (int b = 0; b < BINS; b++) {
                out[b] += br.bulge(theta(b), w);
            }
        }
    }

    /** Skin radius (mm) without the breasts. */
    double skinBase(int b) {
        return skin[b];
    }

    /** Radius (mm) of the muscles' outer surface (under the subcutaneous fat). */
    double muscle(int b) {
        return muscle[b];
    }

    /** Radius (mm) of the thoracic cavity (inner surface of the ribs). */
    double cavity(int b) {
        return cavity[b];
    }

    /**
     * Whether radius {@code rMm} in bin {@code b} lies on a fat plane between muscle layers of the chest wall
     * (under the pectorals in front, between latissimus and serratus at the sides and back), 1.5 mm thick.
     */
    boolean fatPlane(int b, double rMm) {
        double wall = muscle[b] - cavity[b];
        if (wall < 14) {
            return false;
        }
        double f = (rMm - cavity[b] - 8) / (wall - 8);
        double t = theta(b);
        double at = 0.55 + 0.12 * Math.sin(3 * t);
        return f > 0 && Math.abs(f - at) * (wall - 8) < 0.75 && Math.abs(Math.abs(angleDiff(t, Math.PI / 2)) - 1.6) < 1.2;
    }

    /** Radius of the cavity towards (u, v). */
    double cavityToward(double u, double v) {
        return cavity[bin(u, v)];
    }

    /** Whether (u, v) lies inside the thoracic cavity, at least {@code marginMm} from its boundary (radially). */
    boolean insideCavity(double u, double v, double marginMm) {
        return Math.hypot(u, v) <= cavity[bin(u, v)] - marginMm;
    }

    /**
     * Fibroglandular fraction (0-1) at (bin, radius, height) where the breasts bulge the skin by
     * {@code bulgeMm} in that bin (0 elsewhere): densest mid-depth, with a lobular ripple.
     */
    double glandular(int b, double rMm, double w, double bulgeMm) {
        if (bulgeMm < 4 || rMm < muscle[b] + 3 || rMm > skin[b] + bulgeMm - 3) {
            return 0;
        }
        Breast br = breasts.get(0);
        double depth = (rMm - muscle[b]) / (skin[b] + bulgeMm - muscle[b]);
        double t = theta(b);
        double ripple = Math.sin(0.45 * rMm + 7 * t + 0.11 * w) + Math.sin(0.31 * rMm - 11 * t + 0.07 * w + 1.3)
                + Math.sin(0.17 * rMm + 17 * t - 0.13 * w + 2.1);
        return br.density() * Math.min(1, bulgeMm / br.protrusionMm() * 1.4) * (1 - Math.abs(2 * depth - 1) * 0.7)
                * Math.max(0, Math.min(1, 0.5 + 0.35 * ripple));
    }

    /** Half-width (lateral) of the drawn ellipse, before harmonics, mm. */
    double halfWidthMm() {
        return halfWidthMm;
    }

    /** Half-depth (antero-posterior) of the drawn ellipse, before harmonics, mm. */
    double halfDepthMm() {
        return halfDepthMm;
    }

    double fatMm() {
        return fatMm;
    }

    boolean hasBreasts() {
        return !breasts.isEmpty();
    }

    /** Posterior skin at the midline (v of the back), mm. */
    double backV() {
        return skin[bin(0, 1)];
    }

    /** A Gaussian bump of width {@code width} (radians) around {@code centre}, on the circle. */
    static double bump(double t, double centre, double width) {
        double d = angleDiff(t, centre) / width;
        return Math.exp(-d * d);
    }

    static double angleDiff(double a, double b) {
        double d = a - b;
        while (d > Math.PI) {
            d -= 2 * Math.PI;
        }
        while (d < -Math.PI) {
            d += 2 * Math.PI;
        }
        return d;
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
