package org.calcify.detect;

import java.util.ArrayList;
import java.util.List;
import org.calcify.anatomy.AnatomyLabel;
import org.calcify.anatomy.InPlaneSmoothing;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.candidate.CandidateLabels;
import org.calcify.volume.Volume;

/**
 * Keeps the candidates that can be coronary: those that reach into the heart region (one voxel is enough for
 * extraction, a tenth of the candidate for detection, {@link #DETECT_MIN_REGION_SHARE}: a plaque on the heart's surface
 * lies half in the epicardial fat at the region's rim) but do not lie mostly in bone, and that stand out of the scan's
 * noise ({@link NoiseGate}). Detection and training extraction use the same gate, so the classifier learns on what it
 * will be shown.
 */
public final class HeartRegionGate {
    private HeartRegionGate() {
    }

    /**
     * The default significance below which a candidate is what the scan's noise alone makes of blood and
     * myocardium (see {@link #significance}). Chosen on validation cohorts that no benchmark uses: 20 noisy
     * phantom cases (noise 25-50 HU, seed 5152) and 20 plaque insertions into the real chest with 30 HU of
     * extra noise (seed 4343), with the model of 2026-12-01; lesion F1 at 4, 6, 8 and 10 was 0.716, 0.769,
     * 0.827, 0.826 (noisy) and 0.762, 0.803, 0.852, 0.846 (hybrid). Noise specks that pass at 4 peak near
     * 150 HU over 2-10 voxels. At the noise of a standard scan (about 10 HU) a 2-voxel speck of 160 HU is 17.
     * Training extraction's gate, and the detector's with every voxel counted; the detector's default counts voxels
     * over the noise's coherence area ({@link NoiseGate#DEFAULT_MIN_SIGNIFICANCE}).
     */
    public static final double DEFAULT_MIN_SIGNIFICANCE = 8;

    /**
     * A candidate's significance: its peak's rise above the blood pool, times the square root of its voxel
     * count, over the noise measured in the heart. A 2-voxel speck peaking at 150 HU is 19 at 8 HU of noise and
     * 4 at 40 HU. Infinite when the noise was not measured.
     */
    public static double significance(Component c, ThoraxAnatomy anatomy) {
        return significance(c, anatomy.noiseHu(), anatomy.bloodPoolHu());
    }

    /** As above, with the noise and the HU the rise is measured from (blood's, or the candidate's surroundings'). */
    public static double significance(Component c, double noise, double blood) {
        if (!(noise > 0) || Double.isNaN(blood)) {
            return Double.POSITIVE_INFINITY;
        }
        return (c.peakHu() - blood) * Math.sqrt(c.voxels()) / noise;
    }

    /**
     * The candidates (found at 130 HU) that reach into the heart region and pass the default {@link NoiseGate},
     * renumbered 1..n (the input's labels are reused).
     */
    public static CandidateFinder.Candidates filter(CandidateFinder.Candidates all, ThoraxAnatomy anatomy) {
        return filter(all, anatomy, new int[3], NoiseGate.DEFAULT, 130);
    }

    /**
     * As above, for candidates found at {@code thresholdHu} in a box of the scan whose voxel (0, 0, 0) is the scan's
     * voxel {@code offsetZyx}, with a noise gate of its own.
     */
    public static CandidateFinder.Candidates filter(CandidateFinder.Candidates all, ThoraxAnatomy anatomy, int[] offsetZyx,
                                                    NoiseGate gate, double thresholdHu) {
        return filter(all, anatomy, offsetZyx, gate, thresholdHu, null);
    }

    /**
     * As above; with a gate measuring from the {@link NoiseGate.Background#LOCAL local} background, {@code ct} (the
     * scan the candidates were found in) gives each candidate's surroundings, and the smoothed peaks the gate's smoothed
     * rise is measured on (null: the blood pool for all, no smoothed rise).
     */
    public static CandidateFinder.Candidates filter(CandidateFinder.Candidates all, ThoraxAnatomy anatomy, int[] offsetZyx,
                                                    NoiseGate gate, double thresholdHu, Volume ct) {
        return filter(all, anatomy, offsetZyx, gate, thresholdHu, ct, 0);
    }

