package org.calcify.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python ({@code /usr/bin/python3} with python3-numpy, -pydicom, -nibabel, -joblib,
 * -scipy installed by {@code .ci/run}) as an independent oracle from tests. The script gets its
 * arguments in {@code sys.argv[1:]}; whatever it prints on stdout is returned. A failing script fails
 * the test with Python's stderr, so an oracle can never pass silently.
 */
public final class PythonOracle {
    /** Debian's interpreter: the one apt's python3-* packages install into. */
    public static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private PythonOracle() {
    }

    /** Writes {@code values} as raw little-endian int16 (numpy's {@code '<i2'}), for a script to read; returns the path. */
    public static Path writeInt16(Path file, short[] values) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            b.putShort(v);
        }
        return Files.write(file, b.array());
    }

    /** Runs {@code script} with {@code args}; returns stdout. Throws if Python exits non-zero. */
    public static String run(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.add("-c");
        cmd.add(script);
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().remove("PYTHONPATH");
            pb.environment().remove("PYTHONHOME");
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errPump = new Thread(() -> copy(p.getErrorStream(), err));
            errPump.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("python oracle timed out");
            }
            errPump.join();
            if (p.exitValue() != 0) {
                throw new AssertionError("python oracle failed (exit " + p.exitValue() + "):\n"
                        + err.toString(StandardCharsets.UTF_8));
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + PYTHON + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the exit code tells
        }
    }

    /** Folder of the DICOM test files shipped with Debian's python3-pydicom. */
    public static Path pydicomTestFiles() {
        return Path.of(run("import pydicom.data, os; print(os.path.join(os.path.dirname(pydicom.data.__file__), 'test_files'))").trim());
    }

    /** Folder of the test data shipped with Debian's python3-nibabel. */
    public static Path nibabelTestData() {
        return Path.of(run("import nibabel.tests, os; print(os.path.join(os.path.dirname(nibabel.tests.__file__), 'data'))").trim());
    }

    /**
     * The project's own real-CT fixtures, {@code testdata/realdata} in the repository root (see
     * {@code testdata/README.md}), found by walking up from the working directory: Maven runs each
     * module's tests in the module's folder, one level below the root.
     */
    public static Path realData() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata").resolve("realdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("testdata/realdata not found in " + start + " or any folder above it:"
                + " run the tests inside a checkout of the project, whose root holds testdata/realdata");
    }
}
