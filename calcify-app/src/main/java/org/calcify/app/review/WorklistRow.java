package org.calcify.app.review;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One scan of the worklist, from its {@code scores.json} summary and its {@code review.json} only (no volume is read).
 *
 * @param scan      the scan's folder name (its id in requests)
 * @param status    not reviewed, in review or signed
 * @param detection what {@code calcify detect} made of it: ok, refused or failed
 * @param agatston  the total Agatston score (signed: the reader's; else the proposal's), null when not scored
 * @param category  its risk category, null when not scored
 * @param lesions   coronary lesions counted
 * @param warnings  the protocol screen's warnings, joined by "; "
 * @param model     the model that proposed the label map
 * @param version   the review's version
 * @param signedBy  who signed last, or null
 * @param message   why a scan was not scored, or empty
 */
public record WorklistRow(@JsonProperty("scan") String scan, @JsonProperty("status") ReviewStatus status,
                          @JsonProperty("detection") String detection, @JsonProperty("agatston") Double agatston,
                          @JsonProperty("category") String category, @JsonProperty("lesions") Integer lesions,
                          @JsonProperty("warnings") String warnings, @JsonProperty("model") String model,
                          @JsonProperty("version") int version, @JsonProperty("signed_by") String signedBy,
                          @JsonProperty("message") String message) {
}
