package org.calcify.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a file under a temporary name in the target's folder and renames it into place only when
 * the whole content was written, so that a crash or an error never leaves a half-written output. A
 * process killed while writing leaves its temporary file; the next run removes it ({@link #removeLeftovers}).
 */
public final class AtomicOutput {

    /** The body of a write: puts the content on the stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final long PID = ProcessHandle.current().pid();
    /** A temporary name: ".NAME.PID-RANDOM.part" (PID of the writing process), or ".NAME.RANDOM.part" from older versions. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(?:(\\d+)-)?\\d+\\.part");

    private AtomicOutput() {
    }

    /**
     * Removes the temporary files that writers killed before their rename left in {@code dir} (not in its
     * subfolders): those of processes no longer running. Files of a live process (another run writing into the
     * same folder, or this one) are kept. Call it before a run writes into a folder a killed run may have used.
     *
     * @return how many files were removed (0 when {@code dir} does not exist)
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            leftovers = files.filter(AtomicOutput::isLeftover).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : leftovers) {
            Files.deleteIfExists(p);
        }
        return leftovers.size();
    }

    private static boolean isLeftover(Path p) {
        Matcher m = TEMPORARY.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (m.group(1) == null) {
            return true; // written by a version that did not record its process
        }
        try {
            long pid = Long.parseLong(m.group(1));
            return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Writes {@code target} atomically; on any failure the temporary file is removed and the target untouched. */
    public static void write(Path target, Writer body) throws IOException {
        Path tmp = temporaryFor(target);
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.writeTo(out);
            }
            moveIntoPlace(tmp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Creates an empty temporary file for {@code target} in its folder (created if missing), named
     * ".NAME.PID-RANDOM.part" like those of {@link #write}, so that {@link #removeLeftovers} removes it once this
     * process is gone; for writers that fill several files and rename them together ({@link #moveIntoPlace}).
     */
    public static Path temporaryFor(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        return Files.createTempFile(dir, "." + abs.getFileName() + "." + PID + "-", ".part");
    }

    /** Renames a finished temporary file of {@link #temporaryFor} onto {@code target} (atomically where the file system can), readable by all. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        // a temporary file is private (0600); the finished output gets the usual rw-r--r--
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its default
        }
        try {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a byte array atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }
}
