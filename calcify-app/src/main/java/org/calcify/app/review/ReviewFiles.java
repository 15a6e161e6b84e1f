package org.calcify.app.review;

import java.nio.file.Path;

/**
 * The files of one scan's folder in a {@code calcify detect} output that the review reads and writes. The proposal
 * ({@code labels.nii.gz}) is never written over: the reader's map goes beside it, and the first signature keeps the
 * proposal's scores.json and report.html under their own names before regenerating them.
 */
public record ReviewFiles(Path folder) {
    public Path proposedLabels() {
        return folder.resolve("labels.nii.gz");
    }

    public Path reviewedLabels() {
        return folder.resolve("labels-reviewed.nii.gz");
    }

    public Path scores() {
        return folder.resolve("scores.json");
    }

    public Path report() {
        return folder.resolve("report.html");
    }

    public Path proposedScores() {
        return folder.resolve("scores-proposed.json");
    }

    public Path proposedReport() {
        return folder.resolve("report-proposed.html");
    }

    /** The review in progress or signed: {@link ReviewState}. */
    public Path state() {
        return folder.resolve("review.json");
    }

    /** Append-only, one JSON object a line: {@link AuditEntry}. */
    public Path audit() {
        return folder.resolve("audit.jsonl");
    }

    /** The scan converted to NIfTI for the viewer, when it is not a .nii.gz file already. */
    public Path viewCache() {
        return folder.resolve("view-ct.nii.gz");
    }
}
