package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.volume.Volume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real calcium-free chest (testdata/realdata/tcia-lungdx-a0001-chest, both reconstruction kernels,
 * stored as Deflated Explicit VR Little Endian) read by {@link VolumeIO} against pydicom computed now:
 * every voxel in HU, the slice order, origin, spacing, axes and each slice's position.
 */
class DicomTciaChestTest {
    static final Path CHEST = PydicomOracle.TestFiles.REAL.resolve("tcia-lungdx-a0001-chest");

    @ParameterizedTest
    @ValueSource(strings = {"dicom", "dicom-kernel-L"})
    void deflatedChestMatchesPydicom(String kernel) throws Exception {
        Path dir = CHEST.resolve(kernel);
        Volume v = VolumeIO.read(dir);
        PydicomOracle.Result want = PydicomOracle.series(dir);
        VolumeAssert.assertVoxelsEqual(v, want.values(), kernel);
        DicomRealDataTest.assertGridMatches(v, want, kernel);
        assertThat(v.warnings()).as(kernel).isEmpty();
        assertThat(v.metadata()).containsEntry("format", "DICOM").containsEntry("dicom.modality", "CT")
                .containsEntry("dicom.transferSyntax", "1.2.840.10008.1.2.1.99 (Deflated Explicit VR Little Endian)");
        // pydicom's first file header agrees on the rows, columns and pixel spacing the grid was built from
        PydicomOracle.Result first = PydicomOracle.files(false, java.util.List.of(firstFile(dir))).get(0);
        assertThat(v.sizeY()).isEqualTo(Integer.parseInt(first.text("Rows").trim()));
        assertThat(v.sizeX()).isEqualTo(Integer.parseInt(first.text("Columns").trim()));
        double[] ps = first.numbers("PixelSpacing");
        assertThat(v.geometry().spacingMm()[0]).isEqualTo(ps[1], within(1e-9));
        assertThat(v.geometry().spacingMm()[1]).isEqualTo(ps[0], within(1e-9));
        assertThat(first.text("ts").trim()).isEqualTo("1.2.840.10008.1.2.1.99");
    }

    private static Path firstFile(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
    }
}
