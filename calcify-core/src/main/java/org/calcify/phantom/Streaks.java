package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * Streak artefacts beside a dense object in one slice: thin lines through it, alternately dark and bright,
 * one dark band roughly lateral (the direction of the longest path through the body, where beam hardening
 * and photon starvation are worst), fading as {@code s0 / (s0 + s)} with the distance s from the object.
 * The rays' angles and signs come from the source's own seed, so they stay put from slice to slice.
 */
final class Streaks {
    private static final double FADE_MM = 10;
    private static final double WIDTH_MM = 0.9;

    private Streaks() {
    }

    /**
     * Adds the streaks of a source at (u, v) of radius {@code radiusMm} and strength {@code amplitudeHu}
     * (HU at the object's edge) within {@code reachMm} to the slice (row-major, nx x ny).
     */
    static void add(float[] hu, int nx, int ny, double u0, double v0, double pixelMm, double u, double v, double radiusMm,
                    double amplitudeHu, double reachMm, long seed) {
        if (amplitudeHu < 1) {
            return;
        }
        SplittableRandom r = new SplittableRandom(seed);
        int rays = 4 + r.nextInt(4);
        double[] cos = new double[rays];
        double[] sin = new double[rays];
        double[] amp = new double[rays];
        for (int j = 0; j < rays; j++) {
            double ang = j == 0 ? BodyShape.uniform(r, -0.3, 0.3) : Math.PI * r.nextDouble();
            cos[j] = Math.cos(ang);
            sin[j] = Math.sin(ang);
            amp[j] = amplitudeHu * BodyShape.uniform(r, 0.4, 1.0) * (j == 0 || j % 2 == 1 ? -1 : 1);
        }
        double width = Math.max(WIDTH_MM, 0.8 * pixelMm);
        double inv2w = 1 / (2 * width * width);
        int x0 = Math.max(0, (int) Math.floor((u - reachMm - u0) / pixelMm));
        int x1 = Math.min(nx - 1, (int) Math.ceil((u + reachMm - u0) / pixelMm));
        int y0 = Math.max(0, (int) Math.floor((v - reachMm - v0) / pixelMm));
        int y1 = Math.min(ny - 1, (int) Math.ceil((v + reachMm - v0) / pixelMm));
        double inner = radiusMm + 1;
        for (int y = y0; y <= y1; y++) {
            double dv = v0 + y * pixelMm - v;
            for (int x = x0; x <= x1; x++) {
                double du = u0 + x * pixelMm - u;
                double d2 = du * du + dv * dv;
                if (d2 < inner * inner || d2 > reachMm * reachMm) {
                    continue;
                }
                double add = 0;
                for (int j = 0; j < rays; j++) {
                    double perp = -du * sin[j] + dv * cos[j];
                    double p2 = perp * perp * inv2w;
                    if (p2 < 12) {
                        double along = Math.abs(du * cos[j] + dv * sin[j]) - inner;
                        add += amp[j] * Math.exp(-p2) * FADE_MM / (FADE_MM + Math.max(0, along));
                    }
                }
                hu[y * nx + x] += (float) add;
            }
        }
    }
}
