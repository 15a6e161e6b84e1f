package org.calcify.hybrid;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.calcify.io.text.Decimals;

/**
 * One row of a hybrid case's {@code lesions.csv}: the truth of one inserted calcification ({@link InsertedLesion}).
 * The columns are the components in order, in snake case.
 *
 * @param site  where it lies
 * @param label its label (1-4 arteries, 5 non-coronary)
 */
public record LesionRow(int id, String site, int label, String shape, @Decimals(1) double peakHu, int centreZ, int centreY, int centreX,
                        @JsonProperty("centre_lps_x_mm") @Decimals(3) double centreLpsXMm, @JsonProperty("centre_lps_y_mm") @Decimals(3) double centreLpsYMm,
                        @JsonProperty("centre_lps_z_mm") @Decimals(3) double centreLpsZMm,
                        int changedVoxels, int labelledVoxels, int maxHu, @Decimals(3) double agatston, @Decimals(3) double volumeMm3,
                        @Decimals(3) double massMg) {
    static LesionRow of(InsertedLesion l) {
        return new LesionRow(l.id(), l.site().toString(), l.site().label(), l.shape().toString(), l.peakHu(), l.centreZyx()[0],
                l.centreZyx()[1], l.centreZyx()[2], l.centreLps()[0], l.centreLps()[1], l.centreLps()[2], l.changedVoxels(),
                l.labelledVoxels(), l.maxHu(), l.scores().agatston(), l.scores().volumeMm3(), l.scores().massMg());
    }
}
