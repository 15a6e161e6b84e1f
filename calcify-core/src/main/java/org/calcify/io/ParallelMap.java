package org.calcify.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a function that may fail with an {@link IOException} to independent items on a small pool of
 * daemon threads, results in input order. The first failure (in input order) is rethrown as it was thrown:
 * an IOException (an {@link InvalidInputException} among them) stays one, a RuntimeException or Error too.
 */
public final class ParallelMap {
    private ParallelMap() {
    }

    /** A function of one item that may fail with an IOException. */
    @FunctionalInterface
    public interface IoFunction<T, R> {
        R apply(T item) throws IOException;
    }

    /**
     * @param items      the inputs
     * @param maxThreads at most this many threads (and no more than the cores or the items); 1 runs in the caller
     * @param threadName the pool threads' name
     */
    public static <T, R> List<R> map(List<T> items, int maxThreads, String threadName, IoFunction<T, R> f) throws IOException {
        int threads = Math.min(items.size(), Math.max(1, Math.min(maxThreads, Runtime.getRuntime().availableProcessors())));
        List<R> out = new ArrayList<>(items.size());
        if (threads <= 1) {
            for (T t : items) {
                out.add(f.apply(t));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T t : items) {
                futures.add(pool.submit(() -> f.apply(t)));
            }
            for (Future<R> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted (" + threadName + ")");
        } finally {
            pool.shutdownNow();
        }
    }
}
