package org.calcify.hybrid;

import java.util.SplittableRandom;
import org.calcify.anatomy.Morphology;
import org.calcify.volume.Geometry;

/**
 * Fits a {@link HeartFrame} to the heart of a case's background:
 * <ol>
 *   <li>the heart's mass is the heart region's soft tissue ({@value #MASS_MIN_HU} to
 *       {@value #MASS_MAX_HU} HU in a 3 x 3 in-plane mean: myocardium and, without contrast, blood),
 *       sampled every {@value #SAMPLE_MM} mm in-plane on every slice;</li>
 *   <li>its centre is the centroid of the thick core: mass at least half as deep (distance to the
 *       nearest non-mass sample) as the deepest mass sample;</li>
 *   <li>the long axis is the textbook one, towards the patient's left, anterior and inferior
 *       ({@link #MEAN_AXIS_LPS}: about 45° left of the sagittal plane, 35° below the axial one),
 *       turned by up to {@value #AXIS_JITTER_DEG}° at random: a 5 mm scan does not show the axis
 *       reliably enough to measure it, and the spread stands in for patients' variation;</li>
 *   <li>the apex is where a ray from the centre along the axis leaves the mass for
 *       {@value #EXIT_RUN_MM} mm;</li>
 *   <li>the atrioventricular groove's plane lies {@value #AV_MIN_FRACTION}-{@value #AV_MAX_FRACTION} of
 *       the centre-apex distance towards the base, and the aortic root {@value #ROOT_MIN_MM}-{@value #ROOT_MAX_MM}
 *       mm from the axis at φ = {@value #ROOT_MIN_DEG}..{@value #ROOT_MAX_DEG}°, a little on the base side of that
 *       plane (the anterior, superior, slightly right side of the base, measured on the project's real chest).</li>
 * </ol>
 */
public final class HeartFrameFitter {
    static final double MASS_MIN_HU = -30;
    static final double MASS_MAX_HU = 150;
    static final double SAMPLE_MM = 2.0;
    /** LPS direction of the mean long axis, base to apex (normalised in use). */
    static final double[] MEAN_AXIS_LPS = {0.58, -0.58, -0.57};
    static final double AXIS_JITTER_DEG = 10;
    static final double EXIT_RUN_MM = 4;
    static final double AV_MIN_FRACTION = 0.15;
    static final double AV_MAX_FRACTION = 0.30;
    static final double ROOT_MIN_MM = 16;
    static final double ROOT_MAX_MM = 24;
    static final double ROOT_MIN_DEG = -10;
    static final double ROOT_MAX_DEG = 25;
    static final double MIN_APEX_MM = 35;
    static final double MAX_APEX_MM = 110;

    private HeartFrameFitter() {
    }

    /** Fits a frame; {@code r} draws the axis jitter and the template's proportions. */
    public static HeartFrame fit(CaseBackground bg, SplittableRandom r) {
        double[] centre = coreCentre(bg);
        double[] axis = jitter(normalise(MEAN_AXIS_LPS.clone()), Math.toRadians(AXIS_JITTER_DEG), r);
        double[] ant = {0, -1, 0};
        double dot = ant[0] * axis[0] + ant[1] * axis[1] + ant[2] * axis[2];
        double[] anterior = normalise(new double[] {ant[0] - dot * axis[0], ant[1] - dot * axis[1], ant[2] - dot * axis[2]});
        double[] left = cross(anterior, axis);
        if (left[0] < 0) {
            left = new double[] {-left[0], -left[1], -left[2]};
        }
        double apex = apexMm(bg, centre, axis);
        double av = -apex * uniform(r, AV_MIN_FRACTION, AV_MAX_FRACTION);
        HeartFrame f = new HeartFrame(centre, axis, anterior, left, apex, av, centre);
        double[] root = f.point(av - uniform(r, 0, 8), uniform(r, ROOT_MIN_MM, ROOT_MAX_MM),
                Math.toRadians(uniform(r, ROOT_MIN_DEG, ROOT_MAX_DEG)));
        return new HeartFrame(centre, axis, anterior, left, apex, av, root);
    }

