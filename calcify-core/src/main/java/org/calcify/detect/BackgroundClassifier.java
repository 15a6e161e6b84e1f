package org.calcify.detect;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.volume.Volume;

/**
 * A classifier loaded on a background thread while the first scan is read and its anatomy located
 * (loading a network's engine and weights takes about a second). Every method waits for the load; a
 * load that failed throws {@link LoadFailure} carrying the loader's exception.
 */
public final class BackgroundClassifier implements CandidateClassifier {
    private final CompletableFuture<CandidateClassifier> loaded;

    /** Loading failed: {@link #getCause()} is what the loader threw. */
    public static final class LoadFailure extends RuntimeException {
        LoadFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Starts {@code loader} on a daemon thread now. */
    public BackgroundClassifier(Callable<CandidateClassifier> loader) {
        loaded = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                loaded.complete(loader.call());
            } catch (Throwable e) {
                loaded.completeExceptionally(e);
            }
        }, "calcify-model-loader");
        t.setDaemon(true);
        t.start();
    }

    /** The loaded classifier, waiting for it. */
    public CandidateClassifier get() {
        try {
            return loaded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the model", e);
        } catch (ExecutionException e) {
            throw new LoadFailure(e.getCause());
        }
    }

    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr) throws IOException {
        return get().classify(ct, voxels, emr);
    }

    @Override
    public float[][] classify(Volume ct, int[][] voxels, double[] emr, ThoraxAnatomy anatomy) throws IOException {
        return get().classify(ct, voxels, emr, anatomy);
    }

    @Override
    public void checkScan(Volume ct) {
        get().checkScan(ct);
    }

    @Override
    public String describe() {
        return get().describe();
    }

    @Override
    public void close() {
        if (!loaded.isCompletedExceptionally()) {
            get().close();
        }
    }
}
