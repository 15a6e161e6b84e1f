package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.calcify.score.CalciumLabel;

/**
 * One change a reader made to a scan's label map, as {@code review.json} keeps it (replayed over the proposed map in
 * order, it gives the current map) and as the audit log states it.
 *
 * @param kind     a reclassification or an added lesion
 * @param lesion   the lesion's id in the review (an added lesion gets the next free id)
 * @param from     its class before (for an added lesion: none)
 * @param to       its class after
 * @param seedZyx  for an added lesion, the clicked voxel (z, y, x) whose component was taken; null otherwise
 * @param reader   who made the change
 * @param at       when (ISO-8601, UTC)
 */
public record ReviewEdit(@JsonProperty("kind") Kind kind, @JsonProperty("lesion") int lesion, @JsonProperty("from") CalciumLabel from,
                         @JsonProperty("to") CalciumLabel to, @JsonProperty("seed_zyx") int[] seedZyx,
                         @JsonProperty("reader") String reader, @JsonProperty("at") String at) {

    /** What an edit does. */
    public enum Kind {
        /** A lesion's class changed (to none: not calcium). */
        RECLASSIFY,
        /** A lesion the model missed, added by a click on one of its voxels. */
        ADD
    }
}
