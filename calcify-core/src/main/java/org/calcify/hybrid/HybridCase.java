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
 */
public record HybridCase(String backgroundName, long seed, boolean empty, Augmentation augmentation, double psfMm,
                         Volume background, Volume ct, Volume labels, List<InsertedLesion> lesions, HeartFrame frame,
                         List<ArteryPath> paths) {
    public HybridCase {
        lesions = List.copyOf(lesions);
        paths = List.copyOf(paths);
    }

    /** The artery paths drawn into a label map on the case's grid (label of each artery on its points), for pictures. */
    public Volume pathMap() {
        byte[] m = new byte[ct.geometry().voxelCount()];
        for (ArteryPath p : paths) {
            for (ArteryPath.Point q : p.points()) {
                int[] v = q.voxelZyx();
                m[ct.geometry().index(v[0], v[1], v[2])] = (byte) p.site().label();
            }
        }
        return Volume.ofBytes(ct.geometry(), m);
    }
}
