package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a front end shows of a scan under review: its version (to send back with the next change), its status, the
 * lesions and the scores of the current label map, computed by the same scorer as {@code calcify score}.
 *
 * @param scan      the scan's name
 * @param version   the version this view is of
 * @param status    not reviewed, in review or signed
 * @param canUndo   whether an edit since the last signature can be undone
 * @param model     the model that proposed the map
 * @param shapeZyx  the grid (z, y, x)
 * @param lesions   every lesion, proposed and added, with its class now
 * @param scores    total, category, per artery and per scored lesion (the shape of {@code calcify score --json})
 * @param millis    how long the scores took
 */
public record ReviewView(@JsonProperty("scan") String scan, @JsonProperty("version") int version,
                         @JsonProperty("status") ReviewStatus status, @JsonProperty("can_undo") boolean canUndo,
                         @JsonProperty("model") String model, @JsonProperty("shape_zyx") int[] shapeZyx,
                         @JsonProperty("lesions") List<ReviewLesion> lesions, @JsonProperty("scores") org.calcify.score.ScoreDocument scores,
                         @JsonProperty("score_ms") double millis) {
}
