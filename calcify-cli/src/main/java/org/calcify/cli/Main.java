package org.calcify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.calcify.io.InvalidInputException;
import org.calcify.io.PrintableText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The {@code calcify} command: a thin layer over calcify-core and calcify-nn. */
@Command(name = "calcify",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Finds and scores coronary artery calcium in CT.",
        subcommands = {InfoCommand.class, ConvertCommand.class, SeedExtractCommand.class, ExtractCommand.class, RenderCommand.class,
                PhantomCommand.class, HybridCommand.class, ScoreCommand.class, EvaluateCommand.class, TrainCommand.class, PredictCommand.class, DetectCommand.class, ServeCommand.class, ExportCommand.class, PacsCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input or bad usage. */
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the full stack trace of an error.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it with their own writers). */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleError);
        cl.setExecutionStrategy(Main::runCatchingErrors);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("calcify: error: " + oneLine(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /**
     * Runs the command; an {@link Error} (out of memory, stack overflow), which picocli would let escape as an
     * uncaught stack trace, is reported like any other failure.
     */
    private static int runCatchingErrors(CommandLine.ParseResult parse) {
        try {
            return new CommandLine.RunLast().execute(parse);
        } catch (OutOfMemoryError | StackOverflowError e) {
            CommandLine last = parse.asCommandLineList().get(parse.asCommandLineList().size() - 1);
            return report(e, last.getErr(), isDebugAnywhere(parse));
        }
    }

    private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        return report(ex, cl.getErr(), isDebugAnywhere(parse));
    }

    /**
     * One line on {@code err} and the exit code: bad input ({@link InvalidInputException}, a bad option, a
     * missing or unreadable path) is {@code calcify: error: ...}, exit 2; an I/O failure or running out of
     * memory is {@code calcify: error: ...}, exit 1; anything else is a bug: {@code calcify: internal error:
     * ...}, exit 1. The stack trace follows only with {@code --debug}.
     */
    static int report(Throwable thrown, PrintWriter err, boolean debug) {
        Throwable t = thrown instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : thrown;
        int code = EXIT_BAD_INPUT;
        String prefix = "calcify: error: ";
        String message;
        if (t instanceof InvalidInputException bad) {
            message = bad.getMessage();
        } else if (t instanceof org.calcify.app.dicomweb.DicomWebException web) {
            message = web.getMessage(); // the request's URL and why it failed
        } else if (t instanceof UsageException usage) {
            message = usage.getMessage();
        } else if (t instanceof java.nio.file.NoSuchFileException nf) {
            message = nf.getFile() + ": no such file or folder";
        } else if (t instanceof java.nio.file.AccessDeniedException ad) {
            message = ad.getFile() + ": permission denied";
        } else if (t instanceof java.nio.file.FileAlreadyExistsException fe) {
            message = fe.getFile() + ": already exists and is not a folder";
        } else if (t instanceof java.nio.file.FileSystemException fs) {
            message = fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason().toLowerCase(java.util.Locale.ROOT)
                    : fs.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT));
        } else if (t instanceof IOException) {
            message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            code = 1;
        } else if (t instanceof OutOfMemoryError) {
            message = "out of memory (raise the JVM heap with CALCIFY_JAVA_OPTS=-Xmx...)";
            code = 1;
        } else {
            prefix = "calcify: internal error: ";
            message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                    + (debug ? "" : " (run with --debug for the stack trace)");
            code = 1;
        }
        err.println(prefix + oneLine(message));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isDebugAnywhere(CommandLine.ParseResult parse) {
        for (CommandLine.ParseResult p = parse; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The message on one line with control characters escaped (file content often is part of it). */
    static String oneLine(String s) {
        return s == null ? "unknown error" : PrintableText.escape(s);
    }

    /** Reads the version Maven filtered into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"calcify " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
