package org.calcify.nn.data;

import java.util.SplittableRandom;

/**
 * Training-time changes of a patch, drawn per sample from a seeded generator. Patches are float
 * arrays in C order: the cube (z, y, x), the planes axial (y, x), sagittal (z, y), coronal (z, x).
 *
 * @param shiftVoxels     largest shift along each axis, in voxels (edges repeat)
 * @param rotationDegrees largest in-plane (axial, about z) rotation in degrees, bilinear; cube only:
 *                        rotating tri-planar patches would need the scan, so they get none
 * @param intensityJitter largest relative gain and offset change (values are in 0..1)
 * @param noiseSd         standard deviation of added Gaussian noise
 * @param flipLeftRight   mirror x with probability 1/2 (binary task only: a flip swaps left and right arteries)
 */
public record Augmentation(int shiftVoxels, double rotationDegrees, double intensityJitter, double noiseSd, boolean flipLeftRight) {
    /** The defaults: 2 voxels, 10 degrees, 10 %, noise 0.02. */
    public static Augmentation standard(boolean flipLeftRight) {
        return new Augmentation(2, 10, 0.1, 0.02, flipLeftRight);
    }

    /** The geometric part of one sample's augmentation, which its context cube follows. */
    record Drawn(boolean flip, double angle) {
    }

    /** Augments a cube (z, y, x) in place; {@code tmp} has the same length. */
    Drawn cube(float[] v, float[] tmp, int nz, int ny, int nx, SplittableRandom r) {
        int dz = shift(r);
        int dy = shift(r);
        int dx = shift(r);
        boolean flip = flipLeftRight && r.nextBoolean();
        double angle = rotationDegrees > 0 ? Math.toRadians((r.nextDouble() * 2 - 1) * rotationDegrees) : 0;
        shift3(v, tmp, nz, ny, nx, dz, dy, dx, flip);
        if (angle != 0) {
            for (int z = 0; z < nz; z++) {
                rotate(tmp, v, z * ny * nx, ny, nx, angle);
            }
        } else {
            System.arraycopy(tmp, 0, v, 0, v.length);
        }
        intensity(v, r);
        return new Drawn(flip, angle);
    }

    /**
     * Augments a context cube as its patch was: the same flip and in-plane rotation (its shifts, a few
     * voxels of the fine patch, are below one context sample and left out), and its own intensity jitter.
     */
    void context(float[] v, float[] tmp, int nz, int ny, int nx, Drawn drawn, SplittableRandom r) {
        shift3(v, tmp, nz, ny, nx, 0, 0, 0, drawn.flip());
        if (drawn.angle() != 0) {
            for (int z = 0; z < nz; z++) {
                rotate(tmp, v, z * ny * nx, ny, nx, drawn.angle());
            }
        } else {
            System.arraycopy(tmp, 0, v, 0, v.length);
        }
        intensity(v, r);
    }

    /** Augments the three planes consistently (same shifts and flip). */
    Drawn planes(float[] axial, float[] sagittal, float[] coronal, float[] tmp, int nz, int ny, int nx, SplittableRandom r) {
        int dz = shift(r);
        int dy = shift(r);
        int dx = shift(r);
        boolean flip = flipLeftRight && r.nextBoolean();
        shift3(axial, tmp, 1, ny, nx, 0, dy, dx, flip);
        System.arraycopy(tmp, 0, axial, 0, axial.length);
        shift3(sagittal, tmp, 1, nz, ny, 0, dz, dy, false);
        System.arraycopy(tmp, 0, sagittal, 0, sagittal.length);
        shift3(coronal, tmp, 1, nz, nx, 0, dz, dx, flip);
        System.arraycopy(tmp, 0, coronal, 0, coronal.length);
        double gain = 1 + (r.nextDouble() * 2 - 1) * intensityJitter;
        double offset = (r.nextDouble() * 2 - 1) * intensityJitter;
        long noiseSeed = r.nextLong();
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        for (float[] p : new float[][] {axial, sagittal, coronal}) {
            jitter(p, gain, offset, noise);
        }
        return new Drawn(flip, 0);
    }

    private int shift(SplittableRandom r) {
        return shiftVoxels > 0 ? r.nextInt(-shiftVoxels, shiftVoxels + 1) : 0;
    }

    /** dst[z][y][x] = src[z - dz][y - dy][x' - dx] with edges repeated; x' mirrored when flip. */
    private static void shift3(float[] src, float[] dst, int nz, int ny, int nx, int dz, int dy, int dx, boolean flip) {
        for (int z = 0; z < nz; z++) {
            int sz = clamp(z - dz, nz);
            for (int y = 0; y < ny; y++) {
                int sy = clamp(y - dy, ny);
                int sBase = (sz * ny + sy) * nx;
                int dBase = (z * ny + y) * nx;
                for (int x = 0; x < nx; x++) {
                    int sx = clamp(x - dx, nx);
                    dst[dBase + (flip ? nx - 1 - x : x)] = src[sBase + sx];
                }
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    /** Rotates the (ny, nx) slice at {@code off} of src into dst about its centre, bilinear, edges repeated. */
    private static void rotate(float[] src, float[] dst, int off, int ny, int nx, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double cy = (ny - 1) / 2.0;
        double cx = (nx - 1) / 2.0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double yy = y - cy;
                double xx = x - cx;
                double sy = c * yy - s * xx + cy;
                double sx = s * yy + c * xx + cx;
                sy = Math.max(0, Math.min(ny - 1, sy));
                sx = Math.max(0, Math.min(nx - 1, sx));
                int y0 = (int) sy;
                int x0 = (int) sx;
                int y1 = Math.min(y0 + 1, ny - 1);
                int x1 = Math.min(x0 + 1, nx - 1);
                double fy = sy - y0;
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * src[off + y0 * nx + x0] + fx * src[off + y0 * nx + x1])
                        + fy * ((1 - fx) * src[off + y1 * nx + x0] + fx * src[off + y1 * nx + x1]);
                dst[off + y * nx + x] = (float) v;
            }
        }
    }

    private void intensity(float[] v, SplittableRandom r) {
        double gain = 1 + (r.nextDouble() * 2 - 1) * intensityJitter;
        double offset = (r.nextDouble() * 2 - 1) * intensityJitter;
        jitter(v, gain, offset, new SplittableRandom(r.nextLong()));
    }

    private void jitter(float[] v, double gain, double offset, SplittableRandom noise) {
        if (noiseSd <= 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] * gain + offset);
            }
            return;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * gain + offset + noiseSd * gaussian(noise));
        }
    }

    /** A standard normal value (Box-Muller; SplittableRandom has none in Java 17). */
    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }
}
