package org.calcify.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * Writes a byte array atomically, in as few system calls as the file system allows: the temporary file
     * is created with its final permissions (rw-r--r--, less the umask) and a name made from this process
     * and a counter ({@code .NAME.PID-N.part}, no random source), filled in one write and renamed. Writers of
     * many small files (thousands of patches) spend most of their time here.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        Path tmp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            tmp = (dir == null ? Path.of("") : dir).resolve("." + name + "." + PID + "-" + COUNTER.incrementAndGet() + ".part");
            try {
                channel = FileChannel.open(tmp, NEW_FILE, READABLE_BY_ALL);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e; // a leftover of a dead process with our PID would take one retry, not a hundred
                }
            } catch (NoSuchFileException e) {
                if (dir == null || Files.isDirectory(dir) || attempt > 0) {
                    throw e;
                }
                Files.createDirectories(dir);
            } catch (UnsupportedOperationException e) {
                write(target, out -> out.write(content)); // not a POSIX file system
                return;
            }
        }
        boolean done = false;
        try {
            try (FileChannel c = channel) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    c.write(buf);
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    /** The number in the newest temporary name {@link #write(Path, byte[])} made (for tests). */
    static long lastTemporaryNumber() {
        return COUNTER.get();
    }
    private static final Set<OpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> READABLE_BY_ALL =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
}
