package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series grouping and selection, duplicates and missing slices, on copies of the real series. */
class DicomSeriesTest {
    static final Path REAL = PydicomOracle.TestFiles.REAL;

    @TempDir
    Path tmp;

    private static void copyDicom(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".dcm") || p.getFileName().toString().startsWith("CT.")).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    @Test
    void defaultIsTheCtSeriesWithMostSlicesAndAnyCanBeChosen() throws Exception {
        copyDicom(REAL.resolve("dcmqi-ct-3slice"), tmp.resolve("a"));
        copyDicom(REAL.resolve("dcmqa-ct-ge-tilt"), tmp.resolve("b/deeper"));
        Files.copy(REAL.resolve("dcmqa-ts-mr/1.dcm"), tmp.resolve("mr.dcm"));
        Files.writeString(tmp.resolve("notes.txt"), "not DICOM");
        Files.write(tmp.resolve("DICOMDIR"), new byte[300]);
        Files.copy(REAL.resolve("dcmqi-ct-3slice/SOURCE.md"), tmp.resolve("a/SOURCE.md"));

        // the tilt series' slice count as pydicom stacks it (more than dcmqi's 3, so it is the default)
        int tiltSlices = (int) PydicomOracle.series(REAL.resolve("dcmqa-ct-ge-tilt")).numbers("shape")[0];
        assertThat(tiltSlices).isGreaterThan(3);

        List<DicomSeriesSummary> series = DicomFormat.listSeries(tmp);
        assertThat(series).hasSize(3);
        assertThat(series).extracting(DicomSeriesSummary::fileCount).containsExactly(tiltSlices, 3, 1);
        assertThat(series).extracting(DicomSeriesSummary::modality).containsExactly("CT", "CT", "MR");

        Volume byDefault = VolumeIO.read(tmp);
        assertThat(byDefault.sizeZ()).isEqualTo(tiltSlices);
        assertThat(byDefault.metadata().get("dicom.series")).contains(series.get(1).seriesInstanceUid())
                .contains("(MR, 1 file");

        Volume small = VolumeIO.read(tmp, ReadOptions.DEFAULT.withSeriesUid(series.get(1).seriesInstanceUid()));
        assertThat(small.sizeZ()).isEqualTo(3);
        VolumeAssert.assertVoxelsEqual(small, PydicomOracle.series(REAL.resolve("dcmqi-ct-3slice")).values(), "chosen series");

        Volume mr = VolumeIO.read(tmp, ReadOptions.DEFAULT.withSeriesUid(series.get(2).seriesInstanceUid()));
        assertThat(mr.metadata()).containsEntry("dicom.modality", "MR");

        assertThatThrownBy(() -> VolumeIO.read(tmp, ReadOptions.DEFAULT.withSeriesUid("1.2.3.4")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("series 1.2.3.4 not found")
                .hasMessageContaining(series.get(0).seriesInstanceUid())
                .hasMessageContaining(series.get(1).seriesInstanceUid())
                .hasMessageContaining(series.get(2).seriesInstanceUid());
    }

    @Test
    void withoutCtTheLargestSeriesIsRead() throws Exception {
        Files.createDirectories(tmp);
        Files.copy(REAL.resolve("dcmqa-ts-mr/1.dcm"), tmp.resolve("mr.dcm"));
        Files.copy(PydicomOracle.testFile("MR_small.dcm"), tmp.resolve("mr2.dcm"));
        Files.copy(PydicomOracle.testFile("MR_small_implicit.dcm"), tmp.resolve("mr3.dcm"));
        List<DicomSeriesSummary> series = DicomFormat.listSeries(tmp);
        Volume v = VolumeIO.read(tmp);
        assertThat(v.metadata().get("dicom.seriesInstanceUid")).isEqualTo(series.get(0).seriesInstanceUid());
    }

    @Test
    void aListOfFilesIsOneSeries() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(REAL.resolve("dcmqi-ct-3slice"))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        Volume v = VolumeIO.read(List.of(files.get(2), files.get(0), files.get(1)), ReadOptions.DEFAULT);
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.series(REAL.resolve("dcmqi-ct-3slice")).values(), "list of files");
    }

    @Test
    void duplicateSlicesAreDroppedWithAWarning() throws Exception {
        copyDicom(REAL.resolve("dcmqi-ct-3slice"), tmp);
        Files.copy(tmp.resolve("02.dcm"), tmp.resolve("02-copy.dcm"));
        Files.copy(tmp.resolve("02.dcm"), tmp.resolve("02-copy2.dcm"));
        Volume v = VolumeIO.read(tmp);
        assertThat(v.sizeZ()).isEqualTo(3);
        assertThat(v.warnings()).singleElement().asString().startsWith("2 duplicate slices").contains("3 slices remain");
        VolumeAssert.assertVoxelsEqual(v, PydicomOracle.series(REAL.resolve("dcmqi-ct-3slice")).values(), "deduplicated");
    }

    @Test
    void aMissingSliceIsReported() throws Exception {
        // keep the leading run of evenly spaced tilt slices (4 mm slices, 4.0019 mm apart along the normal),
        // found from pydicom's sorted positions, then delete one in the middle of the run
        copyDicom(REAL.resolve("dcmqa-ct-ge-tilt"), tmp);
        PydicomOracle.Result all = PydicomOracle.series(tmp);
        double[] allPos = all.numbers("positions");
        double[] allIpp = all.numbers("ipp");
        int run = 1;
        while (run < allPos.length && Math.abs((allPos[run] - allPos[run - 1]) - (allPos[1] - allPos[0])) < 1e-3) {
            run++;
        }
        assertThat(run).as("evenly spaced leading slices").isGreaterThanOrEqualTo(5).isLessThan(allPos.length);
        for (Path p : Files.list(tmp).toList()) {
            if (sortedIndex(p, allIpp) >= run) {
                Files.delete(p);
            }
        }
        PydicomOracle.Result full = PydicomOracle.series(tmp);
        double[] pos = full.numbers("positions");
        double[] ipp = full.numbers("ipp");
        assertThat(pos).hasSize(run);
        assertThat(VolumeIO.read(tmp).warnings()).noneMatch(w -> w.startsWith("missing") || w.startsWith("uneven"));
        int k = run / 2;
        Path victim = null;
        for (Path p : Files.list(tmp).toList()) {
            if (sortedIndex(p, ipp) == k) {
                victim = p;
            }
        }
        Files.delete(victim);
        Volume v = VolumeIO.read(tmp);
        assertThat(v.sizeZ()).isEqualTo(run - 1);
        String expectedGap = String.format(java.util.Locale.ROOT, "gap %.2f mm", pos[k + 1] - pos[k - 1]);
        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).startsWith("missing slices: 1 slice appears missing")
                .contains("between slices " + (k - 1) + " and " + k).contains(expectedGap));
        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).startsWith("gantry tilt"));
        assertThat(v.warnings()).noneMatch(w -> w.startsWith("uneven"));
        assertThat(v.geometry().spacingZ()).isEqualTo(pos[1] - pos[0], within(1e-3));
    }

    /** The index of {@code file} among pydicom's sorted IPPs, matched on z (the tilt series moves only in z). */
    private static int sortedIndex(Path file, double[] ipp) throws IOException {
        double z = DicomParser.readHeader(file).imagePositionPatientMm()[2];
        for (int i = 0; i < ipp.length / 3; i++) {
            if (Math.abs(z - ipp[3 * i + 2]) < 1e-6) {
                return i;
            }
        }
        throw new AssertionError(file + " is not in pydicom's series");
    }

    @Test
    void slicesOfDifferentSizeInOneSeriesAreAnError() throws Exception {
        copyDicom(REAL.resolve("dcmqi-ct-3slice"), tmp);
        // 693_UNCR is 512x512 too; CT_small (128x128) gets the series UID of dcmqi by byte patching
        DicomHeader h = DicomParser.readHeader(tmp.resolve("01.dcm"));
        byte[] small = Files.readAllBytes(PydicomOracle.testFile("CT_small.dcm"));
        String oldUid = DicomParser.readHeader(PydicomOracle.testFile("CT_small.dcm")).seriesInstanceUid();
        byte[] patched = CorruptFiles.replaceUid(small, oldUid, h.seriesInstanceUid());
        Files.write(tmp.resolve("small.dcm"), patched);
        assertThatThrownBy(() -> VolumeIO.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(columns x rows) but");
    }

    @Test
    void slicesOfDifferentOrientationInOneSeriesAreAnError() throws Exception {
        copyDicom(REAL.resolve("dcmqi-ct-3slice"), tmp);
        org.calcify.testing.PythonOracle.run(String.join("\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "ds.ImageOrientationPatient = [1, 0, 0, 0, 0.8, -0.6]",
                "ds.save_as(sys.argv[1])"), tmp.resolve("02.dcm").toString());
        assertThatThrownBy(() -> VolumeIO.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ImageOrientationPatient").hasMessageContaining("differs from");
    }

    @Test
    void canReadFoldersAndFilesByContent() throws Exception {
        DicomFormat f = new DicomFormat();
        assertThat(f.canRead(REAL.resolve("dcmqi-ct-3slice"))).isTrue();
        assertThat(f.canRead(REAL.resolve("dcmqi-ct-3slice/01.dcm"))).isTrue();
        assertThat(f.canRead(PydicomOracle.testFile("no_meta.dcm"))).as("a stray first byte: pydicom reads garbage too").isFalse();
        assertThat(f.canRead(PydicomOracle.testFile("ExplVR_LitEndNoMeta.dcm"))).as("no preamble, explicit LE").isTrue();
        assertThat(f.canRead(PydicomOracle.testFile("ExplVR_BigEndNoMeta.dcm"))).as("no preamble, explicit BE").isTrue();
        assertThat(f.canRead(REAL.resolve("dcmqi-ct-3slice/SOURCE.md"))).isFalse();
        assertThat(f.canRead(REAL.resolve("dcmqi-ct-3slice/liver_seg.nrrd"))).isFalse();
        assertThat(f.canRead(REAL.resolve("totalseg/example_ct.nii.gz"))).isFalse();
        Files.writeString(tmp.resolve("a.txt"), "hello");
        assertThat(f.canRead(tmp)).isFalse();
        assertThat(VolumeIO.formatOf(REAL.resolve("totalseg/example_ct_dicom"))).isInstanceOf(DicomFormat.class);
    }

    @Test
    void aDicomdirTreeIsGroupedAsPydicomGroupsIt() throws Exception {
        Path tree = PydicomOracle.testFile("dicomdirtests");
        String out = org.calcify.testing.PythonOracle.run(String.join("\n",
                "import sys, os, collections, pydicom",
                "files, images = collections.Counter(), collections.Counter()",
                "for root, dirs, names in os.walk(sys.argv[1]):",
                "    for n in names:",
                "        try:",
                "            ds = pydicom.dcmread(os.path.join(root, n))",
                "        except pydicom.errors.InvalidDicomError:",
                "            continue  # README files",
                "        if n == 'DICOMDIR' or ds.file_meta.get('MediaStorageSOPClassUID') == '1.2.840.10008.1.3.10':",
                "            continue",
                "        uid = ds.get('SeriesInstanceUID', '')",
                "        files[uid] += 1",
                "        images[uid] += 'PixelData' in ds",
                "for uid in files: print(uid, files[uid], images[uid])"),
                tree.toString());
        java.util.Map<String, int[]> want = new java.util.HashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.trim().split(" ");
            String uid = p.length == 3 ? p[0] : "";
            want.put(uid, new int[] {Integer.parseInt(p[p.length - 2]), Integer.parseInt(p[p.length - 1])});
        }
        List<DicomSeriesSummary> got = DicomFormat.listSeries(tree);
        assertThat(got).hasSize(want.size());
        for (DicomSeriesSummary s : got) {
            assertThat(new int[] {s.fileCount(), s.imageCount()}).as(s.seriesInstanceUid()).containsExactly(want.get(s.seriesInstanceUid()));
        }
        // the default is the CT series with the most images, not the 50 image-less records
        DicomSeriesSummary expected = got.stream().filter(s -> s.modality().equals("CT") && s.imageCount() > 0)
                .max(java.util.Comparator.comparingInt(DicomSeriesSummary::imageCount)).orElseThrow();
        Volume v = VolumeIO.read(tree);
        assertThat(v.metadata()).containsEntry("dicom.seriesInstanceUid", expected.seriesInstanceUid());
        assertThat(v.sizeZ()).isEqualTo(expected.imageCount());
    }
}
