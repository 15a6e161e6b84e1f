package org.calcify.protocol;

/** How much a protocol finding matters. */
public enum Severity {
    /** Worth knowing; the score stands. */
    NOTE,
    /** The score is computed, but it is not the standard Agatston score or may be off; the warning says how. */
    WARNING,
    /** The scan is not scored. */
    REFUSAL
}