    /**
     * The share of a candidate's voxels that {@code detect} wants in the heart region: 0.1. A structure outside the
     * region that only touches it, such as a sternum no longer joined to the bone above it in a scan cut through the
     * ventricles (98 % of its voxels outside), is not classified; coronary lesions lie at most 71 % outside (measured on
     * 40 phantom, 40 hybrid and 30 independent-phantom cases: 0.71, 0.00 and 0.67). Extraction keeps any share (0), so
     * the training shards and the default model do not change.
     */
    public static final double DETECT_MIN_REGION_SHARE = 0.1;

    /** As above, keeping only candidates with at least {@code minRegionShare} of their voxels in the heart region. */
    public static CandidateFinder.Candidates filter(CandidateFinder.Candidates all, ThoraxAnatomy anatomy, int[] offsetZyx,
                                                    NoiseGate gate, double thresholdHu, Volume ct, double minRegionShare) {
        return assess(all, anatomy, offsetZyx, gate, thresholdHu, ct, minRegionShare).kept();
    }

    /**
     * The gate's verdict on every candidate, and the candidates it keeps.
     *
     * @param kept       the candidates that pass, renumbered 1..n (as {@link #filter} returns them)
     * @param candidates one verdict per input candidate, in the input's order
     */
    public record Assessment(CandidateFinder.Candidates kept, List<GatedCandidate> candidates) {
    }

    /** As {@link #filter(CandidateFinder.Candidates, ThoraxAnatomy, int[], NoiseGate, double, Volume, double)}, with each candidate's verdict. */
    public static Assessment assess(CandidateFinder.Candidates all, ThoraxAnatomy anatomy, int[] offsetZyx,
                                    NoiseGate gate, double thresholdHu, Volume ct, double minRegionShare) {
        int n = all.components().size() + 1;
        int[][] counts = regionAndBoneVoxels(all.labels(), anatomy, offsetZyx);
        boolean[] inRegion = new boolean[n];
        for (Component comp : all.components()) {
            int inside = counts[0][comp.id()];
            inRegion[comp.id()] = inside > 0 && inside >= minRegionShare * comp.voxels() && 2 * counts[1][comp.id()] < comp.voxels();
        }
        // the surroundings are measured only for the candidates that the noise tests are asked of
        double[] local = ct != null && gate.background() == NoiseGate.Background.LOCAL
                ? LocalBackground.upperQuartiles(ct, all.labels(), offsetZyx, thresholdHu, inRegion) : null;
        NoiseGate.Measures[] measures = new NoiseGate.Measures[n];
        boolean[] passes = new boolean[n];
        boolean[] rescuable = new boolean[n];
        boolean anyRescuable = false;
        for (Component comp : all.components()) {
            int id = comp.id();
            if (!inRegion[id]) {
                continue;
            }
            measures[id] = gate.measure(comp, anatomy, thresholdHu, local == null ? Double.NaN : local[id]);
            passes[id] = measures[id].passes();
            rescuable[id] = !passes[id] && ct != null && gate.asksSmoothedRise(comp, anatomy, thresholdHu);
            anyRescuable |= rescuable[id];
        }
        // the smoothed peaks only of the candidates that failed the tests and that the gate may keep for it
        double[] rise = new double[n];
        java.util.Arrays.fill(rise, Double.NaN);
        boolean[] rescued = new boolean[n];
        if (anyRescuable) {
            double[] peaks = smoothedPeaks(all.labels(), offsetZyx, InPlaneSmoothing.of(ct, anatomy.grid()), rescuable);
            for (Component comp : all.components()) {
                int id = comp.id();
                if (rescuable[id]) {
                    rise[id] = NoiseGate.smoothedRise(peaks[id], anatomy.smoothedNoiseHu(), measures[id].tissueHu());
                    rescued[id] = gate.keepsForSmoothedRise(peaks[id], anatomy, local == null ? Double.NaN : local[id]);
                }
            }
        }
        List<Component> kept = new ArrayList<>();
        List<GatedCandidate> verdicts = new ArrayList<>(all.components().size());
        int[] remap = new int[n];
        for (Component comp : all.components()) {
            int id = comp.id();
            GatedCandidate.Fate fate;
            if (!inRegion[id]) {
                fate = 2 * counts[1][id] >= comp.voxels() && counts[0][id] > 0 ? GatedCandidate.Fate.IN_BONE : GatedCandidate.Fate.OUTSIDE_HEART_REGION;
            } else {
                fate = passes[id] ? GatedCandidate.Fate.KEPT : rescued[id] ? GatedCandidate.Fate.KEPT_FOR_SMOOTHED_RISE : GatedCandidate.Fate.NOISE;
            }
            int keptId = 0;
            if (fate.isKept()) {
                Component renumbered = new Component(kept.size() + 1, comp.voxels(), comp.volumeMm3(), comp.peakHu(), comp.meanHu(),
                        comp.centroidZyx(), comp.peakZyx(), comp.boxMinZyx(), comp.boxMaxZyx());
                kept.add(renumbered);
                keptId = renumbered.id();
                remap[id] = keptId;
            }
            NoiseGate.Measures m = measures[id];
            verdicts.add(new GatedCandidate(comp, (double) counts[0][id] / comp.voxels(), (double) counts[1][id] / comp.voxels(),
                    m == null ? Double.NaN : m.tissueHu(), m == null ? Double.NaN : m.significance(), m == null ? Double.NaN : m.noiseExcess(),
                    rise[id], fate, keptId));
        }
        return new Assessment(new CandidateFinder.Candidates(all.labels().relabel(remap, kept.size()), kept), verdicts);
    }

