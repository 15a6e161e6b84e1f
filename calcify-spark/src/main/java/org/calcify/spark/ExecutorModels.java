package org.calcify.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.calcify.detect.BackgroundClassifier;
import org.calcify.detect.CandidateClassifier;

/**
 * The classifiers of this JVM (a Spark executor, or the driver in local mode): each model is loaded once, on the
 * first task that needs it, and shared by the JVM's concurrent tasks (a classifier is thread-safe, as
 * {@code detect --threads} uses it). Before the first load the engine's threads are limited, so that an executor
 * running as many tasks at once as it has cores does not also start that many engine threads per task.
 */
final class ExecutorModels {
    private static final Map<String, CandidateClassifier> LOADED = new HashMap<>();
    private static Path scratch;

    private ExecutorModels() {
    }

    /**
     * The JVM's classifier for {@code model}: on the first call it starts loading on a background thread (as
     * {@code calcify detect} does), so that the first scan is read and its anatomy located meanwhile, and a task
     * whose scan is already finished never waits for it. A model that fails to load fails the tasks that need it
     * ({@link BackgroundClassifier.LoadFailure}).
     */
    static synchronized CandidateClassifier classifier(ModelSource model, int engineThreads) throws IOException {
        CandidateClassifier c = LOADED.get(model.id());
        if (c == null) {
            limitEngineThreads(engineThreads);
            if (scratch == null) {
                scratch = Files.createTempDirectory("calcify-spark-model");
                scratch.toFile().deleteOnExit();
            }
            Path dir = scratch;
            c = new BackgroundClassifier(() -> model.load(dir));
            LOADED.put(model.id(), c);
        }
        return c;
    }

    /** PyTorch's intra-op threads per JVM (read when the engine starts; an explicit -D setting wins). */
    static void limitEngineThreads(int threads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
