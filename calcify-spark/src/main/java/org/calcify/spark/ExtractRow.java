package org.calcify.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import org.calcify.app.detect.ScanStatus;

/**
 * One scan of {@code cohort extract}: the shard folder (partition) it went to and its patches there, or why it
 * was left out.
 */
@JsonPropertyOrder({"case", "status", "shards", "patches", "seconds", "message"})
record ExtractRow(
        @JsonProperty("case") String caseName,
        @JsonProperty("status") ScanStatus status,
        @JsonProperty("shards") String shards,
        @JsonProperty("patches") Long patches,
        @JsonProperty("seconds") Double seconds,
        @JsonProperty("message") String message) implements Serializable {
}
