package org.calcify.hybrid;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.calcify.io.text.Decimals;

/**
 * One row of a hybrid cohort's {@code cohort.csv}: the case, its background and augmentation, its grid, its true
 * scores, the lesions asked for and inserted, and how many of the scan's candidates are real negatives. The
 * columns are the components in order, in snake case.
 *
 * @param caseName   column {@code case}: the case folder's name
 * @param empty      1 when no calcification was inserted
 * @param psfMm      the point-spread function's FWHM used for the plaques, mm
 */
public record HybridCohortRow(@JsonProperty("case") String caseName, int fold, long seed, String background, int empty,
                              @JsonProperty("shift_x_voxels") int shiftXVoxels, @JsonProperty("shift_y_voxels") int shiftYVoxels, int cropFirstSlices, int cropLastSlices, @Decimals(2) double extraNoiseHu,
                              @Decimals(3) double psfMm, int sizeX, int sizeY, int slices, @Decimals(4) double pixelMm,
                              @Decimals(2) double sliceMm, @Decimals(3) double agatston, @Decimals(3) double volumeMm3,
                              @Decimals(3) double massMg, String category, int askedCoronary, int askedNonCoronary, int lesions,
                              int coronaryLesions, int nonCoronaryLesions, int candidates, int negativeCandidates,
                              @JsonProperty("agatston_LM") @Decimals(3) double agatstonLm,
                              @JsonProperty("agatston_LAD") @Decimals(3) double agatstonLad,
                              @JsonProperty("agatston_LCX") @Decimals(3) double agatstonLcx,
                              @JsonProperty("agatston_RCA") @Decimals(3) double agatstonRca) {
}
