package org.calcify.detect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.volume.Volume;

/**
 * Whole-scan calcium localization: candidates (voxels at or above the threshold, grouped in 3D
 * components, with the cheap exclusions of {@link CandidateFinder}), a few voxels of each component
 * classified (the peak voxel first, then voxels spread over the component), their probabilities
 * averaged, and the winning class painted over the whole component.
 */
public final class Detector {
    private final CandidateFinder finder;
    private final CandidateClassifier classifier;
    private final int voxelsPerComponent;

    /**
     * @param voxelsPerComponent how many voxels of each component are classified (at least 1: the peak)
     */
    public Detector(CandidateFinder finder, CandidateClassifier classifier, int voxelsPerComponent) {
        if (voxelsPerComponent < 1) {
            throw new IllegalArgumentException("classify at least one voxel per component");
        }
        this.finder = finder;
        this.classifier = classifier;
        this.voxelsPerComponent = voxelsPerComponent;
    }

    /**
     * The default exclusions: body only, components above 3,000 mm³ (vertebrae, sternum) dropped, and
     * components no slice of which reaches Agatston's minimum lesion area of 1 mm² (they cannot be scored).
     */
    public static CandidateFinder defaultFinder() {
        return CandidateFinder.builder().thresholdHu(130).excludeOutsideBody(true).maxComponentMm3(3000).minAreaMm2(1.0).build();
    }

    /** Detection without anatomy: every candidate is classified. */
    public Detection detect(Volume ct, double[] emr) throws IOException {
        return detect(ct, emr, null);
    }

    /**
     * Detection where only candidates whose peak voxel lies in the heart region are classified: the
     * others (bone, cartilage, the aorta outside the pericardium, noise in the body wall) are never
     * coronary and never reach the classifier.
     *
     * @param anatomy the scan's anatomy, or null to classify every candidate
     */
    public Detection detect(Volume ct, double[] emr, ThoraxAnatomy anatomy) throws IOException {
        Map<String, Double> millis = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        CandidateFinder.Candidates all = finder.find(ct);
        int found = all.components().size();
        CandidateFinder.Candidates c = anatomy == null || !anatomy.hasHeart() ? all : HeartRegionGate.filter(all, anatomy);
        long t1 = System.nanoTime();
        millis.put("candidates", (t1 - t0) / 1e6);
        int[] labels = c.labels().labels();
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i <= c.components().size(); i++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                members.get(labels[i]).add(i);
            }
        }
        int nx = ct.sizeX();
        int plane = ct.sizeY() * nx;
        List<int[]> voxels = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (Component comp : c.components()) {
            List<Integer> m = members.get(comp.id());
            int[] peak = comp.peakZyx();
            voxels.add(peak);
            owner.add(comp.id());
            int extra = Math.min(voxelsPerComponent - 1, m.size() - 1);
            for (int k = 1; k <= extra; k++) {
                int i = m.get((int) ((long) k * m.size() / (extra + 1)));
                int z = i / plane;
                voxels.add(new int[] {z, (i - z * plane) / nx, i % nx});
                owner.add(comp.id());
            }
        }
        float[][] p = voxels.isEmpty() ? new float[0][] : classifier.classify(ct, voxels.toArray(new int[0][]), emr);
        long t2 = System.nanoTime();
        millis.put("classification", (t2 - t1) / 1e6);
        int classes = DetectionClass.values().length;
        double[][] sum = new double[c.components().size() + 1][classes];
        int[] count = new int[c.components().size() + 1];
        for (int v = 0; v < p.length; v++) {
            int id = owner.get(v);
            for (int k = 0; k < classes; k++) {
                sum[id][k] += p[v][k];
            }
            count[id]++;
        }
        byte[] map = new byte[labels.length];
        List<DetectedLesion> lesions = new ArrayList<>();
        byte[] classOf = new byte[c.components().size() + 1];
        for (Component comp : c.components()) {
            int id = comp.id();
            DetectionClass cls = DetectionClass.decide(sum[id]);
            classOf[id] = (byte) cls.label();
            lesions.add(new DetectedLesion(comp, cls, sum[id][cls.ordinal()] / Math.max(1, count[id])));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                map[i] = classOf[labels[i]];
            }
        }
        millis.put("labelling", (System.nanoTime() - t2) / 1e6);
        return new Detection(Volume.ofBytes(ct.geometry(), map), lesions, millis, found - c.components().size());
    }
}
