package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * The HU of each tissue in one case, at its tube voltage. Values are drawn at 120 kVp and scaled:
 * bone, calcium and metal-free dense objects by {@link #denseFactor(double)} (higher HU at lower kVp, as
 * the photoelectric effect of calcium grows), fat by {@link #fatFactor(double)}, iodine by
 * {@link #iodineFactor(double)}; water-like soft tissue stays put.
 */
record Materials(float air, float fat, float epicardialFat, float muscle, float blood, float myocardium, float liver,
                 float spleen, float lung, float lungGradientPer100Mm, float cortical, float trabecular, float disc,
                 float cartilage, float marrow, float csf, float pericardium, float glandular, float carbon, float foam,
                 float pad, float metal, float wire, float electrodePad, double denseScale) {

    /** Dense-material (bone, calcium) HU scale relative to 120 kVp: (120 / kVp)^0.75 (80 kVp: x1.36, 140 kVp: x0.89). */
    static double denseFactor(double kvp) {
        return Math.pow(120 / kvp, 0.75);
    }

    /** Fat HU scale relative to 120 kVp: (120 / kVp)^0.35 (fat about -110 HU at 80 kVp, -95 at 140). */
    static double fatFactor(double kvp) {
        return Math.pow(120 / kvp, 0.35);
    }

    /** Iodine HU scale relative to 120 kVp: (120 / kVp)^1.3. */
    static double iodineFactor(double kvp) {
        return Math.pow(120 / kvp, 1.3);
    }

    static Materials draw(SplittableRandom r, double kvp, int ageYears, boolean contrast) {
        double d = denseFactor(kvp);
        double f = fatFactor(kvp);
        float fat = (float) (f * u(r, -105, -85));
        float blood = contrast ? (float) (iodineFactor(kvp) * u(r, 300, 400)) : (float) u(r, 34, 44);
        float myo = contrast ? (float) u(r, 90, 130) : (float) (blood + u(r, 6, 14));
        // trabecular bone thins with age: about 330 HU at 40 years, 200 at 80
        double trab = Math.max(150, Math.min(400, 460 - 3.2 * ageYears + u(r, -40, 40)));
        return new Materials(-1000, fat, fat + 10, (float) u(r, 40, 55), blood, myo, (float) u(r, 50, 65),
                (float) u(r, 40, 50), (float) u(r, -880, -830), (float) u(r, 20, 45),
                (float) (d * u(r, 800, 1200)), (float) (d * trab), (float) u(r, 75, 100), (float) u(r, 80, 140),
                (float) (f * u(r, -60, -10)), (float) u(r, 10, 25), (float) u(r, 10, 30), (float) u(r, 15, 40),
                (float) (d * u(r, 300, 500)), (float) u(r, -960, -920), (float) u(r, -850, -650), 3071f,
                (float) (d * u(r, 800, 1400)), (float) u(r, -150, -20), d);
    }

    private static double u(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
