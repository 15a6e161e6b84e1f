package org.calcify.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.calcify.io.text.Decimals;

/**
 * One row of {@code per_case.csv}: a case's true and predicted scores and risk categories, lesion counts,
 * and (when both sides are label maps) its lesion matches and voxel Dice. Unknown numbers are empty fields.
 * The columns are the components in order, in snake case.
 *
 * @param caseName  column {@code case}
 * @param voxelDice the voxel-level F1 (Dice) of the whole scan
 */
public record PerCaseRow(@JsonProperty("case") String caseName, @Decimals(3) double truthAgatston, @Decimals(3) double predAgatston,
                         String truthCategory, String predCategory, @Decimals(3) double truthVolumeMm3, @Decimals(3) double predVolumeMm3,
                         @Decimals(3) double truthMassMg, @Decimals(3) double predMassMg, Integer truthLesions, Integer predLesions,
                         @JsonProperty("lesion_tp") Long lesionTp, @JsonProperty("lesion_fn") Long lesionFn,
                         @JsonProperty("lesion_fp") Long lesionFp, @Decimals(3) double voxelDice,
                         @JsonProperty("truth_agatston_LM") @Decimals(3) double truthAgatstonLm,
                         @JsonProperty("pred_agatston_LM") @Decimals(3) double predAgatstonLm,
                         @JsonProperty("truth_agatston_LAD") @Decimals(3) double truthAgatstonLad,
                         @JsonProperty("pred_agatston_LAD") @Decimals(3) double predAgatstonLad,
                         @JsonProperty("truth_agatston_LCX") @Decimals(3) double truthAgatstonLcx,
                         @JsonProperty("pred_agatston_LCX") @Decimals(3) double predAgatstonLcx,
                         @JsonProperty("truth_agatston_RCA") @Decimals(3) double truthAgatstonRca,
                         @JsonProperty("pred_agatston_RCA") @Decimals(3) double predAgatstonRca) {
}