    /** For each component id set in {@code wanted}, the highest smoothed HU among its voxels (NaN for the others). */
    static double[] smoothedPeaks(CandidateLabels l, int[] offsetZyx, InPlaneSmoothing smoothing, boolean[] wanted) {
        double[] peaks = new double[l.count() + 1];
        java.util.Arrays.fill(peaks, Double.NaN);
        int nx = l.sizeX();
        int plane = l.sizeY() * nx;
        for (int k = 0; k < l.size(); k++) {
            int id = l.label(k);
            if (!wanted[id]) {
                continue;
            }
            int i = l.index(k);
            int z = i / plane;
            int y = (i - z * plane) / nx;
            double v = smoothing.at(i - z * plane - y * nx + offsetZyx[2], y + offsetZyx[1], z + offsetZyx[0]);
            if (!(v <= peaks[id])) {
                peaks[id] = v;
            }
        }
        return peaks;
    }

    /**
     * For each component id, how many of its voxels lie in the heart region ([0]) and in bone ([1]). A component
     * reaches the region with one voxel; one that lies mostly in bone is bone, wherever it touches the region (a rib
     * or costal cartilage against the heart's anterior surface: on a phantom case a 1,612-voxel rib with 8 voxels in
     * the region and 1,349 in bone was called LAD, Agatston 3,977 on a scan of 9). No coronary lesion of five
     * validation cohorts (224) had a voxel in bone: the region keeps 4 mm from bone.
     */
    static int[][] regionAndBoneVoxels(CandidateLabels l, ThoraxAnatomy anatomy, int[] offsetZyx) {
        int[][] counts = new int[2][l.count() + 1];
        int nx = l.sizeX();
        int plane = l.sizeY() * nx;
        for (int k = 0; k < l.size(); k++) {
            int id = l.label(k);
            int i = l.index(k);
            int z = i / plane;
            int y = (i - z * plane) / nx;
            AnatomyLabel a = anatomy.labelAt(z + offsetZyx[0], y + offsetZyx[1], i - z * plane - y * nx + offsetZyx[2]);
            if (a == AnatomyLabel.HEART_REGION) {
                counts[0][id]++;
            } else if (a == AnatomyLabel.BONE) {
                counts[1][id]++;
            }
        }
        return counts;
    }
}
