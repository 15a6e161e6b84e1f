package org.calcify.app.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import org.calcify.protocol.ProtocolDocument;
import org.calcify.report.DetectionReport.DetectionEntry;
import org.calcify.score.ScoreDocument;

/**
 * A scan's {@code scores.json}, as {@code calcify detect} writes it, as a reader's signature rewrites it and as
 * {@code cohort score} writes it (those leave out what they do not know: null sections are not written).
 * Properties in this order: the cohort row ({@code summary}), the scan, the scores at the top level
 * ({@link ScoreDocument}), the detections, the protocol screen, the anatomy, the model, the review, the
 * disclaimer and the stage times.
 *
 * @param summary    the scan's row of {@code cohort.csv}; a resumed run restores the row from it
 * @param scan       what was read
 * @param score      the scores of the labelled voxels
 * @param detections every calcium detection, largest first (null for {@code cohort score})
 * @param protocol   what the protocol screen found
 * @param anatomy    what anatomy was found (null for {@code cohort score})
 * @param model      the model that proposed the labels, or who signed them
 * @param review     the reader's signature (signed scans only)
 * @param timingMs   milliseconds per stage ({@code calcify detect} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanScores(CohortRow summary, ScanSection scan, @JsonUnwrapped ScoreDocument score, List<DetectionEntry> detections,
                         ProtocolDocument protocol, AnatomySection anatomy, String model, ReviewSection review, String disclaimer,
                         Map<String, Double> timingMs) {

    /**
     * The scan that was read.
     *
     * @param path           absolute, so that {@code export} and {@code serve} find it from any folder
     * @param labels         the label map scored ({@code cohort score} only)
     * @param shapeZyx       slices, rows, columns
     * @param spacingZyxMm   slice spacing, row spacing, column spacing, mm
     * @param acquisition    what the file says about the acquisition ({@link org.calcify.volume.Acquisition#toMap()})
     * @param readerWarnings what the reader noticed about the file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScanSection(String name, String path, String labels, int[] shapeZyx, double[] spacingZyxMm, Map<String, Object> acquisition,
                              List<String> readerWarnings) {
    }

    /**
     * The anatomy the segmentation found, and how many candidates it left to the network.
     *
     * @param heartRegionMl the heart region's volume, ml (1 decimal)
     *                      (boxed: a signature copies the section from a proposal, which may lack some of them)
     * @param noiseCoherenceVoxels how many voxels of a slice the noise is correlated over, measured in the heart's
     *                      blood (1 for white noise; 2 decimals; null where not measured)
     */
    public record AnatomySection(Boolean heartFound, Double heartRegionMl, Boolean heartAtFovEdge, Boolean carinaFound,
                                 Integer candidatesOutsideHeartRegion, Integer candidatesClassified, Double noiseCoherenceVoxels) {
    }

    /**
     * A reader's signature: who, when, which review version, how many changes, and the files that hold the
     * signed labels, the proposal and the audit log.
     */
    public record ReviewSection(String status, String signedBy, String signedAt, int version, int changes, String labels, String proposedLabels,
                                String proposedScores, String auditLog) {
    }
}
