package org.calcify.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.calcify.app.detect.CohortDetection;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.DetectionOptions;
import org.calcify.app.detect.ScanDetection;
import org.calcify.app.detect.ScanItem;
import org.calcify.detect.ThresholdBaseline;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.CsvFiles;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomOptions;
import org.calcify.score.CalciumLabel;
import org.calcify.seed.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing a review updates the cohort's cohort.csv: the signed scan's row holds the reader's scores, the others stay. */
class SignedCohortTableTest {

    @Test
    void theSignedScansRowIsTheReadersScores(@TempDir Path dir) throws IOException, ReviewException {
        PhantomOptions options = PhantomOptions.builder().sizeXy(128).slices(24, 30).build();
        List<ScanItem> items = new ArrayList<>();
        for (long seed = 1; items.size() < 3 && seed < 60; seed++) {
            PhantomCase c = CardiacPhantom.generate(options, seed);
            if (c.coronaryPlaques() == 0) {
                continue; // a scan with calcium, so that the baseline proposes lesions
            }
            Path p = dir.resolve("in/s" + seed + ".nii.gz");
            Files.createDirectories(p.getParent());
            VolumeIO.write(c.ct(), p);
            items.add(new ScanItem("s" + seed, p));
        }
        assertThat(items).hasSize(3);
        Path out = dir.resolve("out");
        new CohortDetection(new ThresholdBaseline(), DetectionOptions.builder().build()).run(items, out, Map.of(), true, ProgressListener.NONE);
        Path table = out.resolve("cohort.csv");
        List<CohortRow> before = CsvFiles.read(table, CohortRow.class);

        int signed = 0;
        while (signed < before.size() && !(before.get(signed).agatston() != null && before.get(signed).agatston() > 0)) {
            signed++;
        }
        assertThat(signed).as("a scan the baseline scored above 0").isLessThan(before.size());
        String scan = before.get(signed).caseName();
        ScanReview review = new ReviewCohort(out).open(scan);
        ReviewView view = review.view();
        assertThat(view.lesions()).isNotEmpty();
        // every proposed lesion is not calcium: the reader's total is 0
        for (ReviewLesion l : view.lesions()) {
            view = review.reclassify(view.version(), l.id(), CalciumLabel.NONE, "test reader");
        }
        review.sign(view.version(), "test reader");

        List<CohortRow> after = CsvFiles.read(table, CohortRow.class);
        assertThat(after).extracting(CohortRow::caseName).containsExactlyElementsOf(before.stream().map(CohortRow::caseName).toList());
        // the signed scores.json's summary, as a CSV row reads back (an empty kernel is an empty field)
        Path expected = dir.resolve("expected.csv");
        CsvFiles.write(expected, List.of(ScanDetection.finishedRow(out.resolve(scan))), CohortRow.class);
        assertThat(after.get(signed)).isEqualTo(CsvFiles.read(expected, CohortRow.class).get(0));
        assertThat(after.get(signed).agatston()).isZero();
        for (int i = 0; i < before.size(); i++) {
            if (i != signed) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
        }
    }
}
