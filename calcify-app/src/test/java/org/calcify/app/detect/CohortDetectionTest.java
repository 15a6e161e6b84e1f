package org.calcify.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

class CohortDetectionTest {

    /** Every candidate LAD, except in scans of {@code failOnSizeZ} slices, where the heap runs out. */
    private static final class ExhaustingClassifier implements CandidateClassifier {
        private final int failOnSizeZ;

        ExhaustingClassifier(int failOnSizeZ) {
            this.failOnSizeZ = failOnSizeZ;
        }

        @Override
        public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
            if (ct.sizeZ() == failOnSizeZ) {
                throw new OutOfMemoryError("Java heap space");
            }
            return AllLad.probabilities(voxels.length);
        }

        @Override
        public String describe() {
            return "test classifier";
        }
    }

    /** A scan that does not fit in the heap is a failed row that says so; the cohort goes on and the other scan is scored. */
    @Test
    void aScanThatRunsOutOfMemoryIsARowNotACrash(@TempDir Path dir) throws IOException {
        PhantomOptions options = PhantomOptions.builder().sizeXy(128).slices(24, 24).build();
        Volume small = CardiacPhantom.generate(options, 3).ct();
        Volume large = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(128).slices(30, 30).build(), 4).ct();
        Path a = dir.resolve("in/a.nii.gz");
        Path b = dir.resolve("in/b.nii.gz");
        Files.createDirectories(a.getParent());
        VolumeIO.write(small, a);
        VolumeIO.write(large, b);
        CohortDetection.Result result = new CohortDetection(new ExhaustingClassifier(30), DetectionOptions.builder().build())
                .run(List.of(new ScanItem("a", a), new ScanItem("b", b)), dir.resolve("out"), Map.of(), true, ProgressListener.NONE);
        assertThat(result.rows()).extracting(CohortRow::caseName).containsExactly("a", "b");
        CohortRow rowA = result.rows().get(0);
        CohortRow rowB = result.rows().get(1);
        assertThat(rowA.status()).isEqualTo(ScanStatus.OK);
        assertThat(ScanDetection.isDone(dir.resolve("out/a"))).isTrue();
        assertThat(rowB.status()).isEqualTo(ScanStatus.FAILED);
        assertThat(rowB.message()).contains(b.toString()).contains("out of memory").contains("-Xmx");
        assertThat(dir.resolve("out/b/scores.json")).doesNotExist();
    }
}
