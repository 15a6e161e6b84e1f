package org.calcify.detect;

import java.util.ArrayList;
import java.util.List;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.candidate.CandidateFinder;
import org.calcify.candidate.Component;
import org.calcify.candidate.ComponentLabeler;

/**
 * Keeps the candidates that can be coronary: those whose peak voxel lies in the heart region. Detection
 * and training extraction use the same gate, so the classifier learns on what it will be shown.
 */
public final class HeartRegionGate {
    private HeartRegionGate() {
    }

    /** The candidates whose peak voxel lies in the heart region, renumbered 1..n (the input's label array is reused). */
    public static CandidateFinder.Candidates filter(CandidateFinder.Candidates all, ThoraxAnatomy anatomy) {
        return filter(all, anatomy, new int[3]);
    }

    /**
     * As above, for candidates found in a box of the scan whose voxel (0, 0, 0) is the scan's voxel
     * {@code offsetZyx}.
     */
    public static CandidateFinder.Candidates filter(CandidateFinder.Candidates all, ThoraxAnatomy anatomy, int[] offsetZyx) {
        List<Component> kept = new ArrayList<>();
        int[] remap = new int[all.components().size() + 1];
        for (Component comp : all.components()) {
            int[] p = comp.peakZyx();
            if (anatomy.inHeartRegion(p[0] + offsetZyx[0], p[1] + offsetZyx[1], p[2] + offsetZyx[2])) {
                Component renumbered = new Component(kept.size() + 1, comp.voxels(), comp.volumeMm3(), comp.peakHu(), comp.meanHu(),
                        comp.centroidZyx(), comp.peakZyx(), comp.boxMinZyx(), comp.boxMaxZyx());
                kept.add(renumbered);
                remap[comp.id()] = renumbered.id();
            }
        }
        ComponentLabeler.Labels l = all.labels();
        int[] labels = l.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                labels[i] = remap[labels[i]];
            }
        }
        return new CandidateFinder.Candidates(new ComponentLabeler.Labels(labels, kept.size(), l.sizeZ(), l.sizeY(), l.sizeX()), kept);
    }
}
