package org.calcify.app.failure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import org.calcify.app.dicomweb.DicomWebException;
import org.calcify.io.InvalidInputException;
import org.calcify.io.PrintableText;

/**
 * How every front end (the command line, the cluster job) tells a user why a command failed: one line on stderr and
 * an exit code. Bad input (an {@link InvalidInputException}, a missing or unreadable path, a refused DICOMweb request,
 * a usage error the front end names) is {@code calcify: error: ...}, exit 2; a failed write or job and running out of
 * memory are {@code calcify: error: ...}, exit 1; anything else is a bug, {@code calcify: internal error: ...}, exit 1,
 * with the stack trace only when asked for.
 *
 * @param line     the one line, control characters escaped (file content is often part of it)
 * @param exitCode 2 for the user's input, 1 otherwise
 */
public record FailureReport(String line, int exitCode) {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_FAILED = 1;

    /** The user's input or options are wrong: exit 2. */
    public static FailureReport badInput(String message) {
        return new FailureReport("calcify: error: " + oneLine(message), EXIT_BAD_INPUT);
    }

    /** The work failed (a write, a job, memory): exit 1. */
    public static FailureReport failed(String message) {
        return new FailureReport("calcify: error: " + oneLine(message), EXIT_FAILED);
    }

    /** A bug: exit 1, the exception's class and message. */
    public static FailureReport bug(Throwable t, boolean debug) {
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                + (debug ? "" : " (run with --debug for the stack trace)");
        return new FailureReport("calcify: internal error: " + oneLine(message), EXIT_FAILED);
    }

    /** The failure behind an {@link UncheckedIOException}, else {@code thrown}. */
    public static Throwable unwrap(Throwable thrown) {
        return thrown instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : thrown;
    }

    /** The report of a failure every front end meets (input, files, I/O, DICOMweb, memory), else a bug. */
    public static FailureReport of(Throwable t, boolean debug) {
        if (t instanceof InvalidInputException || t instanceof DicomWebException || t instanceof UsageException) {
            return badInput(t.getMessage()); // the file or request and what is wrong with it
        } else if (t instanceof NoSuchFileException nf) {
            return badInput(nf.getFile() + ": no such file or folder");
        } else if (t instanceof AccessDeniedException ad) {
            return badInput(ad.getFile() + ": permission denied");
        } else if (t instanceof FileAlreadyExistsException fe) {
            return badInput(fe.getFile() + ": already exists and is not a folder");
        } else if (t instanceof FileSystemException fs) {
            return badInput(fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT)
                    : fs.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)));
        } else if (t instanceof IOException) {
            return failed(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        } else if (t instanceof OutOfMemoryError) {
            return failed("out of memory (raise the JVM heap with CALCIFY_JAVA_OPTS=-Xmx...)");
        }
        return bug(t, debug);
    }

    /** Prints the line (and with {@code debug} the stack trace of {@code t}) and returns the exit code. */
    public int print(PrintWriter err, Throwable t, boolean debug) {
        err.println(line);
        if (debug && t != null) {
            t.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /**
     * A usage error a front end's option parser found: the one line, then where help is ({@code Try 'COMMAND --help'}),
     * exit 2.
     */
    public static int printUsageError(PrintWriter err, String message, String command) {
        err.println(badInput(message).line());
        err.println("Try '" + command + " --help' for more information.");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /**
     * Whether the command line asks for stack traces: {@code --debug} anywhere before a {@code --} that ends the
     * options (front ends accept it on every subcommand).
     */
    public static boolean debugRequested(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            } else if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The message on one line with control characters escaped. */
    public static String oneLine(String s) {
        return s == null ? "unknown error" : PrintableText.escape(s);
    }
}
