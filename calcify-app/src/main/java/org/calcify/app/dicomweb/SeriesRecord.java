package org.calcify.app.dicomweb;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A series as a QIDO-RS search describes it. Strings are empty when the server did not say; counts are null. */
public record SeriesRecord(
        @JsonProperty("study_uid") String studyInstanceUid,
        @JsonProperty("series_uid") String seriesInstanceUid,
        @JsonProperty("modality") String modality,
        @JsonProperty("number") Integer seriesNumber,
        @JsonProperty("description") String description,
        @JsonProperty("instances") Integer instanceCount) {
}
