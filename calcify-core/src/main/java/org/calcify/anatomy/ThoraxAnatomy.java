package org.calcify.anatomy;

import org.calcify.volume.Volume;

/**
 * Where the body, lungs, bone, descending aorta and heart region of a chest CT lie, found by
 * {@link ThoraxSegmenter} on a coarse working grid, with what was measured there.
 *
 * @param grid             the coarse axial grid the labels live on
 * @param coarseLabels     an {@link AnatomyLabel} value per coarse voxel (do not modify)
 * @param heartRegionMl    volume of the heart region, mL (0 when no heart was found)
 * @param bloodPoolHu      median HU around the deepest point of the mediastinum (the heart's blood and
 *                         myocardium; far above 130 HU with contrast), NaN without a mediastinum
 * @param noiseHu          image noise there: the median standard deviation of HU in windows of about
 *                         5 mm, NaN without a mediastinum
 * @param smoothedNoiseHu  the same, of the scan smoothed in-plane by {@link InPlaneSmoothing} (what is left of the
 *                         noise at the scale of a small plaque), NaN without a mediastinum
 * @param noiseCoherenceVoxels how many voxels of a slice the noise is correlated over (its coherence area, 1 for
 *                         white noise; {@link NoiseMeter#coherenceAreaVoxels}), measured in the same windows, NaN
 *                         without a mediastinum
 * @param heartTopMm       how far the heart region reaches towards the scan's superior end, mm from its
 *                         first slice, NaN when no heart was found
 * @param heartAtFovEdge   true when the heart region touches the first slice, the in-plane edge of the image, or the
 *                         last slice while (nearly) as wide there as anywhere: the field of view may cut the heart
 * @param heartTopNarrowed true when the heart region reaches the last (most superior) slice only, narrowed there to
 *                         the great vessels above the heart: the heart's top lies inside the scan, but where the scan
 *                         has no carina, nothing says whether it starts above the coronary ostia
 * @param carinaMm         height of the carina above the scan's first (most inferior) slice, mm; NaN when
 *                         the scan starts below it (the heart region ends at the carina)
 */
public record ThoraxAnatomy(CoarseAxialGrid grid, byte[] coarseLabels, double heartRegionMl, double bloodPoolHu,
                            double noiseHu, double smoothedNoiseHu, double noiseCoherenceVoxels, double heartTopMm, boolean heartAtFovEdge, boolean heartTopNarrowed,
                            double carinaMm) {

    /** True when a heart region was found. */
    public boolean hasHeart() {
        return heartRegionMl > 0;
    }

    /** The anatomy label of scan voxel (z, y, x) (the scan's own index order). */
    public AnatomyLabel labelAt(int z, int y, int x) {
        return AnatomyLabel.of(coarseLabels[grid.coarseIndexOf(z, y, x)]);
    }

    /** True when scan voxel (z, y, x) lies in the heart region. */
    public boolean inHeartRegion(int z, int y, int x) {
        return coarseLabels[grid.coarseIndexOf(z, y, x)] == AnatomyLabel.HEART_REGION.value();
    }

    /**
     * The box of scan voxels (z, y, x, inclusive) that holds the heart region, grown by {@code marginMm}
     * and clipped to the scan: {@code {zMin, yMin, xMin, zMax, yMax, xMax}}; null when there is no heart.
     */
    public int[] heartRegionBoxZyx(double marginMm) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        for (int i = 0; i < coarseLabels.length; i++) {
            if (coarseLabels[i] == AnatomyLabel.HEART_REGION.value()) {
                int[] zyx = grid.scanVoxelOf(i);
                for (int k = 0; k < 3; k++) {
                    box[k] = Math.min(box[k], zyx[k]);
                    box[k + 3] = Math.max(box[k + 3], zyx[k]);
                }
            }
        }
        if (box[3] < 0) {
            return null;
        }
        int[] size = grid.scanSizeZyx();
        double[] sp = grid.scanSpacingZyxMm();
        double[] coarse = grid.coarseExtentInScanAxesMm();
        for (int k = 0; k < 3; k++) {
            int grow = (int) Math.ceil((marginMm + coarse[k]) / sp[k]);
            box[k] = Math.max(0, box[k] - grow);
            box[k + 3] = Math.min(size[k] - 1, box[k + 3] + grow);
        }
        return box;
    }

    /**
     * A copy of {@code image} (a uint8 volume on the grid of the scan this anatomy was found in, e.g. the
     * window-levelled scan) with every voxel outside the heart region set to 0.
     */
    public Volume heartOnly(Volume image) {
        return heartOnly(image, new int[3]);
    }

    /**
     * As {@link #heartOnly(Volume)}, for a box cut out of the scan whose voxel (0, 0, 0) is scan voxel
     * {@code offsetZyx}.
     */
    public Volume heartOnly(Volume image, int[] offsetZyx) {
        Volume copy = Volume.ofBytes(image.geometry(), image.bytes().clone());
        keepHeartRegionOnly(copy, offsetZyx);
        return copy;
    }

    /**
     * Sets every voxel of {@code image} (uint8, a box cut out of the scan whose voxel (0, 0, 0) is scan voxel
     * {@code offsetZyx}) outside the heart region to 0, in place: what {@link #heartOnly(Volume, int[])} returns,
     * without a second copy of the box.
     */
    public void keepHeartRegionOnly(Volume image, int[] offsetZyx) {
        byte[] data = image.bytes();
        byte heart = (byte) AnatomyLabel.HEART_REGION.value();
        int nz = image.sizeZ();
        int ny = image.sizeY();
        int nx = image.sizeX();
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (coarseLabels[grid.coarseIndexOf(z + offsetZyx[0], y + offsetZyx[1], x + offsetZyx[2])] != heart) {
                        data[i] = 0;
                    }
                }
            }
        }
    }

    /** The label map on the grid of {@code ct} (the scan this anatomy was found in), uint8 with {@link AnatomyLabel} values. */
    public Volume labelMap(Volume ct) {
        return Volume.ofBytes(ct.geometry(), grid.toScanGrid(coarseLabels));
    }
}
