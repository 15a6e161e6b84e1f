package org.calcify.hybrid;

import java.util.List;
import org.calcify.volume.Volume;

/**
 * One hybrid case: a real background with synthetic calcifications inserted, and its truth.
 *
 * @param backgroundName the background's name (its path as given)
 * @param seed           the case's seed: the same seed and background give the same case
 * @param empty          true when no plaque was inserted (ct equals background)
 * @param augmentation   what was changed in the background before insertion
 * @param psfMm          in-plane point-spread function the plaques were blurred with, mm
 * @param background     the augmented background, int16 HU, the grid of ct
 * @param ct             background plus plaques, int16 HU
 * @param labels         uint8: 0 none (every real structure), 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 non-coronary;
 *                       calcium labels only where ct is at least 130 HU and differs from the background
 * @param lesions        the inserted calcifications' truth, in order of insertion
 * @param frame          the heart frame the paths were laid on (null for an empty case)
 * @param paths          the artery paths (empty for an empty case)
 * @param asked          plaques asked for: {coronary, non-coronary} (those the rules never accepted are
 *                       missing from {@code lesions})
 */
public record HybridCase(String backgroundName, long seed, boolean empty, Augmentation augmentation, double psfMm,
                         Volume background, Volume ct, Volume labels, List<InsertedLesion> lesions, HeartFrame frame,
                         List<ArteryPath> paths, int[] asked) {
    public HybridCase {
        lesions = List.copyOf(lesions);
        paths = List.copyOf(paths);
        asked = asked.clone();
    }

    /**
     * The artery paths drawn into a label map on the case's grid, for pictures: each point as a 3 x 3
     * in-plane block of its artery's label (1-4), so that it shows at screen resolution.
     */
    public Volume pathMap() {
        var g = ct.geometry();
        byte[] m = new byte[g.voxelCount()];
        for (ArteryPath p : paths) {
            for (ArteryPath.Point q : p.points()) {
                int[] v = q.voxelZyx();
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (g.contains(v[0], v[1] + dy, v[2] + dx)) {
                            m[g.index(v[0], v[1] + dy, v[2] + dx)] = (byte) p.site().label();
                        }
                    }
                }
            }
        }
        return Volume.ofBytes(g, m);
    }
}
