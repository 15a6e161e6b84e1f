package org.calcify.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.calcify.candidate.Connectivity;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.SparseLabelMap;
import org.calcify.volume.Volume;

/**
 * Agatston, volume and mass scores of a CT (HU) and a label map on the same grid (labels: 0 none,
 * 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 non-coronary calcium). Definitions in {@code docs/scoring.md}.
 *
 * <p>Slices are the z index axis (arrays (z, y, x) C order), which must lie within
 * {@value #MAX_TILT_DEGREES} degrees of the patient's superior-inferior axis. Only voxels with a
 * coronary label and HU at or above the threshold are touched after one pass over the label map,
 * so the cost is one sequential scan plus work proportional to the calcium.
 */
public final class CalciumScorer {
    /** Largest angle (degrees) between the slice normal (z index axis) and the patient S axis. */
    public static final double MAX_TILT_DEGREES = 10;

    private final ScoringParameters parameters;

    public CalciumScorer(ScoringParameters parameters) {
        this.parameters = parameters;
    }

    public CalciumScorer() {
        this(ScoringParameters.DEFAULT);
    }

    public ScoringParameters parameters() {
        return parameters;
    }

    /**
     * Scores a scan.
     *
     * @throws InvalidScanException when the grids differ, a label is outside 0-5 or the slices are not axial
     */
    public CalciumScore score(Volume ct, Volume labels) {
        Geometry g = ct.geometry();
        checkAxial(g);
        if (!g.sameGrid(labels.geometry(), 1e-3)) {
            throw new InvalidScanException(InvalidScanException.Part.LABELS,
                    "label map grid differs from the CT's (" + labels.sizeX() + "x" + labels.sizeY() + "x" + labels.sizeZ()
                            + " vs " + ct.sizeX() + "x" + ct.sizeY() + "x" + ct.sizeZ() + " (x,y,z), or spacing/origin/direction)");
        }
        short[] hu = huOf(ct);
        byte[] lab = labelsOf(labels);
        int[] candidates = collectCandidates(hu, lab, parameters.thresholdHu());
        byte[] candidateLabels = new byte[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            candidateLabels[k] = lab[candidates[k]];
        }
        return scoreCandidates(g, hu, candidates, candidateLabels);
    }

    /**
     * Scores a scan whose label map is held sparsely (a detection's): the same score as {@link #score(Volume, Volume)}
     * of its dense map, without a byte per voxel of the scan.
     *
     * @throws InvalidScanException when the grids differ, a label is outside 0-5 or the slices are not axial
     */
    public CalciumScore score(Volume ct, SparseLabelMap labels) {
        Geometry g = ct.geometry();
        checkAxial(g);
        if (!g.sameGrid(labels.geometry(), 1e-3)) {
            Geometry l = labels.geometry();
            throw new InvalidScanException(InvalidScanException.Part.LABELS,
                    "label map grid differs from the CT's (" + l.sizeX() + "x" + l.sizeY() + "x" + l.sizeZ()
                            + " vs " + ct.sizeX() + "x" + ct.sizeY() + "x" + ct.sizeZ() + " (x,y,z), or spacing/origin/direction)");
        }
        short[] hu = huOf(ct);
        int threshold = parameters.thresholdHu();
        int m = 0;
        for (int k = 0; k < labels.size(); k++) {
            int l = labels.label(k);
            if (!CalciumLabel.isLabel(l)) {
                throw badLabel(g, labels.index(k), l);
            }
            m += CalciumLabel.isCoronary(l) && hu[labels.index(k)] >= threshold ? 1 : 0;
        }
        int[] candidates = new int[m];
        byte[] candidateLabels = new byte[m];
        m = 0;
        for (int k = 0; k < labels.size(); k++) {
            int i = labels.index(k);
            if (CalciumLabel.isCoronary(labels.label(k)) && hu[i] >= threshold) {
                candidates[m] = i;
                candidateLabels[m++] = (byte) labels.label(k);
            }
        }
        return scoreCandidates(g, hu, candidates, candidateLabels);
    }

    /** Refuses a grid whose z axis is more than {@link #MAX_TILT_DEGREES} from the S axis. */
    public static void checkAxial(Geometry g) {
        if (!AxialSlices.areAxial(g)) {
            double deg = AxialSlices.tiltDegrees(g);
            throw new InvalidScanException(InvalidScanException.Part.CT, String.format(java.util.Locale.ROOT,
                    "slices are not axial: the z axis is %.1f degrees from the patient S axis (at most %.0f allowed)",
                    deg, MAX_TILT_DEGREES));
        }
    }

