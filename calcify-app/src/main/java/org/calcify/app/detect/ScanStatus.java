package org.calcify.app.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one scan of a cohort. */
public enum ScanStatus {
    /** Detected and scored (now or by an earlier run whose outputs are complete). */
    OK,
    /** Read, but refused by the protocol screen (contrast, a sharp kernel, ...): not scored. */
    REFUSED,
    /** Could not be read or is not a chest CT. */
    FAILED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
