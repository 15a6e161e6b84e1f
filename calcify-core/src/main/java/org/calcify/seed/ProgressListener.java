package org.calcify.seed;

/** Receives progress of a long job (the command line shows a progress bar). */
public interface ProgressListener {
    /** A stage starts with {@code total} steps. */
    void start(String stage, long total);

    /** {@code steps} more steps are done. */
    void advance(long steps);

    /** The stage is over. */
    void finish();

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String stage, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void finish() {
        }
    };
}
