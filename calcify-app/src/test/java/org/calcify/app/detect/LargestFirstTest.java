package org.calcify.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.calcify.detect.CandidateClassifier;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomOptions;
import org.calcify.seed.ProgressListener;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cohort's scans start largest first and come back in input order. */
class LargestFirstTest {

    @Test
    void largestFirstEqualSizesInInputOrder() {
        assertThat(LargestFirst.order(new long[] {5, 90, 5, 0, 90, 7})).containsExactly(1, 4, 5, 0, 2, 3);
        assertThat(LargestFirst.order(new long[0])).isEmpty();
    }

    @Test
    void aFilesLengthAFoldersFilesOrNothing(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("scan.nii.gz"), new byte[1234]);
        Path series = Files.createDirectories(dir.resolve("series"));
        Files.write(series.resolve("1.dcm"), new byte[700]);
        Files.write(series.resolve("2.dcm"), new byte[800]);
        assertThat(LargestFirst.bytesOnDisk(file)).isEqualTo(1234);
        // a series: its files times one file's length (whichever the listing gives first)
        assertThat(LargestFirst.bytesOnDisk(series)).isIn(1400L, 1600L);
        assertThat(LargestFirst.bytesOnDisk(Files.createDirectories(dir.resolve("empty")))).isZero();
        assertThat(LargestFirst.bytesOnDisk(dir.resolve("missing"))).isZero();
        assertThat(LargestFirst.order(List.of(series, dir.resolve("missing"), file))).containsExactly(0, 2, 1);
    }

    /** Records the slice counts of the scans it is asked about, in order; every candidate LAD. */
    private static final class RecordingClassifier implements CandidateClassifier {
        final List<Integer> slices = Collections.synchronizedList(new ArrayList<>());

        @Override
        public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
            if (slices.isEmpty() || slices.get(slices.size() - 1) != ct.sizeZ()) {
                slices.add(ct.sizeZ());
            }
            return AllLad.probabilities(voxels.length);
        }

        @Override
        public String describe() {
            return "recording classifier";
        }
    }

    @Test
    void detectStartsTheLargestScanFirstAndKeepsTheInputOrder(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("in/a.nii.gz");
        Path large = dir.resolve("in/b.nii.gz");
        Files.createDirectories(small.getParent());
        VolumeIO.write(CardiacPhantom.generate(PhantomOptions.builder().sizeXy(128).slices(24, 24).build(), 3).ct(), small);
        VolumeIO.write(CardiacPhantom.generate(PhantomOptions.builder().sizeXy(128).slices(36, 36).build(), 4).ct(), large);
        assertThat(Files.size(large)).isGreaterThan(Files.size(small));
        RecordingClassifier classifier = new RecordingClassifier();
        CohortDetection.Result result = new CohortDetection(classifier, DetectionOptions.builder().threads(1).build())
                .run(List.of(new ScanItem("a", small), new ScanItem("b", large)), dir.resolve("out"), Map.of(), true, ProgressListener.NONE);
        assertThat(classifier.slices).containsExactly(36, 24);
        assertThat(result.rows()).extracting(CohortRow::caseName).containsExactly("a", "b");
        List<String> csv = Files.readAllLines(dir.resolve("out/cohort.csv"));
        assertThat(csv.get(1)).startsWith("a,");
        assertThat(csv.get(2)).startsWith("b,");
    }
}
