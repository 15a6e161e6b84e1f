package org.calcify.app.review;

/**
 * A review request that cannot be carried out, and why; front ends map the {@link Reason} to their own answer (an
 * HTTP status, an exit code). The message is one line for the reader.
 */
public final class ReviewException extends Exception {
    /** Why a request was refused. */
    public enum Reason {
        /** No such scan or lesion. */
        NOT_FOUND,
        /** The request makes no sense for this scan (a voxel below the threshold, an unknown class, nothing to undo). */
        INVALID,
        /** The scan changed since the version the request was based on (another reader, another tab). */
        CONFLICT
    }

    private final Reason reason;

    public ReviewException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ReviewException notFound(String message) {
        return new ReviewException(Reason.NOT_FOUND, message);
    }

    static ReviewException invalid(String message) {
        return new ReviewException(Reason.INVALID, message);
    }
}
