package org.calcify.app.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.calcify.detect.CandidateClassifier;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomOptions;
import org.calcify.seed.ProgressListener;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel loops of work run through {@link SingleThreadLoops} stay on one thread; the results do not change. */
class SingleThreadLoopsTest {

    @Test
    void aParallelStreamInsideRunsOnOneThreadThatIsNotTheCommonPools() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long sum = SingleThreadLoops.call(() -> {
            IntStream.range(0, 10_000).parallel().forEach(i -> threads.add(Thread.currentThread()));
            return IntStream.range(0, 10_000).parallel().asLongStream().sum();
        });
        assertThat(sum).isEqualTo(10_000L * 9_999 / 2);
        assertThat(threads).hasSize(1);
        assertThat(threads.iterator().next().getName()).doesNotContain("commonPool");
        // the calling thread's pool is made once and kept
        Set<Thread> again = ConcurrentHashMap.newKeySet();
        SingleThreadLoops.call(() -> {
            IntStream.range(0, 10_000).parallel().forEach(i -> again.add(Thread.currentThread()));
            return null;
        });
        assertThat(again).isEqualTo(threads);
    }

    @Test
    void whatTheWorkThrowsIsThrownAsItIs() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThatThrownBy(() -> SingleThreadLoops.call(() -> {
            throw oom;
        })).isSameAs(oom);
        assertThatThrownBy(() -> SingleThreadLoops.call(() -> {
            throw new UncheckedIOException(new IOException("disk full"));
        })).isExactlyInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
        assertThatThrownBy(() -> SingleThreadLoops.call(() -> {
            throw new OutOfMemoryError("Java heap space");
        })).isExactlyInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
    }

    /** Four scans, one at a time and two at once (each on its own loop thread): the same label maps, byte for byte, and the same rows. */
    @Test
    void twoScansAtOnceWriteWhatOneAtATimeWrites(@TempDir Path dir) throws IOException {
        List<ScanItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Volume ct = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(160).slices(20 + 4 * i, 20 + 4 * i).build(), 40 + i).ct();
            Path p = dir.resolve("in/s" + i + ".nii.gz");
            Files.createDirectories(p.getParent());
            VolumeIO.write(ct, p);
            items.add(new ScanItem("s" + i, p));
        }
        CandidateClassifier lad = new CandidateClassifier() {
            @Override
            public float[][] classify(Volume ct, int[][] voxels, double[] emr) {
                return AllLad.probabilities(voxels.length);
            }

            @Override
            public String describe() {
                return "test classifier";
            }
        };
        CohortDetection.Result one = new CohortDetection(lad, DetectionOptions.builder().threads(1).build())
                .run(items, dir.resolve("one"), Map.of(), true, ProgressListener.NONE);
        CohortDetection.Result two = new CohortDetection(lad, DetectionOptions.builder().threads(2).build())
                .run(items, dir.resolve("two"), Map.of(), true, ProgressListener.NONE);
        assertThat(one.rows()).extracting(CohortRow::status).containsOnly(ScanStatus.OK);
        assertThat(two.rows()).extracting(CohortRow::caseName, CohortRow::status, CohortRow::agatston, CohortRow::category)
                .isEqualTo(one.rows().stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.caseName(), r.status(), r.agatston(), r.category())).toList());
        int labelled = 0;
        for (ScanItem s : items) {
            byte[] a = Files.readAllBytes(dir.resolve("one").resolve(s.name()).resolve("labels.nii.gz"));
            byte[] b = Files.readAllBytes(dir.resolve("two").resolve(s.name()).resolve("labels.nii.gz"));
            assertThat(b).as(s.name()).isEqualTo(a);
            labelled += one.rows().stream().filter(r -> r.caseName().equals(s.name()) && r.agatston() != null && r.agatston() > 0).count();
        }
        assertThat(labelled).as("scans with calcium found, so that the maps hold more than zeros").isPositive();
    }
}
