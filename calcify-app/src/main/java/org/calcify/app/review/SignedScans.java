package org.calcify.app.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;

/**
 * The loop back into training: the signed scans of a reviewed cohort, each with its scan, the reader's label map (the
 * training labels) and the model's errors the reader corrected (hard examples). Only scans whose review stands signed
 * count; a scan changed after its signature is left out until it is signed again.
 */
public final class SignedScans {
    private SignedScans() {
    }

    /**
     * One signed scan.
     *
     * @param name           the scan's folder name
     * @param ct             the scan
     * @param reviewedLabels the reader's label map (labels-reviewed.nii.gz)
     * @param corrections    the lesions whose class the reader changed or added
     */
    public record SignedScan(String name, Path ct, Path reviewedLabels, List<Correction> corrections) {
    }

    /**
     * A lesion the model got wrong: its peak voxel, the model's class (none for a lesion it missed) and the reader's.
     *
     * @param scan     the scan's folder name
     * @param lesion   the lesion's id in the review
     * @param peakZyx  its peak voxel (z, y, x)
     * @param proposed the model's class name
     * @param reviewed the reader's class name
     */
    public record Correction(String scan, int lesion, int[] peakZyx, String proposed, String reviewed) {
    }

    /** Every signed scan of {@code cohortDir} (what {@code calcify serve} reviewed), in name order. */
    public static List<SignedScan> of(Path cohortDir) throws IOException {
        ReviewCohort cohort = new ReviewCohort(cohortDir);
        List<SignedScan> out = new ArrayList<>();
        for (WorklistRow row : cohort.worklist()) {
            if (row.status() != ReviewStatus.SIGNED) {
                continue;
            }
            try {
                ScanReview review = cohort.open(row.scan());
                ReviewView view = review.view();
                List<Correction> corrections = new ArrayList<>();
                for (ReviewLesion l : view.lesions()) {
                    if (!l.current().equals(l.proposed())) {
                        corrections.add(new Correction(row.scan(), l.id(), l.peakZyx(), l.proposed(), l.current()));
                    }
                }
                Path reviewed = review.files().reviewedLabels();
                if (!Files.isRegularFile(reviewed)) {
                    throw new InvalidInputException(review.files().state(), "says signed, but " + reviewed.getFileName() + " is missing");
                }
                out.add(new SignedScan(row.scan(), review.ctPath(), reviewed, List.copyOf(corrections)));
            } catch (ReviewException e) {
                throw new InvalidInputException(cohortDir.resolve(row.scan()), e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(cohortDir, "holds no signed scan (review and sign scans with calcify serve first)");
        }
        return out;
    }
}
