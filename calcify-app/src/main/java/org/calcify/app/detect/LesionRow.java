package org.calcify.app.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.app.io.JsonFiles;
import org.calcify.io.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * One scored lesion of a scan (a 3D component of its coronary label map), as its {@code scores.json} lists it
 * under {@code lesions}: the row of a cohort's lesion table. Centroids are voxel indices Z,Y,X and LPS
 * millimetres X,Y,Z.
 */
@JsonPropertyOrder({"case", "lesion", "artery", "voxels", "agatston", "volume_mm3", "mass_mg", "peak_hu", "mean_hu", "centroid_z",
        "centroid_y", "centroid_x", "centroid_l_mm", "centroid_p_mm", "centroid_s_mm"})
public record LesionRow(
        @JsonProperty("case") String caseName,
        @JsonProperty("lesion") Integer lesion,
        @JsonProperty("artery") String artery,
        @JsonProperty("voxels") Integer voxels,
        @JsonProperty("agatston") Double agatston,
        @JsonProperty("volume_mm3") Double volumeMm3,
        @JsonProperty("mass_mg") Double massMg,
        @JsonProperty("peak_hu") Double peakHu,
        @JsonProperty("mean_hu") Double meanHu,
        @JsonProperty("centroid_z") Double centroidZ,
        @JsonProperty("centroid_y") Double centroidY,
        @JsonProperty("centroid_x") Double centroidX,
        @JsonProperty("centroid_l_mm") Double centroidLMm,
        @JsonProperty("centroid_p_mm") Double centroidPMm,
        @JsonProperty("centroid_s_mm") Double centroidSMm) implements java.io.Serializable {

    /** The lesions a scan's {@code scores.json} (of {@code calcify detect} or {@code cohort score}) lists, in its order. */
    public static List<LesionRow> fromScores(String caseName, Path scoresJson) throws IOException {
        JsonNode lesions = JsonFiles.readTree(scoresJson).get("lesions");
        if (lesions == null || !lesions.isArray()) {
            throw new InvalidInputException(scoresJson, "has no lesions list (written by an older Calcify?): delete the folder to redo the scan");
        }
        List<LesionRow> out = new ArrayList<>();
        for (JsonNode l : lesions) {
            JsonNode v = l.get("centroid_voxel_zyx");
            JsonNode mm = l.get("centroid_lps_mm");
            out.add(new LesionRow(caseName, integer(l.get("id")), text(l.get("artery")), integer(l.get("voxels")), number(l.get("agatston")),
                    number(l.get("volume_mm3")), number(l.get("mass_mg")), number(l.get("peak_hu")), number(l.get("mean_hu")),
                    element(v, 0), element(v, 1), element(v, 2), element(mm, 0), element(mm, 1), element(mm, 2)));
        }
        return out;
    }

    private static Double element(JsonNode array, int i) {
        return array == null || !array.isArray() || array.size() <= i ? null : number(array.get(i));
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    private static Integer integer(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asInt();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }
}
