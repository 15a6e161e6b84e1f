package org.calcify.cli;

import java.io.PrintWriter;
import org.calcify.app.failure.FailureReport;
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
        cl.setParameterExceptionHandler((ex, args) -> FailureReport.printUsageError(ex.getCommandLine().getErr(), ex.getMessage(),
                ex.getCommandLine().getCommandSpec().qualifiedName()));
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
            return report(e, last.getErr(), FailureReport.debugRequested(parse.originalArgs()));
        }
    }

    private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        return report(ex, cl.getErr(), FailureReport.debugRequested(parse.originalArgs()));
    }

    /**
     * One line on {@code err} and the exit code: bad input ({@link org.calcify.io.InvalidInputException}, a bad option, a
     * missing or unreadable path) is {@code calcify: error: ...}, exit 2; an I/O failure or running out of
     * memory is {@code calcify: error: ...}, exit 1; anything else is a bug: {@code calcify: internal error:
     * ...}, exit 1. The stack trace follows only with {@code --debug}.
     */
    static int report(Throwable thrown, PrintWriter err, boolean debug) {
        Throwable t = FailureReport.unwrap(thrown);
        FailureReport r = FailureReport.of(t, debug);
        return r.print(err, t, debug);
    }

    /** The message on one line with control characters escaped (file content often is part of it). */
    static String oneLine(String s) {
        return FailureReport.oneLine(s);
    }

    /** Calcify's and Java's versions ({@link org.calcify.app.CalcifyVersion}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return org.calcify.app.CalcifyVersion.versionLines("");
        }
    }
}
