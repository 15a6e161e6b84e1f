package org.calcify.serve;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The bodies of the review requests: each names the version it was based on (a stale one is answered 409). */
final class ReviewRequests {
    private ReviewRequests() {
    }

    /** Set a lesion's class: none, LM, LAD, LCX, RCA or other. */
    record SetClass(@JsonProperty("version") Integer version, @JsonProperty("class") String className,
                    @JsonProperty("reader") String reader) {
    }

    /** Add the lesion at a voxel (z, y, x), or at a point in RAS mm (a click in the viewer), with a class. */
    record AddLesion(@JsonProperty("version") Integer version, @JsonProperty("zyx") int[] zyx, @JsonProperty("ras_mm") double[] rasMm,
                     @JsonProperty("class") String className,
                     @JsonProperty("reader") String reader) {
    }

    /** Undo or sign. */
    record Versioned(@JsonProperty("version") Integer version, @JsonProperty("reader") String reader) {
    }
}
