package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything drawn for one patient, in the phantom frame (see {@link Anatomy}): trunk, table, skeleton,
 * heart, great vessels, lung trees, arms, electrodes, the coronary tree, an optional gastric air bubble.
 * Immutable once drawn; rendering it is {@link SliceRenderer}'s job.
 */
final class Scene {
    final PatientRecord patient;
    final BodyShape body;
    final PatientTable table;
    final Skeleton skeleton;
    final Anatomy anatomy;
    final Heart heart;
    final GreatVessels vessels;
    final LungTrees lungs;
    final List<Arm> arms;
    final Electrodes electrodes;
    final List<Vessel> coronaryTree;
    /** The coronary tree as tube pieces about 0.9 mm long, indexed by height, for painting. */
    final SegmentIndex coronarySegments;
    /** The coronaries' fat sleeves: each segment's radius is its lumen's plus the sleeve (none where it dips onto the myocardium). */
    final SegmentIndex coronarySleeves;
    /** Gastric air bubble under the left dome: centre (u, v, w), semi-axes; null when none. */
    final double[] gastricBubble;

    private Scene(PatientRecord patient, SplittableRandom r, boolean contrast) {
        this.patient = patient;
        BodyShape free = BodyShape.random(patient, r);
        this.table = PatientTable.under(free, r);
        this.body = free.on(table);
        this.skeleton = Skeleton.random(body, patient, r);
        this.anatomy = Anatomy.random(body, skeleton, r, contrast);
        this.heart = new Heart(anatomy, r, patient.bmiKgPerM2());
        this.vessels = new GreatVessels(anatomy, skeleton, r);
        this.lungs = new LungTrees(anatomy, vessels, skeleton, r);
        this.arms = Arm.random(body, table, patient, r);
        this.electrodes = new Electrodes(body, r);
        this.coronaryTree = Vessel.coronaryTree(anatomy, r);
        List<Segment> segs = new ArrayList<>();
        List<Segment> sleeves = new ArrayList<>();
        for (Vessel v : coronaryTree) {
            double[] p = v.pointsMm();
            for (int j = 0; j < v.size() - 1; j += 3) {
                int k = Math.min(v.size() - 1, j + 3);
                double radius = 0.5 * (v.radiiMm()[j] + v.radiiMm()[k]);
                segs.add(new Segment(p[3 * j], p[3 * j + 1], p[3 * j + 2], p[3 * k], p[3 * k + 1], p[3 * k + 2], radius));
                double sleeve = Math.min(v.sleeveMm()[j], v.sleeveMm()[k]);
                if (sleeve > 0.05) {
                    sleeves.add(new Segment(p[3 * j], p[3 * j + 1], p[3 * j + 2], p[3 * k], p[3 * k + 1], p[3 * k + 2], radius + sleeve));
                }
            }
        }
        this.coronarySegments = new SegmentIndex(segs);
        this.coronarySleeves = new SegmentIndex(sleeves);
        double[] d = anatomy.diaphragm();
        this.gastricBubble = r.nextDouble() < 0.4 ? new double[] {d[3] + 10, d[4] - 10, d[5] - 18,
            Anatomy.uniform(r, 15, 30), Anatomy.uniform(r, 12, 22), Anatomy.uniform(r, 8, 14)} : null;
    }

    /** Draws a patient's scene from {@code r}. */
    static Scene random(PatientRecord patient, SplittableRandom r, boolean contrast) {
        return new Scene(patient, r, contrast);
    }

    /** Lowest and highest w of the heart with the aortic root and the coronary ostia: what a scan must cover. */
    double[] heartSpanW() {
        double[] root = anatomy.aorticRoot();
        return new double[] {-anatomy.heartAxesMm()[2], root[2] + 8};
    }
}
