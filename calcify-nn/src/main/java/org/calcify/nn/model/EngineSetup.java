package org.calcify.nn.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Process settings for the PyTorch engine, made once before its native libraries load (Linux, glibc).
 *
 * <p><b>OpenMP wait policy.</b> libtorch runs its intra-op threads on GNU OpenMP, whose threads by default
 * spin at every barrier for a while before they sleep; on a machine whose cores are shared with other
 * work a spinning thread holds the core that the thread it waits for needs, and two-thread steps became
 * several times slower than one thread in our side-by-side runs (docs/benchmarks.md).
 * {@code OMP_WAIT_POLICY=PASSIVE} makes waiting threads sleep at once. It goes into the process
 * environment, which libgomp reads when it loads, unless the environment already names a policy (a user
 * can still choose {@code ACTIVE}) or the system property {@code calcify.omp.wait=default} asks for
 * libgomp's default (spin, then sleep).
 *
 * <p><b>Allocator.</b> A training step allocates and frees feature maps of megabytes; glibc's malloc
 * returns such blocks to the kernel (unmapped, or trimmed from the top of the heap) and the next step
 * pays a page fault for every 4 KiB of them again. {@code mallopt} keeps blocks up to 32 MiB (glibc's
 * largest mmap threshold) in the heap and stops trimming below 1 GiB, so the memory of one step is
 * reused by the next; the process keeps its peak heap instead of returning it. The system property
 * {@code calcify.malloc=default} leaves glibc's defaults.
 */
final class EngineSetup {
    /** The variable libgomp reads when it loads. */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    /** System property: "default" leaves libgomp's own wait policy. */
    static final String WAIT_PROPERTY = "calcify.omp.wait";
    /** System property: "default" leaves glibc's malloc settings. */
    static final String MALLOC_PROPERTY = "calcify.malloc";

    // mallopt parameters of glibc's malloc.h
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private static boolean done;

    private EngineSetup() {
    }

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }

    /** Applies the settings once, before the engine loads; later calls do nothing. */
    static synchronized void beforeEngine() {
        if (done) {
            return;
        }
        done = true;
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            C c = Native.load("c", C.class);
            if (System.getenv(WAIT_POLICY) == null && !"default".equals(System.getProperty(WAIT_PROPERTY))) {
                c.setenv(WAIT_POLICY, "PASSIVE", 0);
            }
            if (!"default".equals(System.getProperty(MALLOC_PROPERTY))) {
                c.mallopt(M_MMAP_THRESHOLD, 32 << 20);
                c.mallopt(M_TRIM_THRESHOLD, 1 << 30);
                c.mallopt(M_TOP_PAD, 64 << 20);
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // not glibc, or no JNA: the engine runs with the defaults, only slower on a busy machine
        }
    }
}
