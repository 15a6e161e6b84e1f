package org.calcify.cli;

import java.util.SplittableRandom;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * A small synthetic chest CT slab for the demo (int16 HU): air, a body ellipse of soft tissue with
 * fat, two lungs, a vertebra, a sternum, a heart, and a few calcium specks, plus noise. Deterministic
 * per seed. (The full cardiac phantom arrives with {@code calcify phantom}.)
 */
final class DemoVolume {
    private DemoVolume() {
    }

    static Volume create(int sizeX, int sizeY, int sizeZ, long seed) {
        double[] spacing = {0.7, 0.7, 2.5};
        double[] origin = {-sizeX * 0.35, -sizeY * 0.35, -100.0};
        double[] direction = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        Geometry g = Geometry.of(sizeX, sizeY, sizeZ, spacing, origin, direction);
        short[] hu = new short[g.voxelCount()];
        SplittableRandom rnd = new SplittableRandom(seed);
        double cx = sizeX / 2.0;
        double cy = sizeY / 2.0;
        for (int z = 0; z < sizeZ; z++) {
            for (int y = 0; y < sizeY; y++) {
                for (int x = 0; x < sizeX; x++) {
                    double u = (x - cx) / (0.45 * sizeX);
                    double v = (y - cy) / (0.33 * sizeY);
                    double value = -1000;
                    double body = u * u + v * v;
                    if (body < 1) {
                        value = body > 0.8 ? -100 : 40; // subcutaneous fat, then soft tissue
                        double lu = Math.abs(u) - 0.5;
                        if (lu * lu / 0.09 + v * v / 0.45 < 1) {
                            value = -850; // lungs
                        }
                        double hu0 = (u + 0.08) * (u + 0.08) / 0.06 + (v + 0.1) * (v + 0.1) / 0.12;
                        if (hu0 < 1) {
                            value = 45; // heart
                        }
                        if (u * u / 0.01 + (v - 0.75) * (v - 0.75) / 0.012 < 1) {
                            value = 650; // vertebral body
                        }
                        if (u * u / 0.008 + (v + 0.85) * (v + 0.85) / 0.004 < 1) {
                            value = 450; // sternum
                        }
                    }
                    hu[g.index(z, y, x)] = (short) Math.round(value + rnd.nextGaussian() * 12);
                }
            }
        }
        // calcium specks on the heart's surface
        for (int k = 0; k < 4; k++) {
            int z0 = 2 + rnd.nextInt(Math.max(1, sizeZ - 4));
            double angle = rnd.nextDouble() * 2 * Math.PI;
            int x0 = (int) (cx - 0.08 * 0.45 * sizeX + Math.cos(angle) * 0.22 * 0.45 * sizeX);
            int y0 = (int) (cy - 0.1 * 0.33 * sizeY + Math.sin(angle) * 0.3 * 0.33 * sizeY);
            int peak = 250 + rnd.nextInt(700);
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    double r2 = dx * dx + dy * dy;
                    if (r2 <= 4 && g.contains(z0, y0 + dy, x0 + dx)) {
                        hu[g.index(z0, y0 + dy, x0 + dx)] = (short) Math.round(peak * Math.exp(-r2 / 6.0));
                    }
                }
            }
        }
        return Volume.ofShorts(g, hu).withMetadata("format", "synthetic");
    }
}
