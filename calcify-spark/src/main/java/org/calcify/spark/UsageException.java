package org.calcify.spark;

import java.util.function.Supplier;

/** A command line that cannot work (an option out of range): {@code calcify: error: <message>}, exit 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    /** Builds settings from options: a setting the library refuses is the user's option, so a usage error here. */
    static <T> T fromOptions(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
