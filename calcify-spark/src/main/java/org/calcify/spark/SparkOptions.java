package org.calcify.spark;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.calcify.app.failure.UsageException;
import picocli.CommandLine.Option;

/** The Spark options every cohort command takes: where it runs and how the cohort is split. */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = {"Where the job runs: local[N] (Spark inside this command, N cores; the default, local[*]: all of them, unless",
                    "spark-submit set spark.master),",
                    "spark://HOST:7077 (a standalone cluster), yarn, k8s://... Executors must read the inputs and write OUT",
                    "at the same paths (shared storage); see docs/cohorts.md."})
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Tasks the cohort is split into (0, the default: one per scan for detect and score; extract: one per core).")
    int partitions;

    @Option(names = "--engine-threads", paramLabel = "N", defaultValue = "1",
            description = "PyTorch threads per executor JVM, shared by its concurrent tasks (default: ${DEFAULT-VALUE}; Spark already runs one task per core).")
    int engineThreads;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeat for several), e.g. spark.executor.memory=4g.")
    List<String> conf = new ArrayList<>();

    void check() {
        if (partitions < 0) {
            throw new UsageException("--partitions must be 0 or more, got " + partitions);
        }
        if (engineThreads < 1) {
            throw new UsageException("--engine-threads must be at least 1, got " + engineThreads);
        }
        for (String c : conf) {
            if (c.indexOf('=') <= 0) {
                throw new UsageException("--conf takes KEY=VALUE, got " + c);
            }
        }
    }

    /** The master: --master, else spark-submit's spark.master, else local[*]. */
    String master() {
        return master != null ? master : System.getProperty("spark.master", "local[*]");
    }

    boolean isLocal() {
        return master().startsWith("local");
    }

    /**
     * The Spark context (no SQL session: the tables are written on the driver). Outside local mode, unless told otherwise, executors get this JVM's class path (the module's
     * jars, at the same paths on every worker: shared storage, or the same install) and its engine settings.
     */
    JavaSparkContext context(String appName) {
        return new JavaSparkContext(conf(appName));
    }

    /** The settings the context is made with (also what the driver lists remote inputs with: their spark.hadoop.*). */
    SparkConf conf(String appName) {
        check();
        // defaults, each kept when spark-submit (or a -Dspark.* option) already set it
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("spark.app.name", appName);
        defaults.put("spark.ui.enabled", "false");
        defaults.put("spark.ui.showConsoleProgress", "false");
        if (!isLocal() && System.getProperty("spark.submit.deployMode") == null) {
            // started by ./calcify, not spark-submit (which ships the jars itself, --jars)
            defaults.put("spark.executor.extraClassPath", classPath());
            defaults.put("spark.executor.extraJavaOptions", "-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"));
            defaults.put("spark.executor.cores", "1");
        }
        SparkConf sc = new SparkConf().setMaster(master());
        defaults.forEach(sc::setIfMissing);
        for (String c : conf) {
            int eq = c.indexOf('=');
            sc.set(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
        }
        if (!isLocal()) {
            limitExecutorJvm(sc);
            shareExecutorClasses(sc, System.getProperty(EXECUTOR_CLASS_ARCHIVE), System.getProperty(EXECUTOR_CLASS_ARCHIVE_AT_EXIT));
        }
        return sc;
    }

    /** System property the {@code ./calcify} launcher sets: a class-data archive an executor of an earlier run wrote, for executors to map. */
    static final String EXECUTOR_CLASS_ARCHIVE = "calcify.executor.classArchive";
    /** System property the launcher sets while there is no archive: a path prefix each executor writes one to at its exit. */
    static final String EXECUTOR_CLASS_ARCHIVE_AT_EXIT = "calcify.executor.classArchiveAtExit";
    /** The JVM's own log lines to stderr, its class-data-sharing messages off (as the launcher starts every command). */
    private static final String QUIET_CDS = "-Xlog:disable -Xlog:all=warning,cds*=off:stderr";

    /**
     * Class-data sharing for the executors of a cluster, as the launcher gives it to the driver: an executor that maps an
     * earlier executor's classes (Spark's, Scala's, Netty's, DJL's) starts about a second sooner, on each worker and
     * each run (docs/benchmarks.md). With {@code archive} the executors map it ({@code -Xshare:auto}: a JVM or class path
     * that does not match it, as on another machine, just loads its classes); otherwise, with {@code atExitPrefix},
     * each writes one at its exit under a name of its own ({@code PREFIX.APP-EXECUTOR.jsa}), which the launcher adopts
     * at its next start. Executor options that already say how to share classes are left alone.
     */
    static void shareExecutorClasses(SparkConf sc, String archive, String atExitPrefix) {
        String opts = sc.get("spark.executor.extraJavaOptions", "");
        if (opts.contains("-Xshare") || opts.contains("SharedArchiveFile") || opts.contains("ArchiveClassesAtExit")) {
            return;
        }
        String cds;
        if (archive != null && !archive.isBlank()) {
            cds = "-Xshare:auto " + quoted("-XX:SharedArchiveFile=" + archive);
        } else if (atExitPrefix != null && !atExitPrefix.isBlank()) {
            cds = quoted("-XX:ArchiveClassesAtExit=" + atExitPrefix + ".{{APP_ID}}-{{EXECUTOR_ID}}.jsa");
        } else {
            return;
        }
        // first, so that an -Xlog option of the user's, after the quieting, still holds
        sc.set("spark.executor.extraJavaOptions", (cds + " " + QUIET_CDS + " " + opts).trim());
    }

    /**
     * Each executor JVM sees as many processors as it has task cores ({@code -XX:ActiveProcessorCount}, when
     * {@code spark.executor.cores} is set, as it is by default here, and the executor options do not already say): its fork-join pool (the per-scan parallel loops), GC and JIT threads then fit in
     * the cores Spark gave it, and executors on one machine do not oversubscribe it. And its heap starts at its full
     * size ({@code -Xms}, spark.executor.memory), unless the executor options already size it.
     */
    static void limitExecutorJvm(SparkConf sc) {
        String opts = sc.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains("ActiveProcessorCount") && sc.contains("spark.executor.cores")) {
            String cores = sc.get("spark.executor.cores");
            opts = (opts + " -XX:ActiveProcessorCount=" + cores).trim();
        }
        if (!opts.contains("-Xms") && !opts.contains("InitialHeapSize") && !opts.contains("InitialRAMPercentage")) {
            // the whole heap from the start: an executor of several cores runs G1, which started on 1/64 of the
            // machine's memory keeps resizing a small heap; with -Xms at the heap Spark gives it (-Xmx, from
            // spark.executor.memory), one executor of 2 cores does 1.85-1.91x the scans of 1 core, against 1.63-1.83x
            // (docs/benchmarks.md). Spark forbids -Xmx here, not -Xms.
            long mb;
            try {
                mb = sc.getSizeAsMb("spark.executor.memory", "1g");
            } catch (NumberFormatException e) {
                throw new UsageException("spark.executor.memory must be a size such as 4g or 1500m, got '"
                        + sc.get("spark.executor.memory") + "'");
            }
            opts = (opts + " -Xms" + mb + "m").trim();
        }
        sc.set("spark.executor.extraJavaOptions", opts);
    }

    /** One option of {@code spark.executor.extraJavaOptions}, which Spark splits at spaces outside quotes. */
    private static String quoted(String option) {
        return option.chars().anyMatch(Character::isWhitespace) ? "\"" + option + "\"" : option;
    }

    /** This JVM's class path as absolute paths. */
    private static String classPath() {
        List<String> out = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!p.isBlank()) {
                out.add(new File(p).getAbsolutePath());
            }
        }
        // a jar started with -jar names its libraries in its manifest: list them too
        if (out.size() == 1 && out.get(0).endsWith(".jar")) {
            File lib = new File(new File(out.get(0)).getParentFile(), "lib");
            File[] jars = lib.listFiles((d, n) -> n.endsWith(".jar"));
            if (jars != null) {
                java.util.Arrays.sort(jars);
                for (File j : jars) {
                    out.add(j.getAbsolutePath());
                }
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
