package org.calcify.app.dicomweb;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A study as a QIDO-RS search describes it. Strings are empty when the server did not say; counts are null.
 */
public record StudyRecord(
        @JsonProperty("study_uid") String studyInstanceUid,
        @JsonProperty("patient_id") String patientId,
        @JsonProperty("patient_name") String patientName,
        @JsonProperty("study_date") String studyDate,
        @JsonProperty("accession_number") String accessionNumber,
        @JsonProperty("description") String description,
        @JsonProperty("modalities") List<String> modalities,
        @JsonProperty("series") Integer seriesCount,
        @JsonProperty("instances") Integer instanceCount) {
}
