package org.calcify.nn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NpyReader;
import org.calcify.nn.SyntheticShards;
import org.calcify.nn.data.PatchData;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Task;
import org.calcify.seed.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    @TempDir
    Path tmp;

    private void train(Path data, Architecture a, Task t) throws Exception {
        new CrossValidation(SyntheticShards.options(a, t, 1), ProgressListener.NONE, s -> { }).run(data, tmp.resolve("out"));
    }

    @Test
    void emptyFolder() {
        assertThatThrownBy(() -> train(tmp, Architecture.CNN3D, Task.BINARY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no shards");
    }

    @Test
    void noPatches() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, true, 0, 0, new int[] {0}, 0, 1);
        assertThatThrownBy(() -> train(data, Architecture.CNN3D, Task.BINARY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no patches");
    }

    @Test
    void oneClassData() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, true, 6, 3, new int[] {0, 5}, 0, 1);
        assertThatThrownBy(() -> train(data, Architecture.CNN3D, Task.BINARY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("one class");
    }

    @Test
    void wrongPatchKindForTheModel() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, false, 6, 3, new int[] {0, 1}, 0, 1);
        assertThatThrownBy(() -> train(data, Architecture.CNN3D, Task.BINARY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cnn3d needs cube patches");
    }

    @Test
    void mismatchedShardLengths() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, false, 4, 3, new int[] {0, 1}, 0, 1);
        Path other = tmp.resolve("o");
        SyntheticShards.write(other, false, 4, 2, new int[] {0, 1}, 0, 1);
        Files.copy(other.resolve("sagittal.npy"), data.resolve("sagittal.npy"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> PatchData.open(data)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sagittal.npy").hasMessageContaining("8 patches but labels.npy has 12 labels");
    }

    @Test
    void indexWithMissingRows() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, true, 4, 3, new int[] {0, 1}, 0, 1);
        List<String> lines = Files.readAllLines(data.resolve("index.csv"));
        Files.write(data.resolve("index.csv"), lines.subList(0, 5));
        assertThatThrownBy(() -> PatchData.open(data)).isInstanceOf(InvalidInputException.class).hasMessageContaining("4 rows but");
    }

    @Test
    void truncatedPatches() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, true, 4, 3, new int[] {0, 1}, 0, 1);
        Path cube = data.resolve("cube.npy");
        try (FileChannel ch = FileChannel.open(cube, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        assertThatThrownBy(() -> PatchData.open(data)).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
    }

    @Test
    void absurdPatchCountInHeader() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, true, 1, 2, new int[] {0, 1}, 0, 1);
        Path cube = data.resolve("cube.npy");
        // the header promises 9 patches, the file holds 2: refused before mapping anything
        byte[] b = Files.readAllBytes(cube);
        String h = new String(b, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = h.indexOf("(2,");
        byte[] repl = "(9,".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(repl, 0, b, at, repl.length);
        Files.write(cube, b);
        assertThat(NpyReader.readHeader(cube).shape()[0]).isEqualTo(9);
        assertThatThrownBy(() -> PatchData.open(data)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void nanInEmr() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, false, 4, 3, new int[] {0, 1}, 7, 1);
        Path emr = data.resolve("emr.npy");
        long offset = NpyReader.readHeader(emr).dataOffset();
        try (FileChannel ch = FileChannel.open(emr, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0, Double.NaN), offset + 8 * (7 * 5 + 2));
        }
        assertThatThrownBy(() -> PatchData.open(data)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("EMR feature 2 of row 5 is NaN");
    }

    @Test
    void labelOutsideTheClasses() throws Exception {
        Path data = tmp.resolve("d");
        SyntheticShards.write(data, true, 6, 2, new int[] {0, 1, 9}, 0, 1);
        assertThatThrownBy(() -> train(data, Architecture.CNN3D, Task.ARTERY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 9");
    }
}
