package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a scan's {@code audit.jsonl}: who did what, when, to which version, and which model proposed the map.
 *
 * @param at      ISO-8601, UTC
 * @param reader  who
 * @param scan    the scan's name
 * @param action  edit, undo or sign
 * @param edit    the edit made or undone (null for a signature)
 * @param version the version after the action
 * @param model   the model that proposed the label map
 * @param agatston the total Agatston score after the action
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(@JsonProperty("at") String at, @JsonProperty("reader") String reader, @JsonProperty("scan") String scan,
                         @JsonProperty("action") Action action, @JsonProperty("edit") ReviewEdit edit, @JsonProperty("version") int version,
                         @JsonProperty("model") String model, @JsonProperty("agatston") double agatston) {

    /** What a reader did. */
    public enum Action {
        EDIT, UNDO, SIGN
    }
}
