package org.calcify.phantom;

/**
 * One axial plane being painted, in the phantom frame: pixel (x, y) has its centre at
 * u = u0 + x * pixelMm, v = v0 + y * pixelMm; the plane lies at height {@code w}. Holds the HU, the anatomy
 * code and the region (outside, wall, cavity) of every pixel, row-major, and the polar coordinates of the
 * pixels about the body centre (shared by all planes of a grid). Scratch space of one thread.
 */
final class Plane {
    /** Region values: outside the skin, between skin and thoracic cavity, inside the cavity. */
    static final byte OUTSIDE = 0;
    static final byte WALL = 1;
    static final byte CAVITY = 2;

    final int nx;
    final int ny;
    final double u0;
    final double v0;
    final double pixelMm;
    final float[] hu;
    final byte[] code;
    final byte[] region;
    /** Distance (mm) of each pixel from the body centre. */
    final float[] radiusMm;
    /** Angle bin ({@link BodyShape#bin}) of each pixel. */
    final short[] bin;
    /** Breast bulge per angle bin at the current height (mm). */
    final double[] bulge = new double[BodyShape.BINS];
    double w;
    /** The w-independent part of the trunk on this grid, shared by siblings ({@link SliceRenderer#prepare}). */
    Object base;

    private Plane(int nx, int ny, double u0, double v0, double pixelMm, float[] radiusMm, short[] bin) {
        this.nx = nx;
        this.ny = ny;
        this.u0 = u0;
        this.v0 = v0;
        this.pixelMm = pixelMm;
        this.hu = new float[nx * ny];
        this.code = new byte[nx * ny];
        this.region = new byte[nx * ny];
        this.radiusMm = radiusMm;
        this.bin = bin;
    }

    /** A plane over the grid; its polar map is computed here (use {@link #sibling()} for more planes of the grid). */
    static Plane of(int nx, int ny, double u0, double v0, double pixelMm) {
        float[] r = new float[nx * ny];
        short[] b = new short[nx * ny];
        for (int y = 0; y < ny; y++) {
            double v = v0 + y * pixelMm;
            for (int x = 0; x < nx; x++) {
                double u = u0 + x * pixelMm;
                r[y * nx + x] = (float) Math.hypot(u, v);
                b[y * nx + x] = (short) BodyShape.bin(u, v);
            }
        }
        return new Plane(nx, ny, u0, v0, pixelMm, r, b);
    }

    /** A new scratch plane on the same grid, sharing the polar map. */
    Plane sibling() {
        Plane p = new Plane(nx, ny, u0, v0, pixelMm, radiusMm, bin);
        p.base = base;
        return p;
    }

    double u(int x) {
        return u0 + x * pixelMm;
    }

    double v(int y) {
        return v0 + y * pixelMm;
    }

    int xFloor(double u) {
        return (int) Math.floor((u - u0) / pixelMm);
    }

    int xCeil(double u) {
        return (int) Math.ceil((u - u0) / pixelMm);
    }

    int yFloor(double v) {
        return (int) Math.floor((v - v0) / pixelMm);
    }

    int yCeil(double v) {
        return (int) Math.ceil((v - v0) / pixelMm);
    }

    /** First column whose centre may lie within {@code reach} of u (clamped to the grid). */
    int x0(double u, double reach) {
        return Math.max(0, xFloor(u - reach));
    }

    int x1(double u, double reach) {
        return Math.min(nx - 1, xCeil(u + reach));
    }

    int y0(double v, double reach) {
        return Math.max(0, yFloor(v - reach));
    }

    int y1(double v, double reach) {
        return Math.min(ny - 1, yCeil(v + reach));
    }
}
