package org.calcify.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible courses of the LM, LAD, LCX and RCA on the heart of a real scan. A template coronary tree
 * is laid on the {@link HeartFrame} in (position along the long axis, angle around it), each template
 * point is pushed out to the heart's surface ({@link EpicardialSnapper#surfaceMm}) and from
 * {@value #MIN_OUT_MM} to {@value #MAX_OUT_MM} mm beyond it (drawn per artery: a nominal point inside the
 * myocardium snaps to the fat against it, so some arteries' plaques lie against the heart's wall), then snapped to the nearest voxel of epicardial fat that
 * {@link InsertionRules#pathPoint} accepts (fat in the heart region, clear of air, lung, bone and
 * dense voxels: never through bone, lung or the blood pool). Where no such fat lies within
 * {@value #SNAP_MM} mm the path has a gap. The template, with angles as in {@link HeartFrame}:
 * <ul>
 *   <li><b>LM</b>: from the left wall of the aortic root straight to the bifurcation, at the top of the
 *       anterior interventricular groove on the AV plane;</li>
 *   <li><b>LAD</b>: down the anterior interventricular groove (φ {@value #AIV_MIN_DEG}..{@value #AIV_MAX_DEG}°)
 *       from the AV plane to near the apex;</li>
 *   <li><b>LCX</b>: from the bifurcation round the left atrioventricular groove through
 *       {@value #LCX_MIN_DEG}..{@value #LCX_MAX_DEG}° towards the back;</li>
 *   <li><b>RCA</b>: from the right wall of the aortic root into the right atrioventricular groove
 *       (φ {@value #RCA_START_MIN_DEG}..{@value #RCA_START_MAX_DEG}°), round the right side to the crux on the
 *       diaphragmatic surface (φ {@value #CRUX_MIN_DEG}..{@value #CRUX_MAX_DEG}°), then as the posterior
 *       descending artery part of the way towards the apex.</li>
 * </ul>
 * Every proportion and angle is drawn at random (seeded) within these ranges, and the courses wiggle.
 */
public final class CoronaryPaths {
    static final double SNAP_MM = 6;
    static final double AIV_MIN_DEG = 20;
    static final double AIV_MAX_DEG = 50;
    static final double LCX_MIN_DEG = 100;
    static final double LCX_MAX_DEG = 140;
    static final double RCA_START_MIN_DEG = -25;
    static final double RCA_START_MAX_DEG = -5;
    static final double CRUX_MIN_DEG = -150;
    static final double CRUX_MAX_DEG = -120;
    /** An artery's nominal course lies this far beyond the heart's surface (negative: inside), mm; drawn per artery. */
    static final double MIN_OUT_MM = -2.0;
    static final double MAX_OUT_MM = 2.5;
    /** Radius of the aortic root at the ostia, mm: the coronaries leave its wall. */
    static final double ROOT_RADIUS_MM = 13;
    /** Template samples per artery segment. */
    static final int SAMPLES = 160;

    private CoronaryPaths() {
    }

    private interface Course {
        /** Position along the axis (mm) and angle (rad) at template parameter t in [0, 1]. */
        double[] at(double t);
    }

    /** The four arteries' paths, in the order LM, LAD, LCX, RCA. */
    public static List<ArteryPath> plan(CaseBackground bg, HeartFrame f, InsertionRules rules, SplittableRandom r) {
        EpicardialSnapper snapper = new EpicardialSnapper(bg, rules);
        double apex = f.apexMm();
        double av = f.avPlaneMm();
        // each artery's own distance from the surface: in the fat (0.5-2.5 mm out) or, drawn inside the
        // myocardium, snapped to the fat against it, so that its plaques lie against the heart's wall
        double[] out = new double[3];
        for (int k = 0; k < out.length; k++) {
            out[k] = HeartFrameFitter.uniform(r, MIN_OUT_MM, MAX_OUT_MM);
        }
        double aiv = Math.toRadians(HeartFrameFitter.uniform(r, AIV_MIN_DEG, AIV_MAX_DEG));
        double bif = aiv + Math.toRadians(HeartFrameFitter.uniform(r, 5, 30));
        double lcxSweep = Math.toRadians(HeartFrameFitter.uniform(r, LCX_MIN_DEG, LCX_MAX_DEG));
        double lcxDrop = HeartFrameFitter.uniform(r, 0, 0.15) * apex;
        double rcaStart = Math.toRadians(HeartFrameFitter.uniform(r, RCA_START_MIN_DEG, RCA_START_MAX_DEG));
        double crux = Math.toRadians(HeartFrameFitter.uniform(r, CRUX_MIN_DEG, CRUX_MAX_DEG));
        double pda = HeartFrameFitter.uniform(r, 0.35, 0.6);
        double ladEnd = HeartFrameFitter.uniform(r, 0.8, 0.95) * apex;
        double[] wig = {2 * Math.PI * r.nextDouble(), 2 * Math.PI * r.nextDouble(), 2 * Math.PI * r.nextDouble()};
        double w = Math.toRadians(6);

        Course lad = t -> new double[] {av + t * (ladEnd - av),
            aiv + (bif - aiv) * Math.max(0, 1 - 5 * t) + w * Math.sin(5 * t + wig[0])};
        Course lcx = t -> new double[] {av + t * lcxDrop, bif + t * lcxSweep + w * Math.sin(4 * t + wig[1])};
        Course rcaGroove = t -> new double[] {av + 2 * Math.sin(3 * t + wig[2]), rcaStart + t * (crux - rcaStart)};
        Course pdaCourse = t -> new double[] {av + t * pda * (apex - av), crux + w * Math.sin(4 * t + wig[2])};

        double[] bifPoint = surfacePoint(snapper, f, av, bif, out[0]);
        double[] rcaPoint = surfacePoint(snapper, f, av, rcaStart, out[2]);
        List<ArteryPath> paths = new ArrayList<>();
        paths.add(new ArteryPath(LesionSite.LM, bifPoint == null ? List.of()
                : snapLine(snapper, ostium(f, bifPoint), bifPoint, 0, 1)));
        paths.add(new ArteryPath(LesionSite.LAD, snapCourse(snapper, f, lad, out[0], 0, 1)));
        paths.add(new ArteryPath(LesionSite.LCX, snapCourse(snapper, f, lcx, out[1], 0, 1)));
        List<ArteryPath.Point> rca = new ArrayList<>();
        if (rcaPoint != null) {
            rca.addAll(snapLine(snapper, ostium(f, rcaPoint), rcaPoint, 0, 0.1));
        }
        rca.addAll(snapCourse(snapper, f, rcaGroove, out[2], 0.1, 0.75));
        rca.addAll(snapCourse(snapper, f, pdaCourse, out[2], 0.75, 1));
        paths.add(new ArteryPath(LesionSite.RCA, rca));
        return paths;
    }

    /** The point {@code outMm} beyond the heart's surface at (along, phi), or null where no surface is found. */
    private static double[] surfacePoint(EpicardialSnapper s, HeartFrame f, double alongMm, double phi, double outMm) {
        double surface = s.surfaceMm(f, alongMm, phi);
        return Double.isNaN(surface) ? null : f.point(alongMm, surface + outMm, phi);
    }

    /** Where an artery leaves the aortic root: its wall, facing {@code toward}. */
    private static double[] ostium(HeartFrame f, double[] toward) {
        double[] d = HeartFrame.unit(f.aorticRootLps(), toward);
        double[] c = f.aorticRootLps();
        return new double[] {c[0] + ROOT_RADIUS_MM * d[0], c[1] + ROOT_RADIUS_MM * d[1], c[2] + ROOT_RADIUS_MM * d[2]};
    }

    private static List<ArteryPath.Point> snapCourse(EpicardialSnapper s, HeartFrame f, Course c, double outMm,
                                                     double fraction0, double fraction1) {
        List<ArteryPath.Point> pts = new ArrayList<>();
        double[] prev = null;
        double[][] nominal = new double[SAMPLES + 1][];
        for (int i = 0; i <= SAMPLES; i++) {
            double[] ap = c.at(i / (double) SAMPLES);
            nominal[i] = surfacePoint(s, f, ap[0], ap[1], outMm);
        }
        for (int i = 0; i <= SAMPLES; i++) {
            if (nominal[i] == null) {
                continue;
            }
            double[] a = nominal[Math.max(0, i - 1)] != null ? nominal[Math.max(0, i - 1)] : nominal[i];
            double[] b = i < SAMPLES && nominal[i + 1] != null ? nominal[i + 1] : nominal[i];
            double[] tangent = a == b ? f.longAxis() : HeartFrame.unit(a, b);
            prev = add(s, pts, nominal[i], tangent, fraction0 + (fraction1 - fraction0) * i / SAMPLES, prev);
        }
        return pts;
    }

    private static List<ArteryPath.Point> snapLine(EpicardialSnapper s, double[] from, double[] to, double fraction0, double fraction1) {
        List<ArteryPath.Point> pts = new ArrayList<>();
        double[] tangent = HeartFrame.unit(from, to);
        int n = 40;
        double[] prev = null;
        for (int i = 0; i <= n; i++) {
            double t = i / (double) n;
            double[] p = {from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1]), from[2] + t * (to[2] - from[2])};
            prev = add(s, pts, p, tangent, fraction0 + (fraction1 - fraction0) * t, prev);
        }
        return pts;
    }

    /** Snaps {@code nominal} and appends it unless it lands on the previous point's voxel; returns the last voxel. */
    private static double[] add(EpicardialSnapper s, List<ArteryPath.Point> pts, double[] nominal, double[] tangent,
                                double fraction, double[] prev) {
        int[] v = s.snap(nominal, SNAP_MM);
        if (v == null) {
            return prev;
        }
        double[] key = {v[0], v[1], v[2]};
        if (prev != null && prev[0] == key[0] && prev[1] == key[1] && prev[2] == key[2]) {
            return prev;
        }
        // a voxel already on the path (the course doubled back) is kept once
        for (ArteryPath.Point p : pts) {
            if (p.voxelZyx()[0] == v[0] && p.voxelZyx()[1] == v[1] && p.voxelZyx()[2] == v[2]) {
                return key;
            }
        }
        pts.add(new ArteryPath.Point(v, s.lpsOf(v), tangent, fraction));
        return key;
    }
}
