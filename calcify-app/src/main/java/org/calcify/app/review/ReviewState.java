package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A scan's review as {@code review.json} keeps it: every change since the proposal, the version every request is
 * checked against, and the last signature.
 *
 * @param version      incremented by every change, undo and signature; requests name the version they saw
 * @param edits        the edits in force, oldest first (an undo removes the last)
 * @param signedEdits  how many of {@code edits} the last signature covered (they can no longer be undone); 0 when never signed
 * @param signedVersion the version the last signature left, or 0 when never signed
 * @param signedBy     who signed last, or null
 * @param signedAt     when (ISO-8601, UTC), or null
 * @param model        the model that proposed the label map (from the proposal's scores.json)
 */
public record ReviewState(@JsonProperty("version") int version, @JsonProperty("edits") List<ReviewEdit> edits,
                          @JsonProperty("signed_edits") int signedEdits, @JsonProperty("signed_version") int signedVersion,
                          @JsonProperty("signed_by") String signedBy, @JsonProperty("signed_at") String signedAt,
                          @JsonProperty("model") String model) {

    public ReviewState {
        edits = List.copyOf(edits);
    }

    static ReviewState fresh(String model) {
        return new ReviewState(0, List.of(), 0, 0, null, null, model);
    }

    public ReviewStatus status() {
        if (signedVersion > 0 && signedVersion == version) {
            return ReviewStatus.SIGNED;
        }
        return version == 0 ? ReviewStatus.NOT_REVIEWED : ReviewStatus.IN_REVIEW;
    }

    ReviewState withEdits(List<ReviewEdit> newEdits) {
        return new ReviewState(version + 1, newEdits, signedEdits, signedVersion, signedBy, signedAt, model);
    }

    ReviewState signed(String reader, String at) {
        return new ReviewState(version + 1, edits, edits.size(), version + 1, reader, at, model);
    }
}
