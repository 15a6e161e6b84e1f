package org.calcify.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @Test
    void aFinishedFileIsReadableByOthersAndNothingIsLeftBehind(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/out.txt");
        AtomicOutput.write(f, "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("hello\n");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(f)).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
        try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.txt");
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoPart(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicOutput.write(f, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.txt");
        }
    }
    @Test
    void temporaryNamesTakenByAnotherWriterAreSteppedOverAndReplacedFilesAreWhole(@TempDir Path dir) throws IOException {
        long pid = ProcessHandle.current().pid();
        Path f = dir.resolve("patch.pkl");
        AtomicOutput.write(f, new byte[] {1});
        // names this process would pick next, already taken (e.g. by a killed run that had the same PID)
        long next = AtomicOutput.lastTemporaryNumber() + 1;
        for (long n = next; n < next + 20; n++) {
            Files.write(dir.resolve(".patch.pkl." + pid + "-" + n + ".part"), new byte[] {9});
        }
        for (int round = 0; round < 30; round++) {
            byte[] content = new byte[1000 + round];
            java.util.Arrays.fill(content, (byte) round);
            AtomicOutput.write(f, content);
            assertThat(Files.readAllBytes(f)).isEqualTo(content);
        }
        try (Stream<Path> s = Files.list(dir)) {
            // only the planted files are left beside the output, each untouched
            assertThat(s.filter(p -> !p.equals(f)).map(p -> {
                try {
                    return Files.readAllBytes(p)[0];
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).hasSize(20).containsOnly((byte) 9);
        }
    }
}
