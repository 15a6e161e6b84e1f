package org.calcify.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.calcify.score.ScoringParameters;

/**
 * Adds plaques to a copy of a case's background one at a time, each only if {@link InsertionRules}
 * accept it: its changed voxels clear of dense background and earlier plaques, every voxel reaching
 * 130 HU plausible, and at least Agatston's minimum lesion area (1 mm²) of them in some slice. The real HU (noise included) stays under the
 * added calcium: the written HU is the background's plus the rounded added HU.
 */
final class PlaqueInserter {
    /** One accepted plaque: its model, stamp and labelled voxels (flat indices, ascending). */
    record Insertion(PlaqueModel model, PlaqueStamp stamp, int[] labelled) {
    }

    private final CaseBackground bg;
    private final InsertionRules rules;
    private final PlaqueStamper stamper;
    private final short[] ct;
    private final byte[] labels;
    private final List<Insertion> inserted = new ArrayList<>();

    PlaqueInserter(CaseBackground bg, InsertionRules rules, PlaqueStamper stamper) {
        this.bg = bg;
        this.rules = rules;
        this.stamper = stamper;
        this.ct = bg.ct().shorts().clone();
        this.labels = new byte[ct.length];
    }

    /** Inserts {@code model} if the rules accept it; returns the insertion or null. */
    Insertion tryInsert(PlaqueModel model) {
        PlaqueStamp s = stamper.stamp(model);
        if (s.size() == 0 || !rules.clearOfStructures(s)) {
            return null;
        }
        int[] labelled = new int[s.size()];
        int n = 0;
        int nx = bg.geometry().sizeX();
        int plane = nx * bg.geometry().sizeY();
        for (int k = 0; k < s.size(); k++) {
            int v = s.voxels()[k];
            if (PlaqueStamp.apply(bg.huAt(v), s.addedHu()[k]) >= InsertionRules.CALCIUM_HU) {
                int z = v / plane;
                int y = (v - z * plane) / nx;
                int x = v % nx;
                if (!rules.plausible(z, y, x)) {
                    return null;
                }
                labelled[n++] = v;
            }
        }
        if (!visible(labelled, n, plane)) {
            return null;
        }
        for (int k = 0; k < s.size(); k++) {
            int v = s.voxels()[k];
            ct[v] = PlaqueStamp.apply(bg.huAt(v), s.addedHu()[k]);
        }
        labelled = Arrays.copyOf(labelled, n);
        for (int v : labelled) {
            labels[v] = (byte) model.site().label();
        }
        rules.occupy(s);
        Insertion ins = new Insertion(model, s, labelled);
        inserted.add(ins);
        return ins;
    }

    /**
     * True when some slice holds an 8-connected group of labelled voxels of at least Agatston's minimum
     * lesion area (1 mm²): the lesion is a candidate {@code calcify detect} keeps and a score counts it.
     * Smaller remnants (a small, faint plaque averaged over a thick slice) are redrawn.
     */
    private boolean visible(int[] labelled, int n, int plane) {
        double pixelMm2 = bg.geometry().spacingX() * bg.geometry().spacingY();
        int need = Math.max(1, (int) Math.ceil(ScoringParameters.DEFAULT.minAreaMm2() / pixelMm2 - 1e-9));
        int nx = bg.geometry().sizeX();
        int[] parent = new int[n];
        for (int k = 0; k < n; k++) {
            parent[k] = k;
        }
        // labelled is ascending: 8-neighbours in the same slice lie at most one row (nx + 1 indices) before
        for (int k = 0; k < n; k++) {
            for (int j = k - 1; j >= 0 && labelled[k] - labelled[j] <= nx + 1; j--) {
                int a = labelled[k];
                int b = labelled[j];
                if (a / plane == b / plane && Math.abs(a % nx - b % nx) <= 1 && Math.abs((a % plane) / nx - (b % plane) / nx) <= 1) {
                    parent[find(parent, k)] = find(parent, j);
                }
            }
        }
        int[] size = new int[n];
        for (int k = 0; k < n; k++) {
            if (++size[find(parent, k)] >= need) {
                return true;
            }
        }
        return false;
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }

    /** The background with every accepted plaque (shared: do not modify). */
    short[] ct() {
        return ct;
    }

    /** The label map of every accepted plaque (shared: do not modify). */
    byte[] labels() {
        return labels;
    }

    List<Insertion> inserted() {
        return List.copyOf(inserted);
    }
}
