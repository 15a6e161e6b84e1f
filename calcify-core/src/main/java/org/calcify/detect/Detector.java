package org.calcify.detect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.CandidateLabels;
import org.calcify.candidate.Component;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.SparseLabelMap;
import org.calcify.volume.Volume;

/**
 * Whole-scan calcium localization: candidates (voxels at or above the threshold, grouped in 3D
 * components, with the cheap exclusions of {@link CandidateFinder}), a few voxels of each component
 * classified (the peak voxel first, then voxels spread over the component), their probabilities
 * averaged, and the winning class painted over the whole component.
 */
public final class Detector {
    /**
     * A classified candidate at least this far above the noise of its tissue (its {@link NoiseGate} significance,
     * independent draws counted) is calcium whatever the network's "none" says: the network still decides between
     * the arteries and other calcium ({@link CalciumLabel#decide(double[], boolean)}). Chosen on the candidate
     * tables of the benches (docs/benchmarks.md, "Calcium the network calls none"): from 6 up no candidate that
     * is not calcium changes its class on any of them.
     */
    public static final double SURE_CALCIUM_SIGNIFICANCE = 6;

    private final CandidateFinder finder;
    private final CandidateClassifier classifier;
    private final int voxelsPerComponent;
    private final NoiseGate noiseGate;

    /**
     * @param voxelsPerComponent how many voxels of each component are classified (at least 1: the peak)
     */
    public Detector(CandidateFinder finder, CandidateClassifier classifier, int voxelsPerComponent) {
        this(finder, classifier, voxelsPerComponent, NoiseGate.DEFAULT);
    }