    /** Is the voxel nearest to {@code lps} heart mass? */
    static boolean mass(CaseBackground bg, double[] lps) {
        int[] v = bg.voxelOf(lps);
        if (v == null || !bg.inHeartRegion(v[0], v[1], v[2])) {
            return false;
        }
        double h = bg.smoothHu(v[0], v[1], v[2]);
        return h >= MASS_MIN_HU && h <= MASS_MAX_HU;
    }

    /** Centroid (LPS) of the heart mass at least half as deep as its deepest sample. */
    static double[] coreCentre(CaseBackground bg) {
        Geometry g = bg.geometry();
        int step = Math.max(1, (int) Math.round(SAMPLE_MM / Math.min(g.spacingX(), g.spacingY())));
        int sx = (g.sizeX() + step - 1) / step;
        int sy = (g.sizeY() + step - 1) / step;
        // one slice of non-mass beyond each end: what the scan does not show is not counted as heart, so
        // an organ cut by the first or last slice (the liver dome) is not deep
        int sz = g.sizeZ() + 2;
        boolean[] mass = new boolean[sx * sy * sz];
        boolean any = false;
        for (int z = 1; z < sz - 1; z++) {
            for (int y = 0; y < sy; y++) {
                for (int x = 0; x < sx; x++) {
                    int yy = y * step;
                    int xx = x * step;
                    if (bg.inHeartRegion(z - 1, yy, xx)) {
                        double h = bg.smoothHu(z - 1, yy, xx);
                        boolean m = h >= MASS_MIN_HU && h <= MASS_MAX_HU;
                        mass[(z * sy + y) * sx + x] = m;
                        any |= m;
                    }
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the heart region of " + bg.source().name() + " holds no soft tissue");
        }
        boolean[] not = new boolean[mass.length];
        for (int i = 0; i < mass.length; i++) {
            not[i] = !mass[i];
        }
        Morphology m = new Morphology(sz, sy, sx, new double[] {g.spacingZ(), step * g.spacingY(), step * g.spacingX()});
        float[] d2 = m.squaredDistanceTo(not, false);
        float deepest = 0;
        for (int i = 0; i < mass.length; i++) {
            if (mass[i]) {
                deepest = Math.max(deepest, d2[i]);
            }
        }
        double[] c = new double[3];
        long n = 0;
        for (int i = 0; i < mass.length; i++) {
            if (mass[i] && d2[i] >= deepest / 4) {
                int z = i / (sx * sy);
                int y = (i / sx) % sy;
                int x = i % sx;
                double[] w = g.indexToWorld(x * step, y * step, z - 1);
                for (int k = 0; k < 3; k++) {
                    c[k] += w[k];
                }
                n++;
            }
        }
        for (int k = 0; k < 3; k++) {
            c[k] /= n;
        }
        return c;
    }

    /** Distance from the centre along the axis to the last mass before {@value #EXIT_RUN_MM} mm of non-mass. */
    static double apexMm(CaseBackground bg, double[] centre, double[] axis) {
        double step = 0.5;
        double last = 0;
        for (double t = 0; t <= MAX_APEX_MM + EXIT_RUN_MM; t += step) {
            double[] p = {centre[0] + t * axis[0], centre[1] + t * axis[1], centre[2] + t * axis[2]};
            if (mass(bg, p)) {
                last = t;
            } else if (t - last >= EXIT_RUN_MM) {
                break;
            }
        }
        return Math.max(MIN_APEX_MM, Math.min(MAX_APEX_MM, last));
    }

    /** {@code v} turned by a random angle of at most {@code maxRad} in a random direction. */
    static double[] jitter(double[] v, double maxRad, SplittableRandom r) {
        double[] t = Math.abs(v[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] b = normalise(cross(v, t));
        double[] c = cross(v, b);
        double turn = Math.tan(maxRad * Math.sqrt(r.nextDouble()));
        double ang = 2 * Math.PI * r.nextDouble();
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            out[k] = v[k] + turn * (Math.cos(ang) * b[k] + Math.sin(ang) * c[k]);
        }
        return normalise(out);
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
