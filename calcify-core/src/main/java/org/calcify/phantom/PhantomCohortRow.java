package org.calcify.phantom;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.calcify.io.text.Decimals;

/**
 * One row of a phantom cohort's {@code cohort.csv}: the case, its fold, its patient record (the EMR features),
 * its grid, its true scores by {@link org.calcify.score.CalciumScorer} with default parameters, and the drawn
 * acquisition. The columns are the components in order, in snake case.
 *
 * @param caseName column {@code case}: the case folder's name
 * @param sex      M or F
 * @param pixelMm  in-plane spacing, mm
 * @param sliceMm  slice spacing, mm
 */
public record PhantomCohortRow(@JsonProperty("case") String caseName, int fold, long seed, int age, String sex, @Decimals(1) double bmi,
                               int smoking, int diabetes, int hypertension, @Decimals(1) double cholesterolMmolL, int sizeX, int sizeY,
                               int slices, @Decimals(3) double pixelMm, @Decimals(3) double sliceMm, @Decimals(3) double agatston,
                               @Decimals(3) double volumeMm3, @Decimals(3) double massMg, String category, int lesions,
                               @JsonProperty("agatston_LM") @Decimals(3) double agatstonLm,
                               @JsonProperty("agatston_LAD") @Decimals(3) double agatstonLad,
                               @JsonProperty("agatston_LCX") @Decimals(3) double agatstonLcx,
                               @JsonProperty("agatston_RCA") @Decimals(3) double agatstonRca,
                               @Decimals(3) double sliceThicknessMm, @Decimals(2) double noiseHu, String kernel, int kvp) {
}
