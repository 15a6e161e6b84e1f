package org.calcify.app.detect;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Runs a piece of work with its parallel loops on one thread: for scans processed several at once, one per thread
 * (`detect --threads N` on a folder, a Spark executor with several task slots).
 *
 * <p>The anatomy's loops are parallel streams ({@code IntStream.parallel()}), which run on the JVM's common fork-join
 * pool, one thread fewer than the cores. Two scans on two threads share that pool's one worker: a scan whose loop
 * waits for a slice the worker took from it blocks while the worker serves the other scan, and the core idles
 * (a one-executor Spark job kept its two cores 88–90 % busy, docs/benchmarks.md). Run inside a fork-join pool of its
 * own with one thread, the work's parallel streams use that pool (a stream forks into the pool of the thread that
 * runs it) and so run on that thread alone, slice after slice, with nothing to wait for. The loops write disjoint
 * parts of their outputs, so the results are the same either way.
 */
public final class SingleThreadLoops {
    /** One pool per calling thread, made on its first call (its worker is a daemon and ends after a minute idle). */
    private static final ThreadLocal<ForkJoinPool> OWN = ThreadLocal.withInitial(() -> new ForkJoinPool(1));

    private SingleThreadLoops() {
    }

    /** {@code work.get()}, its parallel streams on one thread; what it throws is thrown as it is (the same object). */
    @SuppressWarnings("unchecked")
    public static <T> T call(Supplier<T> work) {
        // caught in the pool's thread and rethrown here: ForkJoinTask.get would throw a copy (of an OutOfMemoryError
        // without its message) wrapped in an ExecutionException
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        try {
            OWN.get().submit(() -> {
                try {
                    result[0] = work.get();
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a scan was processed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (thrown[0] instanceof RuntimeException re) {
            throw re;
        }
        if (thrown[0] instanceof Error err) {
            throw err;
        }
        if (thrown[0] != null) {
            throw new IllegalStateException(thrown[0]); // a checked exception a Supplier cannot declare, thrown sneakily
        }
        return (T) result[0];
    }
}
