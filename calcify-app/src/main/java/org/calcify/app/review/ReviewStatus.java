package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a scan's review stands. */
public enum ReviewStatus {
    /** Nobody has changed or signed it: the model's proposal stands. */
    NOT_REVIEWED,
    /** A reader has changed it since the last signature (or never signed it). */
    IN_REVIEW,
    /** Signed: the reviewed label map, scores.json and report.html state the reader's classes. */
    SIGNED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
