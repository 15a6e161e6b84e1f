package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.calcify.app.failure.UsageException;
import org.calcify.serve.AccessToken;
import org.calcify.serve.ReviewServer;
import org.calcify.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify serve --cohort DIR}: review a detect output in the browser. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a 'calcify detect' output folder for review in the browser: a worklist of every scan (status, Agatston,",
                "category, protocol warnings, model) and a viewer per scan (NiiVue: axial, coronal, sagittal, window presets, the",
                "label map coloured per artery) where a reader sets each lesion's class, adds missed lesions (a click on a voxel",
                ">= 130 HU takes its component), undoes, and signs. Scores update at once, by the scorer of 'calcify score'.",
                "Signing writes labels-reviewed.nii.gz beside labels.nii.gz (never over it), regenerates scores.json and",
                "report.html (the proposal's kept as scores-proposed.json, report-proposed.html) and appends to audit.jsonl.",
                "Listens on 127.0.0.1 unless --host says otherwise; any other host needs a token. See docs/review.md."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--cohort", required = true, paramLabel = "DIR", description = "The --out folder of 'calcify detect'.")
    Path cohort;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_PORT,
            description = "Port to listen on; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = ServeOptions.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any other needs a token: every request"
                    + " without it gets 401.")
    String host;

    @Option(names = "--token-file", paramLabel = "F",
            description = "File whose first line is the access token (at least 16 characters). Without it, a host other than"
                    + " 127.0.0.1 gets a random token, printed at start.")
    Path tokenFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean loopback = ServeOptions.isLoopback(host);
        AccessToken token = tokenFile != null ? AccessToken.read(tokenFile) : loopback ? null : AccessToken.random();
        ServeOptions options = UsageException.fromOptions(() -> new ServeOptions(cohort, host, port, token, ServeOptions.DEFAULT_MAX_BODY_BYTES));
        ReviewServer server;
        try {
            server = ReviewServer.start(options);
        } catch (RuntimeException e) {
            if (hasCause(e, java.net.BindException.class)) {
                throw new UsageException("cannot listen on " + host + ":" + port + " (in use, or not an address of this machine)");
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "calcify-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        long upMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        out.println("calcify serve: reviewing " + server.cohort().dir() + " at " + server.url() + " (listening " + upMs
                + " ms after the JVM started)");
        if (token != null && tokenFile == null) {
            out.println("calcify serve: access token (every request needs it): " + token.value());
        }
        out.println("calcify serve: stop with Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
