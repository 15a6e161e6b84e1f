package org.calcify.app.detect;

import org.calcify.io.text.Rounding;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of {@code cohort.csv} (and the {@code summary} of a scan's {@code scores.json}, from which a
 * resumed run restores it). Numbers are null when unknown or when the scan was not scored. The first
 * column is {@code case}, as {@code calcify evaluate} reads it.
 *
 * @param lesions       coronary lesions that count in the score (3D components of the scored voxels)
 * @param otherCalcium  candidate components labelled other (non-coronary) calcium
 * @param warnings      the protocol screen's warnings, joined by "; "
 * @param message       why the scan failed or was refused; empty otherwise
 */
@JsonPropertyOrder({"case", "status", "agatston", "volume_mm3", "mass_mg", "category", "lesions", "other_calcium",
        "agatston_LM", "agatston_LAD", "agatston_LCX", "agatston_RCA", "slice_thickness_mm", "kvp", "kernel", "noise_hu",
        "blood_pool_hu", "warnings", "seconds", "message"})
public record CohortRow(
        @JsonProperty("case") String caseName,
        @JsonProperty("status") ScanStatus status,
        @JsonProperty("agatston") Double agatston,
        @JsonProperty("volume_mm3") Double volumeMm3,
        @JsonProperty("mass_mg") Double massMg,
        @JsonProperty("category") String category,
        @JsonProperty("lesions") Integer lesions,
        @JsonProperty("other_calcium") Integer otherCalcium,
        @JsonProperty("agatston_LM") Double agatstonLm,
        @JsonProperty("agatston_LAD") Double agatstonLad,
        @JsonProperty("agatston_LCX") Double agatstonLcx,
        @JsonProperty("agatston_RCA") Double agatstonRca,
        @JsonProperty("slice_thickness_mm") Double sliceThicknessMm,
        @JsonProperty("kvp") Double kvp,
        @JsonProperty("kernel") String kernel,
        @JsonProperty("noise_hu") Double noiseHu,
        @JsonProperty("blood_pool_hu") Double bloodPoolHu,
        @JsonProperty("warnings") String warnings,
        @JsonProperty("seconds") Double seconds,
        @JsonProperty("message") String message) implements java.io.Serializable {

    /**
     * The row of a scored scan.
     *
     * @param other candidate components labelled other (non-coronary) calcium, or null when not known
     */
    public static CohortRow scored(String name, org.calcify.score.CalciumScore score, org.calcify.protocol.ScanProtocol protocol, Integer other,
                                   double seconds) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        for (org.calcify.protocol.Finding f : protocol.warnings()) {
            warnings.add(f.message());
        }
        var a = score.arteries();
        return new CohortRow(name, ScanStatus.OK, round(score.total().agatston(), 3), round(score.total().volumeMm3(), 3),
                round(score.total().massMg(), 3), score.category().label(), score.lesions().size(), other,
                round(a.get(org.calcify.score.Artery.LM).agatston(), 3), round(a.get(org.calcify.score.Artery.LAD).agatston(), 3),
                round(a.get(org.calcify.score.Artery.LCX).agatston(), 3), round(a.get(org.calcify.score.Artery.RCA).agatston(), 3),
                round(protocol.sliceThicknessMm(), 3), protocol.kvp(), protocol.kernel(), round(protocol.noiseHu(), 2),
                round(protocol.bloodPoolHu(), 2), String.join("; ", warnings), round(seconds, 2), "");
    }

    /** The row of a scan that was not scored. */
    public static CohortRow notScored(String caseName, ScanStatus status, double seconds, String message) {
        return new CohortRow(caseName, status, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, "", round(seconds, 2), message);
    }

    static Double round(double v, int digits) {
        return Rounding.toDecimalsOrNull(v, digits);
    }
}
