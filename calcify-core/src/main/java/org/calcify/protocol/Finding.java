package org.calcify.protocol;

/**
 * One thing the protocol screen found about a scan.
 *
 * @param check    what it is about
 * @param severity how much it matters
 * @param message  one line for a person: what was found and what it means for the score
 */
public record Finding(ProtocolCheck check, Severity severity, String message) {
    public Finding {
        if (check == null || severity == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("a finding needs a check, a severity and a message");
        }
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
