package org.calcify.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An input file that Calcify cannot use: truncated, corrupt, hostile or of an unsupported kind.
 * The message is one line, {@code "<file>: <problem>"}; the command line prints it as
 * {@code calcify: error: <file>: <problem>} and exits with code 2. Control characters in the file name or the
 * problem (text from the file's content often is part of it) are escaped ({@link PrintableText}).
 */
public class InvalidInputException extends IOException {
    private final transient Path file;
    private final String problem;

    public InvalidInputException(Path file, String problem) {
        this(file, problem, null);
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(PrintableText.escape(file + ": " + withoutFile(file, problem)), cause);
        this.file = file;
        this.problem = PrintableText.escape(withoutFile(file, problem));
    }

    /**
     * {@code problem} without a leading {@code "<file>: "} (as given or absolute), so that a message passed on
     * from a lower layer that already named the file does not name it twice.
     */
    private static String withoutFile(Path file, String problem) {
        if (file == null || problem == null) {
            return problem;
        }
        for (String name : new String[] {file.toString(), file.toAbsolutePath().toString()}) {
            if (problem.startsWith(name + ": ")) {
                return problem.substring(name.length() + 2);
            }
        }
        return problem;
    }

    /** The offending file (or folder). */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
