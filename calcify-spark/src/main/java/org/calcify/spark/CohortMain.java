package org.calcify.spark;

import java.io.PrintWriter;
import org.calcify.app.failure.FailureReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * {@code calcify cohort}: whole cohorts on Apache Spark (embedded, local[*], by default). The {@code ./calcify}
 * launcher runs this main, with the JVM options Spark needs on Java 17, when its first argument is {@code cohort}.
 */
@Command(name = "calcify cohort", mixinStandardHelpOptions = true, versionProvider = CohortMain.Version.class,
        description = {"Detects, scores or extracts training patches from whole cohorts on Apache Spark: one task per scan through",
                "the same code as 'calcify detect', 'score' and 'extract', the results as Parquet and CSV tables.",
                "Spark runs inside the command by default (--master local[*]); --master spark://HOST:7077, yarn or k8s://...",
                "run the same job on a cluster (docs/cohorts.md)."},
        subcommands = {DetectCohortCommand.class, ScoreCohortCommand.class, ExtractCohortCommand.class, CommandLine.HelpCommand.class})
public final class CohortMain implements Runnable {
    /** Exit code for bad input or bad usage. */
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show the full stack trace of an error.")
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
        CommandLine cl = new CommandLine(new CohortMain());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, c, parse) -> report(ex, c.getErr(), FailureReport.debugRequested(parse.originalArgs())));
        cl.setParameterExceptionHandler((ex, args) -> FailureReport.printUsageError(ex.getCommandLine().getErr(), ex.getMessage(),
                ex.getCommandLine().getCommandSpec().qualifiedName()));
        return cl;
    }

    /**
     * One line on {@code err} and the exit code: bad input (an {@link org.calcify.io.InvalidInputException}, a bad option, a missing
     * path) is {@code calcify: error: ...}, exit 2; a failed job or I/O error is {@code calcify: error: ...}, exit 1;
     * anything else {@code calcify: internal error: ...}, exit 1. The stack trace follows only with {@code --debug}.
     */
    static int report(Throwable thrown, PrintWriter err, boolean debug) {
        Throwable t = FailureReport.unwrap(thrown);
        FailureReport r;
        if (t instanceof org.apache.spark.SparkException se) {
            r = FailureReport.failed("the Spark job failed: " + rootMessage(se) + (debug ? "" : " (run with --debug for the stack trace)"));
        } else if (t instanceof OutOfMemoryError) {
            r = FailureReport.failed("out of memory (raise the JVM heap with CALCIFY_JAVA_OPTS=-Xmx..., or spark.executor.memory)");
        } else {
            r = FailureReport.of(t, debug);
        }
        return r.print(err, t, debug);
    }

    /** The innermost cause's message (Spark wraps a task's exception in a long "Job aborted" text). */
    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static String oneLine(String s) {
        return FailureReport.oneLine(s);
    }

    /** Calcify's version, as the SEG and SR of {@code --dicom-out} record it. */
    static String version() {
        return org.calcify.app.CalcifyVersion.version();
    }

    /** Calcify's (with Spark's) and Java's versions ({@link org.calcify.app.CalcifyVersion}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return org.calcify.app.CalcifyVersion.versionLines("(cohort, Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")");
        }
    }
}
