package org.calcify.cli;

import java.util.function.Supplier;

/**
 * A command line that cannot work: an option out of range, options that do not go together. The command line
 * prints it as {@code calcify: error: <message>} and exits with code 2, as it does for bad input files; an
 * {@link IllegalArgumentException} that reaches the command line is a bug instead (exit 1).
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    /**
     * Builds settings from options: a setting the library refuses ({@link IllegalArgumentException} from a
     * builder or record) is the user's option, so it becomes a usage error here, at the boundary.
     */
    static <T> T fromOptions(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
