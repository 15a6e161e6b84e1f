package org.calcify.app.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cohort's input as a list, a CSV with label maps, a glob; names and label maps found as documented. */
class CohortListTest {
    @TempDir
    Path tmp;

    private Path caseFolder(String name) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("cases").resolve(name));
        Files.writeString(d.resolve("ct.nii.gz"), "x");
        Files.writeString(d.resolve("labels.nii.gz"), "x");
        return d;
    }

    @Test
    void aTextListNamesScansByFileOrCaseFolderAndFindsLabelsBeside() throws IOException {
        caseFolder("case-0001");
        caseFolder("case-0002");
        Path list = tmp.resolve("scans.txt");
        Files.writeString(list, "# a comment\ncases/case-0001\n\ncases/case-0002/ct.nii.gz\n/elsewhere/scan-7.nii.gz\n");
        List<ListedScan> s = CohortList.resolve(list.toString());
        assertThat(s).extracting(l -> l.scan().name()).containsExactly("case-0001", "case-0002", "scan-7");
        assertThat(s.get(0).scan().path()).isEqualTo(tmp.resolve("cases/case-0001/ct.nii.gz"));
        assertThat(s.get(1).labels()).isEqualTo(tmp.resolve("cases/case-0002/labels.nii.gz"));
        assertThat(s.get(2).labels()).isNull();
    }

    @Test
    void aCsvWithOrWithoutHeaderGivesLabelMaps() throws IOException {
        Path headed = tmp.resolve("a.csv");
        Files.writeString(headed, "scan,labels\nx/one.nii.gz,y/one-labels.nii.gz\nx/two.nii.gz,\n");
        List<ListedScan> s = CohortList.resolve(headed.toString());
        assertThat(s).extracting(l -> l.scan().name()).containsExactly("one", "two");
        assertThat(s.get(0).labels()).isEqualTo(tmp.resolve("y/one-labels.nii.gz"));
        assertThat(s.get(1).labels()).isNull();
        Path bare = tmp.resolve("b.csv");
        Files.writeString(bare, "x/one.nii.gz\nx/two.nii.gz\n");
        assertThat(CohortList.resolve(bare.toString())).extracting(l -> l.scan().name()).containsExactly("one", "two");
    }

    @Test
    void aGlobMatchesFilesInOrder() throws IOException {
        caseFolder("case-0002");
        caseFolder("case-0001");
        List<ListedScan> s = CohortList.resolve(tmp.resolve("cases") + "/*/ct.nii.gz");
        assertThat(s).extracting(l -> l.scan().name()).containsExactly("case-0001", "case-0002");
        assertThatThrownBy(() -> CohortList.resolve(tmp.resolve("cases") + "/*.mha")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("matches no file");
    }

    @Test
    void twoScansOfOneNameAreAnInputError() throws IOException {
        Path list = tmp.resolve("dup.txt");
        Files.writeString(list, "a/scan.nii.gz\nb/scan.nii.gz\n");
        assertThatThrownBy(() -> CohortList.resolve(list.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("two scans named scan");
    }
}
