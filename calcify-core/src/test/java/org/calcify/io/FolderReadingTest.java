package org.calcify.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.dicom.DicomFormat;
import org.calcify.io.nifti.NiftiFormat;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders are well defined: a folder holding DICOM files is a DICOM series (other files skipped and
 * named in a warning); a folder without DICOM holding one image is that image; anything else is an
 * error that says what the folder holds. What the folder holds is decided by Python, independently:
 * pydicom reads the DICOM files, the NRRD magic names the NRRD files.
 */
class FolderReadingTest {
    static final Path REAL = PythonOracle.realData();

    @TempDir
    Path tmp;

    /** Python's census of a folder: "dicom", "nrrd" and "other" → file names relative to the folder. */
    static Map<String, List<String>> census(Path folder) {
        String out = PythonOracle.run("""
                import sys, os, pydicom
                folder = sys.argv[1]
                for root, dirs, files in os.walk(folder):
                    for n in sorted(files):
                        p = os.path.join(root, n)
                        try:
                            pydicom.dcmread(p)
                            kind = 'dicom'
                        except Exception:
                            with open(p, 'rb') as f:
                                kind = 'nrrd' if f.read(4) == b'NRRD' else 'other'
                        print(kind + '\\t' + os.path.relpath(p, folder))
                """, folder.toString());
        Map<String, List<String>> m = new HashMap<>();
        for (String kind : new String[] {"dicom", "nrrd", "other"}) {
            m.put(kind, new ArrayList<>());
        }
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.get(line.substring(0, tab)).add(line.substring(tab + 1));
            }
        }
        return m;
    }

    @Test
    void aDicomSeriesBesideNrrdLabelMapsIsReadAsTheSeriesAndTheSkippedFilesAreNamed() throws Exception {
        Path mixed = REAL.resolve("dcmqi-ct-3slice");
        Map<String, List<String>> holds = census(mixed);
        assertThat(holds.get("nrrd")).as("the census sees the label maps").isNotEmpty();

        assertThat(VolumeIO.formatOf(mixed)).isInstanceOf(DicomFormat.class);
        Volume v = VolumeIO.read(mixed);
        assertThat(v.metadata()).containsEntry("format", "DICOM");
        assertThat(v.sizeZ()).isEqualTo(holds.get("dicom").size());
        assertThat(v.metadata()).containsEntry("dicom.files", Integer.toString(holds.get("dicom").size()));

        // the same voxels as the DICOM files alone
        Path alone = Files.createDirectories(tmp.resolve("alone"));
        for (String f : holds.get("dicom")) {
            Files.copy(mixed.resolve(f), alone.resolve(f));
        }
        Volume pure = VolumeIO.read(alone);
        assertThat(pure.warnings()).isEmpty();
        assertThat(v.geometry().sameGrid(pure.geometry(), 0)).isTrue();
        assertThat((short[]) v.data()).isEqualTo((short[]) pure.data());

        int skipped = holds.get("nrrd").size() + holds.get("other").size();
        assertThat(v.warnings()).singleElement().asString()
                .startsWith("skipped " + skipped + " non-DICOM files: " + holds.get("nrrd").size() + " NRRD (")
                .contains(holds.get("nrrd"))
                .contains(holds.get("other").size() + " other (");
    }

    /** A symbolic link to a DICOM folder (as cohorts are often assembled) reads as the folder it points to. */
    @Test
    void aLinkToADicomFolderIsThatFolder() throws Exception {
        Path series = Files.createDirectories(tmp.resolve("series"));
        Path source = REAL.resolve("dcmqi-ct-3slice");
        List<String> dicom = census(source).get("dicom");
        for (String f : dicom) {
            Files.copy(source.resolve(f), series.resolve(f));
        }
        Path link = Files.createSymbolicLink(tmp.resolve("linked"), series);
        assertThat(VolumeIO.formatOf(link)).isInstanceOf(DicomFormat.class);
        Volume viaLink = VolumeIO.read(link);
        Volume direct = VolumeIO.read(series);
        assertThat(viaLink.sizeZ()).isEqualTo(dicom.size());
        assertThat(viaLink.geometry().sameGrid(direct.geometry(), 0)).isTrue();
        assertThat((short[]) viaLink.data()).isEqualTo((short[]) direct.data());
    }

    @Test
    void aFolderWithoutDicomHoldingOneImageIsThatImage() throws Exception {
        Path nifti = REAL.resolve("totalseg/example_ct_sm.nii.gz");
        Path folder = Files.createDirectories(tmp.resolve("one"));
        Files.copy(nifti, folder.resolve("scan.nii.gz"));
        Files.writeString(folder.resolve("README.txt"), "notes");
        assertThat(VolumeIO.formatOf(folder)).isInstanceOf(NiftiFormat.class);
        Volume fromFolder = VolumeIO.read(folder);
        Volume fromFile = VolumeIO.read(nifti);
        assertThat(fromFolder.metadata().get("format")).isEqualTo(fromFile.metadata().get("format"));
        assertThat(fromFolder.geometry().sameGrid(fromFile.geometry(), 0)).isTrue();
        assertThat(fromFolder.valueAt(fromFolder.geometry().voxelCount() / 2)).isEqualTo(fromFile.valueAt(fromFile.geometry().voxelCount() / 2));
    }

    @Test
    void otherFoldersAreErrorsThatSayWhatTheyHold() throws Exception {
        Path two = Files.createDirectories(tmp.resolve("two"));
        Files.copy(REAL.resolve("dcmqi-ct-3slice/liver_seg.nrrd"), two.resolve("liver_seg.nrrd"));
        Files.copy(REAL.resolve("dcmqi-ct-3slice/spine_seg.nrrd"), two.resolve("spine_seg.nrrd"));
        Files.copy(REAL.resolve("dcmqi-ct-3slice/SOURCE.md"), two.resolve("SOURCE.md"));
        assertThatThrownBy(() -> VolumeIO.read(two)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(two + ": ")
                .hasMessageContaining("2 NRRD files (liver_seg.nrrd, spine_seg.nrrd)")
                .hasMessageContaining("1 other file (SOURCE.md)");
        assertThatThrownBy(() -> VolumeIO.formatOf(two)).isInstanceOf(InvalidInputException.class);

        Path text = Files.createDirectories(tmp.resolve("text"));
        Files.writeString(text.resolve("notes.txt"), "not an image");
        assertThatThrownBy(() -> VolumeIO.read(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no readable image").hasMessageContaining("notes.txt");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> VolumeIO.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no files");
    }

    @Test
    void manySkippedFilesAreCountedNotAllNamed() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("many"));
        Path series = REAL.resolve("dcmqi-ct-3slice");
        List<String> dicom = census(series).get("dicom");
        for (String f : dicom) {
            Files.copy(series.resolve(f), folder.resolve(f));
        }
        int notes = FolderContents.NAMES_SHOWN + 3;
        for (int i = 0; i < notes; i++) {
            Files.writeString(folder.resolve("note" + i + ".txt"), "text " + i);
        }
        FolderContents c = FolderContents.of(folder);
        assertThat(c.dicomFiles()).hasSize(dicom.size());
        assertThat(c.otherFiles()).hasSize(notes);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < FolderContents.NAMES_SHOWN; i++) {
            shown.add("note" + i + ".txt");
        }
        assertThat(VolumeIO.read(folder).warnings()).singleElement().asString().isEqualTo("skipped " + notes
                + " non-DICOM files: " + notes + " other (" + String.join(", ", shown) + " and "
                + (notes - FolderContents.NAMES_SHOWN) + " more)");
    }
}
