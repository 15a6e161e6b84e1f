package org.calcify.spark;

import java.io.IOException;

/**
 * The Spark job failed as a whole (not one scan: those are rows): a model that cannot be loaded, executors that
 * cannot start, a cluster that went away. The command prints {@code calcify: error: the Spark job failed: <why>}
 * and exits 1; the scans finished so far are kept, and a rerun resumes.
 */
final class JobFailed extends IOException {
    private static final long serialVersionUID = 1L;

    private JobFailed(String message, Throwable cause) {
        super(message, cause);
    }

    static JobFailed of(RuntimeException e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
        int nl = m.indexOf('\n');
        return new JobFailed("the Spark job failed: " + (nl < 0 ? m : m.substring(0, nl)) + " (finished scans are kept: rerun to resume)", e);
    }
}
