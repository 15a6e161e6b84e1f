package org.calcify.app.failure;

import java.util.function.Supplier;

/**
 * A command line that cannot work: an option out of range, options that do not go together. Every front end
 * (the CLI, the Spark job) reports it through {@link FailureReport} as {@code calcify: error: <message>}, exit
 * code 2, as for bad input files; an {@link IllegalArgumentException} that reaches a front end is a bug instead
 * (exit 1).
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /**
     * Builds settings from options: a setting the library refuses ({@link IllegalArgumentException} from a
     * builder or record) is the user's option, so it becomes a usage error here, at the boundary.
     */
    public static <T> T fromOptions(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
