package org.calcify.nn;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Settings that must be in place before the PyTorch engine's native libraries load. libtorch runs its
 * intra-op threads on GNU OpenMP, whose threads by default spin at every barrier for a while before they
 * sleep; on a machine whose cores are shared with other work a spinning thread holds the core that the
 * thread it waits for needs, and a two-thread step became four to seven times slower than one thread in
 * our side-by-side runs (docs/benchmarks.md). {@code OMP_WAIT_POLICY=PASSIVE} makes waiting threads sleep
 * at once. It is set in the process environment (libgomp reads it when it loads) unless the environment
 * already names a policy (a user can still choose {@code ACTIVE}) or the system property
 * {@code calcify.omp.wait=default} asks for libgomp's default (spin, then sleep).
 */
final class EngineSetup {
    /** The variable libgomp reads when it loads. */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    /** System property: "default" leaves libgomp's own wait policy. */
    static final String PROPERTY = "calcify.omp.wait";

    private static boolean done;

    private EngineSetup() {
    }

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Sets the engine's environment once, before the engine loads; later calls do nothing. */
    static synchronized void beforeEngine() {
        if (done) {
            return;
        }
        done = true;
        if (System.getenv(WAIT_POLICY) != null || "default".equals(System.getProperty(PROPERTY))
                || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            Native.load("c", C.class).setenv(WAIT_POLICY, "PASSIVE", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // without it the engine runs as before, only slower on a busy machine
        }
    }
}
