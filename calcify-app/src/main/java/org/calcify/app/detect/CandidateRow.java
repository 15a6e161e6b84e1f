package org.calcify.app.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.calcify.candidate.Component;
import org.calcify.detect.CandidateVerdict;
import org.calcify.detect.Detection;
import org.calcify.detect.GatedCandidate;
import org.calcify.io.text.Rounding;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.Geometry;

/**
 * One candidate of a scan (a 26-connected component of voxels at or above 130 HU found around the heart region) with
 * what became of it: a row of {@code candidates.csv} ({@code calcify detect --candidates}). Says why a lesion was never
 * classified (outside the heart region, in bone, taken for noise, and by how much) or what the classifier made of it
 * (its mean probability of each class over the voxels it looked at, 6 decimals). Centroids are voxel indices Z,Y,X and LPS
 * millimetres X,Y,Z; measures that were not taken are empty.
 */
@JsonPropertyOrder({"candidate", "fate", "label", "voxels", "volume_mm3", "peak_hu", "mean_hu", "centroid_z", "centroid_y", "centroid_x",
        "centroid_l_mm", "centroid_p_mm", "centroid_s_mm", "region_share", "bone_share", "tissue_hu", "significance", "noise_excess",
        "smoothed_rise", "p_none", "p_lm", "p_lad", "p_lcx", "p_rca", "p_other"})
public record CandidateRow(
        @JsonProperty("candidate") int candidate,
        @JsonProperty("fate") String fate,
        @JsonProperty("label") String label,
        @JsonProperty("voxels") int voxels,
        @JsonProperty("volume_mm3") double volumeMm3,
        @JsonProperty("peak_hu") double peakHu,
        @JsonProperty("mean_hu") double meanHu,
        @JsonProperty("centroid_z") double centroidZ,
        @JsonProperty("centroid_y") double centroidY,
        @JsonProperty("centroid_x") double centroidX,
        @JsonProperty("centroid_l_mm") double centroidLMm,
        @JsonProperty("centroid_p_mm") double centroidPMm,
        @JsonProperty("centroid_s_mm") double centroidSMm,
        @JsonProperty("region_share") double regionShare,
        @JsonProperty("bone_share") double boneShare,
        @JsonProperty("tissue_hu") double tissueHu,
        @JsonProperty("significance") double significance,
        @JsonProperty("noise_excess") double noiseExcess,
        @JsonProperty("smoothed_rise") double smoothedRise,
        @JsonProperty("p_none") java.math.BigDecimal pNone,
        @JsonProperty("p_lm") java.math.BigDecimal pLm,
        @JsonProperty("p_lad") java.math.BigDecimal pLad,
        @JsonProperty("p_lcx") java.math.BigDecimal pLcx,
        @JsonProperty("p_rca") java.math.BigDecimal pRca,
        @JsonProperty("p_other") java.math.BigDecimal pOther) {

    /** The file's name in a scan's output folder. */
    public static final String FILE = "candidates.csv";

    /** One row per candidate of {@code d}, numbered 1..n in the order the detector found them. */
    public static List<CandidateRow> of(Detection d, Geometry g) {
        List<CandidateRow> rows = new java.util.ArrayList<>(d.candidates().size());
        for (CandidateVerdict v : d.candidates()) {
            rows.add(of(rows.size() + 1, v, g));
        }
        return rows;
    }

    static CandidateRow of(int n, CandidateVerdict v, Geometry g) {
        GatedCandidate gate = v.gate();
        Component c = gate.component();
        double[] zyx = c.centroidZyx();
        double[] mm = g.indexToWorld(zyx[2], zyx[1], zyx[0]);
        double[] p = v.probabilities();
        return new CandidateRow(n, gate.fate().id(), v.label() == null ? "" : v.label().className(), c.voxels(), r(c.volumeMm3(), 3),
                c.peakHu(), r(c.meanHu(), 2), r(zyx[0], 2), r(zyx[1], 2), r(zyx[2], 2), r(mm[0], 2), r(mm[1], 2), r(mm[2], 2),
                r(gate.regionShare(), 4), r(gate.boneShare(), 4), r(gate.tissueHu(), 2), r(gate.significance(), 3), r(gate.noiseExcess(), 3),
                r(gate.smoothedRise(), 3), prob(p, CalciumLabel.NONE), prob(p, CalciumLabel.LM), prob(p, CalciumLabel.LAD),
                prob(p, CalciumLabel.LCX), prob(p, CalciumLabel.RCA), prob(p, CalciumLabel.OTHER_CALCIUM));
    }

    /** A probability to 6 decimals, written plainly (0.000001, not 1.0E-6); null (an empty field) when not classified. */
    private static java.math.BigDecimal prob(double[] p, CalciumLabel c) {
        return p == null ? null : java.math.BigDecimal.valueOf(p[c.ordinal()]).setScale(6, java.math.RoundingMode.HALF_UP);
    }

    /** Rounded as every writer rounds ({@link Rounding}); a measure not taken (NaN) stays NaN, an empty field. */
    private static double r(double v, int decimals) {
        return Double.isFinite(v) ? Rounding.toDecimals(v, decimals) : v;
    }
}
