package org.calcify.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.ScoreTriple;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Makes one hybrid case from a real background and a seed: draws the augmentation, fits the
 * {@link HeartFrame}, plans the {@link CoronaryPaths}, then inserts coronary plaques (artery by
 * {@link #ARTERY_SHARE}, a point along its path weighted by 1.5 minus its position along the artery: the
 * most proximal points three times as likely as the most distal) and
 * non-coronary calcifications (aortic root, mitral annulus), each retried up to
 * {@value #MAX_ATTEMPTS} times until {@link InsertionRules} accept one. Every draw comes from one
 * {@link SplittableRandom} seeded with the case seed, so a seed always gives the same case; a plaque
 * the rules never accept is left out (the truth lists what went in).
 */
public final class HybridGenerator {
    /** Share of coronary plaques per artery (LM, LAD, LCX, RCA), as in the phantom. */
    static final double[] ARTERY_SHARE = {0.08, 0.40, 0.22, 0.30};
    static final int MAX_ATTEMPTS = 100;
    /** The aortic root's axis, LPS: up, a little right and anterior (normalised in use). */
    /** Share of mitral-annulus calcifications drawn as arcs along the annulus. */
    static final double ANNULUS_ARC_SHARE = 0.5;
    static final double[] AORTIC_AXIS_LPS = {-0.35, -0.35, 0.87};
    /** Largest step between neighbouring path points an extensive plaque follows, mm. */
    static final double MAX_PATH_STEP_MM = 6;

    private HybridGenerator() {
    }

    /** The case of {@code seed} on {@code source}. */
    public static HybridCase generate(HybridBackground source, HybridOptions o, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean empty = r.nextDouble() < o.emptyFraction();
        Augmentation aug = drawAugmentation(source, o, r);
        CaseBackground bg = new CaseBackground(source, aug);
        double psf = HeartFrameFitter.uniform(r, o.minPsfMm(), o.maxPsfMm());
        Geometry g = bg.geometry();
        if (empty) {
            return new HybridCase(source.name(), seed, true, aug, psf, bg.ct(), bg.ct(),
                    Volume.ofBytes(g, new byte[g.voxelCount()]), List.of(), null, List.of(), new int[2]);
        }
        HeartFrame frame = HeartFrameFitter.fit(bg, r);
        InsertionRules rules = new InsertionRules(bg);
        List<ArteryPath> paths = CoronaryPaths.plan(bg, frame, rules, r);
        PlaqueInserter inserter = new PlaqueInserter(bg, rules, new PlaqueStamper(g, bg.sliceThicknessMm(), psf));
        int coronary = o.minCoronary() + r.nextInt(o.maxCoronary() - o.minCoronary() + 1);
        int nonCoronary = o.minNonCoronary() + r.nextInt(o.maxNonCoronary() - o.minNonCoronary() + 1);
        for (int k = 0; k < coronary; k++) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                PlaqueModel m = coronaryPlaque(paths, o.extensiveShare(), r);
                if (m != null && inserter.tryInsert(m) != null) {
                    break;
                }
            }
        }
        EpicardialSnapper snapper = new EpicardialSnapper(bg, rules);
        for (int k = 0; k < nonCoronary; k++) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                PlaqueModel m = nonCoronaryPlaque(frame, snapper, r);
                if (m != null && inserter.tryInsert(m) != null) {
                    break;
                }
            }
        }
        Volume ct = Volume.ofShorts(g, inserter.ct()).withMetadata(bg.ct().metadata());
        Volume labels = Volume.ofBytes(g, inserter.labels());
        return new HybridCase(source.name(), seed, false, aug, psf, bg.ct(), ct, labels, truth(bg, ct, inserter.inserted()), frame, paths,
                new int[] {coronary, nonCoronary});
    }

    private static Augmentation drawAugmentation(HybridBackground source, HybridOptions o, SplittableRandom r) {
        Geometry g = source.ct().geometry();
        int sx = (int) Math.floor(o.maxShiftMm() / g.spacingX());
        int sy = (int) Math.floor(o.maxShiftMm() / g.spacingY());
        int crop = Math.max(0, Math.min(o.maxCropSlices(), (g.sizeZ() - 4) / 2));
        int shiftX = sx == 0 ? 0 : r.nextInt(2 * sx + 1) - sx;
        int shiftY = sy == 0 ? 0 : r.nextInt(2 * sy + 1) - sy;
        int first = crop == 0 ? 0 : r.nextInt(crop + 1);
        int last = crop == 0 ? 0 : r.nextInt(crop + 1);
        double noise = o.maxExtraNoiseHu() * r.nextDouble();
        return new Augmentation(shiftX, shiftY, first, last, noise, o.noiseCorrelationMm(), r.nextLong());
    }

    /**
     * A coronary plaque at a random point of a random artery's path, or null when that artery has no path;
     * with probability {@code extensiveShare} an {@linkplain PlaqueSampler#extensive extensive} one along the path
     * from that point (no draw is made for it when the share is 0, so such cohorts are drawn as before).
     */
    static PlaqueModel coronaryPlaque(List<ArteryPath> paths, double extensiveShare, SplittableRandom r) {
        double u = r.nextDouble();
        int a = 0;
        double acc = ARTERY_SHARE[0];
        while (a < 3 && u >= acc) {
            acc += ARTERY_SHARE[++a];
        }
        ArteryPath path = paths.get(a);
        if (path.points().isEmpty()) {
            return null;
        }
        int i;
        do {
            i = r.nextInt(path.points().size());
        } while (r.nextDouble() * 1.5 > 1.5 - path.points().get(i).fraction());
        ArteryPath.Point p = path.points().get(i);
        if (extensiveShare > 0 && r.nextDouble() < extensiveShare) {
            double length = HeartFrameFitter.uniform(r, PlaqueSampler.MIN_EXTENSIVE_MM, PlaqueSampler.MAX_EXTENSIVE_MM);
            return PlaqueSampler.extensive(path.site(), course(path, i, length), r);
        }
        return PlaqueSampler.draw(path.site(), p.lps(), p.tangent(), r);
    }

    /**
     * The path's points within {@code lengthMm / 2} (along the path) either side of point {@code i}, in order, at
     * least 1.5 mm apart; the walk stops at a gap of more than {@value #MAX_PATH_STEP_MM} mm between neighbours
     * (where the snapped path jumps, the artery's course is not known).
     */
    static List<double[]> course(ArteryPath path, int i, double lengthMm) {
        List<ArteryPath.Point> pts = path.points();
        int lo = walk(pts, i, -1, lengthMm / 2);
        int hi = walk(pts, i, +1, lengthMm / 2);
        List<double[]> out = new ArrayList<>();
        for (int k = lo; k <= hi; k++) {
            double[] c = pts.get(k).lps();
            if (out.isEmpty() || HeartFrameFitter.distance(out.get(out.size() - 1), c) >= 1.5) {
                out.add(c);
            }
        }
        return out;
    }

    /** The last point reached from point {@code i} stepping by {@code step} (-1 or +1) until {@code mm} are covered or the path jumps. */
    private static int walk(List<ArteryPath.Point> pts, int i, int step, double mm) {
        double covered = 0;
        while (i + step >= 0 && i + step < pts.size() && covered < mm) {
            double d = HeartFrameFitter.distance(pts.get(i).lps(), pts.get(i + step).lps());
            if (d > MAX_PATH_STEP_MM) {
                break;
            }
            covered += d;
            i += step;
        }
        return i;
    }

    /** An aortic-root or mitral-annulus calcification, or null where the frame gives no surface. */
    static PlaqueModel nonCoronaryPlaque(HeartFrame f, EpicardialSnapper snapper, SplittableRandom r) {
        if (r.nextBoolean()) {
            double[] axis = HeartFrameFitter.normalise(AORTIC_AXIS_LPS);
            double[] radial = PlaqueSampler.perpendicular(axis, r);
            double along = HeartFrameFitter.uniform(r, -6, 6);
            double out = HeartFrameFitter.uniform(r, 9, 15);
            double[] root = f.aorticRootLps();
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                c[k] = root[k] + along * axis[k] + out * radial[k];
            }
            return PlaqueSampler.draw(LesionSite.AORTIC_ROOT, c, HeartFrameFitter.cross(axis, radial), r);
        }
        double phi = Math.toRadians(HeartFrameFitter.uniform(r, 100, 230));
        double along = f.avPlaneMm() + HeartFrameFitter.uniform(r, -4, 4);
        double depth = HeartFrameFitter.uniform(r, 4, 12);
        if (r.nextDouble() < ANNULUS_ARC_SHARE) {
            // an arc along the annulus: 15-90 degrees at the same depth under the surface, blobs ~1.5 mm apart
            double span = Math.toRadians(HeartFrameFitter.uniform(r, 15, 90)) * (r.nextBoolean() ? 1 : -1);
            List<double[]> centres = new ArrayList<>();
            double[] prev = null;
            for (int i = 0; i <= 180; i++) {
                double a = phi + span * i / 180;
                double s = snapper.surfaceMm(f, along, a);
                if (Double.isNaN(s)) {
                    break;
                }
                double[] c = f.point(along + 1.5 * Math.sin(3 * (a - phi)), Math.max(0, s - depth), a);
                if (prev == null || HeartFrameFitter.distance(prev, c) >= 1.5) {
                    centres.add(c);
                    prev = c;
                }
            }
            return PlaqueSampler.arc(LesionSite.MITRAL_ANNULUS, centres, r);
        }
        double surface = snapper.surfaceMm(f, along, phi);
        if (Double.isNaN(surface)) {
            return null;
        }
        double[] c = f.point(along, Math.max(0, surface - depth), phi);
        return PlaqueSampler.draw(LesionSite.MITRAL_ANNULUS, c, f.direction(phi + Math.PI / 2), r);
    }

    /** Each lesion's truth, scored by {@link CalciumScorer} on its labelled voxels alone. */
    static List<InsertedLesion> truth(CaseBackground bg, Volume ct, List<PlaqueInserter.Insertion> inserted) {
        CalciumScorer scorer = new CalciumScorer();
        Geometry g = ct.geometry();
        byte[] one = new byte[g.voxelCount()];
        Volume oneLabels = Volume.ofBytes(g, one);
        short[] hu = ct.shorts();
        List<InsertedLesion> out = new ArrayList<>();
        for (PlaqueInserter.Insertion ins : inserted) {
            LesionSite site = ins.model().site();
            byte label = (byte) (site.coronary() ? site.label() : 1);
            int max = Integer.MIN_VALUE;
            for (int v : ins.labelled()) {
                one[v] = label;
                max = Math.max(max, hu[v]);
            }
            CalciumScore s = scorer.score(ct, oneLabels);
            for (int v : ins.labelled()) {
                one[v] = 0;
            }
            ScoreTriple t = s.total();
            double[] c = ins.model().centreLps();
            int[] voxel = bg.voxelOf(c);
            out.add(new InsertedLesion(out.size() + 1, site, ins.model().shape(), ins.model().peakHu(), c,
                    voxel == null ? new int[] {-1, -1, -1} : voxel, ins.stamp().size(), ins.labelled().length, max, t));
        }
        return out;
    }
}
