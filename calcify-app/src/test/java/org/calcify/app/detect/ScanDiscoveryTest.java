package org.calcify.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --input} folders hold as scans. */
class ScanDiscoveryTest {

    @Test
    void aDicomSeriesWithNrrdLabelMapsBesideItIsOneScanNotTheLabelMaps() throws Exception {
        Path mixed = PythonOracle.realData().resolve("dcmqi-ct-3slice");
        List<ScanItem> scans = ScanDiscovery.find(mixed);
        assertThat(scans).singleElement().satisfies(s -> assertThat(s.path()).isEqualTo(mixed));
    }

    @Test
    void aFolderOfCaseFoldersAndImageFilesIsStillACohort(@TempDir Path dir) throws Exception {
        Path real = PythonOracle.realData();
        Path series = Files.createDirectories(dir.resolve("case1"));
        for (String f : List.of("01.dcm", "02.dcm", "03.dcm")) {
            Files.copy(real.resolve("dcmqi-ct-3slice").resolve(f), series.resolve(f));
        }
        Files.copy(real.resolve("totalseg/example_ct_sm.nii.gz"), dir.resolve("case2.nii.gz"));
        List<ScanItem> scans = ScanDiscovery.find(dir);
        assertThat(scans).extracting(ScanItem::name).containsExactly("case1", "case2");
    }
}
