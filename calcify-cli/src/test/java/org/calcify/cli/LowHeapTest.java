package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify info} under {@code -Xmx1g}, in a process of its own, on a gzip bomb (issue 14.6). */
class LowHeapTest {

    /**
     * A 4 MB .nii.gz whose NIfTI-1 header claims 1290^3 int16 voxels (4.3 GB) and whose gzip members do inflate
     * to that much: the header and 64 MiB of zeros, then the same 64 MiB member repeated.
     */
    private static void writeBomb(Path file) throws Exception {
        ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 348);
        short[] dim = {3, 1290, 1290, 1290, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            h.putShort(40 + 2 * i, dim[i]);
            h.putFloat(76 + 4 * i, 1);
        }
        h.putShort(70, (short) 4).putShort(72, (short) 16).putFloat(108, 352).putFloat(112, 1);
        h.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
        byte[] zeros = new byte[64 << 20];
        byte[] member = gzip(zeros);
        long voxelBytes = 2L * 1290 * 1290 * 1290;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(gzip(h.array()));
            for (long left = voxelBytes; left > 0; left -= zeros.length) {
                out.write(member);
            }
        }
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(b);
        }
        return bytes.toByteArray();
    }

    @Test
    void aGzipBombIsOneLineExitTwoWithAOneGigabyteHeap(@TempDir Path dir) throws Exception {
        Path bomb = dir.resolve("bomb.nii.gz");
        writeBomb(bomb);
        assertThat(Files.size(bomb)).isLessThan(8 << 20);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "info", bomb.toString());
        Path log = dir.resolve("err.txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String err = Files.readString(log);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().toList()).singleElement().asString()
                .startsWith("calcify: error: " + bomb + ": ").contains("Java heap");
        assertThat(seconds).as("seconds to refuse").isLessThan(10);
    }
}