    private static short[] huOf(Volume ct) {
        if (ct.type() == DataType.INT16) {
            return ct.shorts();
        }
        if (ct.type() == DataType.UINT8) {
            throw new InvalidScanException(InvalidScanException.Part.CT, "CT holds uint8 voxels, not Hounsfield units");
        }
        return ct.convertTo(DataType.INT16).shorts();
    }

    /** The label map as bytes 0-5; anything else is refused. */
    private static byte[] labelsOf(Volume labels) {
        if (labels.type() == DataType.UINT8) {
            byte[] b = labels.bytes();
            for (int i = 0; i < b.length; i++) {
                if (!CalciumLabel.isLabel(b[i] & 0xFF)) {
                    throw badLabel(labels, i, b[i] & 0xFF);
                }
            }
            return b;
        }
        int n = labels.geometry().voxelCount();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            double v = labels.valueAt(i);
            if (!(v >= 0 && v <= CalciumLabel.MAX && v == Math.rint(v))) {
                throw badLabel(labels, i, v);
            }
            b[i] = (byte) v;
        }
        return b;
    }

    private static InvalidScanException badLabel(Volume labels, int i, double v) {
        return badLabel(labels.geometry(), i, v);
    }

    private static InvalidScanException badLabel(Geometry g, int i, double v) {
        int plane = g.sizeX() * g.sizeY();
        int z = i / plane;
        int y = (i - z * plane) / g.sizeX();
        int x = i - z * plane - y * g.sizeX();
        String value = v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        return new InvalidScanException(InvalidScanException.Part.LABELS,
                "label " + value + " at voxel (z,y,x)=(" + z + "," + y + "," + x + ") is outside 0-5");
    }

    /** Flat indices, ascending, of coronary-labelled voxels at or above the threshold. */
    private static int[] collectCandidates(short[] hu, byte[] lab, int thresholdHu) {
        int[] out = new int[1024];
        int m = 0;
        for (int i = 0; i < lab.length; i++) {
            int l = lab[i];
            if (CalciumLabel.isCoronary(l) && hu[i] >= thresholdHu) {
                if (m == out.length) {
                    out = Arrays.copyOf(out, Math.max(m * 2, 1024));
                }
                out[m++] = i;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** @param cand coronary voxels at or above the threshold, flat indices ascending; candLabels their labels */
    private CalciumScore scoreCandidates(Geometry g, short[] hu, int[] cand, byte[] candLabels) {
        int m = cand.length;
        int sx = g.sizeX();
        int sy = g.sizeY();
        double pixelAreaMm2 = g.spacingX() * g.spacingY();
        double voxelMm3 = pixelAreaMm2 * g.spacingZ();
        double thickness = parameters.normaliseThickness() ? g.spacingZ() / parameters.referenceThicknessMm() : 1.0;
        double massFactor = parameters.massFactorMgPerMm3Hu();

        // 1. in-slice components
        int[] comp2d = org.calcify.candidate.SparseComponents.label(cand, sx, sy, offsets(parameters.connectivity2d()));
        int nComp = 0;
        for (int c : comp2d) {
            nComp = Math.max(nComp, c + 1);
        }
        int[] size = new int[nComp];
        int[] peak = new int[nComp];
        Arrays.fill(peak, Integer.MIN_VALUE);
        int[] perLabel = new int[nComp * 4];
        long[] huPerLabel = new long[nComp * 4];
        for (int k = 0; k < m; k++) {
            int c = comp2d[k];
            int i = cand[k];
            int l = candLabels[k] - 1;
            size[c]++;
            peak[c] = Math.max(peak[c], hu[i]);
            perLabel[c * 4 + l]++;
            huPerLabel[c * 4 + l] += hu[i];
        }
        // 2. keep components of at least the minimum area; sum scores
        boolean[] kept = new boolean[nComp];
        double[] voxelAgatston = new double[nComp]; // Agatston contribution of one voxel of the component
        double[][] art = new double[4][3];
        double minArea = parameters.minAreaMm2() - 1e-9;
        int keptVoxels = 0;
        for (int c = 0; c < nComp; c++) {
            if (size[c] * pixelAreaMm2 < minArea) {
                continue;
            }
            kept[c] = true;
            keptVoxels += size[c];
            int w = ScoringParameters.densityWeight(peak[c]);
            voxelAgatston[c] = pixelAreaMm2 * w * thickness;
            if (parameters.arterySplit() == ArterySplit.MAJORITY) {
                int best = 0;
                long huSum = 0;
                for (int l = 0; l < 4; l++) {
                    if (perLabel[c * 4 + l] > perLabel[c * 4 + best]) {
                        best = l;
                    }
                    huSum += huPerLabel[c * 4 + l];
                }
                art[best][0] += size[c] * voxelAgatston[c];
                art[best][1] += size[c] * voxelMm3;
                art[best][2] += massFactor * voxelMm3 * huSum;
            } else {
                for (int l = 0; l < 4; l++) {
                    int v = perLabel[c * 4 + l];
                    art[l][0] += v * voxelAgatston[c];
                    art[l][1] += v * voxelMm3;
                    art[l][2] += massFactor * voxelMm3 * huPerLabel[c * 4 + l];
                }
            }
        }
        Map<Artery, ScoreTriple> arteries = new EnumMap<>(Artery.class);
        double tA = 0;
        double tV = 0;
        double tM = 0;
        for (Artery a : Artery.values()) {
            double[] s = art[a.label() - 1];
            arteries.put(a, new ScoreTriple(s[0], s[1], s[2]));
            tA += s[0];
            tV += s[1];
            tM += s[2];
        }
        // 3. the scored voxels and their 3D lesions
        int[] scored = new int[keptVoxels];
        double[] scoredAgatston = new double[keptVoxels];
        byte[] scoredLabels = new byte[keptVoxels];
        int s = 0;
        for (int k = 0; k < m; k++) {
            int c = comp2d[k];
            if (kept[c]) {
                scored[s] = cand[k];
                scoredLabels[s] = candLabels[k];
                scoredAgatston[s++] = voxelAgatston[c];
            }
        }
        int[] lesionOf = org.calcify.candidate.SparseComponents.label(scored, sx, sy, offsets(parameters.connectivity3d()));
        List<Lesion> lesions = lesions(g, hu, scored, scoredLabels, scoredAgatston, lesionOf, voxelMm3, massFactor);
        ScoreTriple total = new ScoreTriple(tA, tV, tM);
        return new CalciumScore(total, RiskCategory.of(tA), arteries, lesions, parameters, thickness, scored, scoredLabels, lesionOf);
    }

    private List<Lesion> lesions(Geometry g, short[] hu, int[] scored, byte[] labels, double[] voxelAgatston,
                                 int[] comp, double voxelMm3, double massFactor) {
        int sx = g.sizeX();
        int sy = g.sizeY();
        int plane = sx * sy;
        int n = 0;
        for (int c : comp) {
            n = Math.max(n, c + 1);
        }
        int[] voxels = new int[n];
        int[] peak = new int[n];
        Arrays.fill(peak, Integer.MIN_VALUE);
        long[] huSum = new long[n];
        double[] agatston = new double[n];
        double[] cz = new double[n];
        double[] cy = new double[n];
        double[] cx = new double[n];
        int[] perLabel = new int[n * 4];
        for (int k = 0; k < scored.length; k++) {
            int c = comp[k];
            int i = scored[k];
            int z = i / plane;
            int y = (i - z * plane) / sx;
            int x = i - z * plane - y * sx;
            voxels[c]++;
            peak[c] = Math.max(peak[c], hu[i]);
            huSum[c] += hu[i];
            agatston[c] += voxelAgatston[k];
            cz[c] += z;
            cy[c] += y;
            cx[c] += x;
            perLabel[c * 4 + labels[k] - 1]++;
        }
        List<Lesion> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            int best = 0;
            for (int l = 1; l < 4; l++) {
                if (perLabel[c * 4 + l] > perLabel[c * 4 + best]) {
                    best = l;
                }
            }
            double[] zyx = {cz[c] / voxels[c], cy[c] / voxels[c], cx[c] / voxels[c]};
            double[] lps = g.indexToWorld(zyx[2], zyx[1], zyx[0]);
            ScoreTriple sc = new ScoreTriple(agatston[c], voxels[c] * voxelMm3, massFactor * voxelMm3 * huSum[c]);
            out.add(new Lesion(c + 1, Artery.ofLabel(best + 1), voxels[c], sc, peak[c],
                    (double) huSum[c] / voxels[c], zyx, lps));
        }
        return out;
    }

    /** Backward neighbour offsets (dz, dy, dx) for a C-order one-pass labeller. */
    static int[][] offsets(Connectivity c) {
        return c.backwardOffsets();
    }
}