    /**
     * @param noiseGate candidates in the heart region that do not pass it are taken for noise and never classified
     *                  ({@code new NoiseGate(0, 0)} keeps all)
     */
    public Detector(CandidateFinder finder, CandidateClassifier classifier, int voxelsPerComponent, NoiseGate noiseGate) {
        if (voxelsPerComponent < 1) {
            throw new IllegalArgumentException("classify at least one voxel per component");
        }
        this.finder = finder;
        this.classifier = classifier;
        this.voxelsPerComponent = voxelsPerComponent;
        this.noiseGate = java.util.Objects.requireNonNull(noiseGate, "noiseGate");
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
     * Detection where only candidates that reach into the heart region are classified: the
     * others (bone, cartilage, the aorta outside the pericardium, noise in the body wall) are never
     * coronary and never reach the classifier.
     *
     * @param anatomy the scan's anatomy, or null to classify every candidate
     */
    public Detection detect(Volume ct, double[] emr, ThoraxAnatomy anatomy) throws IOException {
        Map<String, Double> millis = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        GatedCandidates gated = gatedCandidates(ct, anatomy);
        CandidateFinder.Candidates c = gated.kept();
        int[] off = gated.offsetZyx();
        int outside = gated.dropped();
        long t1 = System.nanoTime();
        millis.put("candidates", (t1 - t0) / 1e6);
        CandidateLabels labels = c.labels();
        int sx = labels.sizeX();
        int sPlane = labels.sizeY() * sx;
        // each component's voxels in scan order (a counting sort of the candidate voxels by label: 4 bytes a voxel)
        int[] start = new int[c.components().size() + 2];
        for (int k = 0; k < labels.size(); k++) {
            start[labels.label(k) + 1]++;
        }
        for (int id = 1; id < start.length; id++) {
            start[id] += start[id - 1];
        }
        int[] members = new int[labels.size()];
        int[] fill = start.clone();
        for (int k = 0; k < labels.size(); k++) {
            members[fill[labels.label(k)]++] = labels.index(k);
        }
        List<int[]> voxels = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (Component comp : c.components()) {
            int first = start[comp.id()];
            int size = start[comp.id() + 1] - first;
            int[] peak = comp.peakZyx();
            voxels.add(new int[] {peak[0] + off[0], peak[1] + off[1], peak[2] + off[2]});
            owner.add(comp.id());
            // one voxel per VOXELS_PER_SAMPLE of the component, at most voxelsPerComponent: a speck of noise
            // costs one patch, a plaque up to voxelsPerComponent
            int extra = Math.min(voxelsPerComponent, (size + VOXELS_PER_SAMPLE - 1) / VOXELS_PER_SAMPLE) - 1;
            for (int k = 1; k <= extra; k++) {
                int i = members[first + (int) ((long) k * size / (extra + 1))];
                int z = i / sPlane;
                voxels.add(new int[] {z + off[0], (i - z * sPlane) / sx + off[1], i % sx + off[2]});
                owner.add(comp.id());
            }
        }
        members = null; // not needed while the candidates are classified
        float[][] p = voxels.isEmpty() ? new float[0][] : classifier.classify(ct, voxels.toArray(new int[0][]), emr, anatomy);
        long t2 = System.nanoTime();
        millis.put("classification", (t2 - t1) / 1e6);
        int classes = CalciumLabel.values().length;
        double[][] sum = new double[c.components().size() + 1][classes];
        int[] count = new int[c.components().size() + 1];
        for (int v = 0; v < p.length; v++) {
            int id = owner.get(v);
            for (int k = 0; k < classes; k++) {
                sum[id][k] += p[v][k];
            }
            count[id]++;
        }
        List<DetectedLesion> lesions = new ArrayList<>();
        byte[] classOf = new byte[c.components().size() + 1];
        CalciumLabel[] decided = new CalciumLabel[c.components().size() + 1];
        boolean[] sure = new boolean[c.components().size() + 1];
        for (GatedCandidate g : gated.verdicts()) {
            if (g.keptId() > 0) {
                sure[g.keptId()] = g.significance() >= SURE_CALCIUM_SIGNIFICANCE;
            }
        }
        for (Component comp : c.components()) {
            int id = comp.id();
            CalciumLabel cls = CalciumLabel.decide(sum[id], sure[id]);
            classOf[id] = (byte) cls.label();
            decided[id] = cls;
            lesions.add(new DetectedLesion(shift(comp, off), cls, sum[id][cls.ordinal()] / Math.max(1, count[id])));
        }
        List<CandidateVerdict> verdicts = new ArrayList<>(gated.verdicts().size());
        for (GatedCandidate g : gated.verdicts()) {
            int id = g.keptId();
            double[] mean = null;
            if (id > 0) {
                mean = new double[classes];
                for (int k = 0; k < classes; k++) {
                    mean[k] = sum[id][k] / Math.max(1, count[id]);
                }
            }
            GatedCandidate inScan = new GatedCandidate(shift(g.component(), off), g.regionShare(), g.boneShare(), g.tissueHu(),
                    g.significance(), g.noiseExcess(), g.smoothedRise(), g.fate(), id);
            verdicts.add(new CandidateVerdict(inScan, id > 0 ? decided[id] : null, mean));
        }
        // the label map holds the labelled voxels only (box order is scan order: indices stay ascending)
        int labelled = 0;
        for (int k = 0; k < labels.size(); k++) {
            labelled += classOf[labels.label(k)] != 0 ? 1 : 0;
        }
        int[] mapIndices = new int[labelled];
        byte[] mapLabels = new byte[labelled];
        int nx = ct.sizeX();
        int ny = ct.sizeY();
        int m = 0;
        for (int k = 0; k < labels.size(); k++) {
            byte cls = classOf[labels.label(k)];
            if (cls == 0) {
                continue;
            }
            int i = labels.index(k);
            int z = i / sPlane;
            int y = (i - z * sPlane) / sx;
            int x = i % sx;
            mapIndices[m] = ((z + off[0]) * ny + y + off[1]) * nx + x + off[2];
            mapLabels[m++] = cls;
        }
        SparseLabelMap map = SparseLabelMap.of(ct.geometry(), mapIndices, mapLabels);
        millis.put("labelling", (System.nanoTime() - t2) / 1e6);
        return new Detection(map, lesions, millis, outside, verdicts);
    }

    /**
     * The candidates that would be classified, found in a box of the scan (the whole scan without anatomy).
     *
     * @param kept      the candidates, labelled in the box
     * @param offsetZyx the scan voxel of the box's voxel (0, 0, 0)
     * @param dropped   candidates found in the box and dropped by the heart-region gate
     */
    public record GatedCandidates(CandidateFinder.Candidates kept, int[] offsetZyx, int dropped, List<GatedCandidate> verdicts) {
        /** Whether scan voxel (z, y, x) belongs to a kept candidate. */
        public boolean isCandidate(int z, int y, int x) {
            return kept.labels().labelAt(z - offsetZyx[0], y - offsetZyx[1], x - offsetZyx[2]) != 0;
        }
    }

    /**
     * The candidates {@link #detect} classifies: with a heart region, those found in its box (grown by a
     * margin) that pass the {@link HeartRegionGate}; without one, every candidate of the scan. With the gate's verdict
     * on every candidate found (their components in the box's voxels).
     */
    public GatedCandidates gatedCandidates(Volume ct, ThoraxAnatomy anatomy) {
        // with a heart region, candidates are searched in its box only (it lies inside the body)
        int[] box = anatomy == null || !anatomy.hasHeart() ? null : anatomy.heartRegionBoxZyx(SEARCH_MARGIN_MM);
        int[] off = box == null ? new int[3] : new int[] {box[0], box[1], box[2]};
        // the box is read in place, not copied
        CandidateFinder.Candidates all = box == null ? finder.find(ct)
                : finder.withoutBodyExclusion().find(ct, off, new int[] {box[3] - box[0] + 1, box[4] - box[1] + 1, box[5] - box[2] + 1});
        if (box == null) {
            List<GatedCandidate> verdicts = new ArrayList<>(all.components().size());
            for (Component comp : all.components()) {
                verdicts.add(new GatedCandidate(comp, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        GatedCandidate.Fate.KEPT, comp.id()));
            }
            return new GatedCandidates(all, off, 0, verdicts);
        }
        HeartRegionGate.Assessment a = HeartRegionGate.assess(all, anatomy, off, noiseGate, finder.thresholdHu(), ct,
                HeartRegionGate.DETECT_MIN_REGION_SHARE);
        return new GatedCandidates(a.kept(), off, all.components().size() - a.kept().components().size(), a.candidates());
    }

    /** A component is classified at one voxel per this many of its voxels (and at most voxelsPerComponent). */
    static final int VOXELS_PER_SAMPLE = 4;

    /** Candidates are searched this far around the heart region's box, mm (a lesion straddling its edge stays whole). */
    static final double SEARCH_MARGIN_MM = 15;

    private static Component shift(Component c, int[] off) {
        if (off[0] == 0 && off[1] == 0 && off[2] == 0) {
            return c;
        }
        double[] cz = c.centroidZyx();
        return new Component(c.id(), c.voxels(), c.volumeMm3(), c.peakHu(), c.meanHu(),
                new double[] {cz[0] + off[0], cz[1] + off[1], cz[2] + off[2]}, add(c.peakZyx(), off), add(c.boxMinZyx(), off),
                add(c.boxMaxZyx(), off));
    }

    private static int[] add(int[] a, int[] off) {
        return new int[] {a[0] + off[0], a[1] + off[1], a[2] + off[2]};
    }
}
