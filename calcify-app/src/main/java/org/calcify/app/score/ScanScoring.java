package org.calcify.app.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.ListedScan;
import org.calcify.app.detect.ScanDetection;
import org.calcify.app.detect.ScanScores;
import org.calcify.app.detect.ScanItem;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.io.JsonFiles;
import org.calcify.io.AtomicOutput;
import org.calcify.io.VolumeIO;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.app.detect.ScanRefused;
import org.calcify.io.InvalidInputException;
import org.calcify.protocol.ProtocolScreen;
import org.calcify.protocol.ScanProtocol;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.volume.Padding;
import org.calcify.volume.Volume;

/**
 * Scores a scan with a given label map, as {@code calcify score} does: the label map checked against the
 * scan, the scores, and the same protocol screen as detection (slice thickness, kVp, kernel, noise,
 * contrast, field of view), whose refusals stop it unless allowed.
 */
public final class ScanScoring {
    private final CalciumScorer scorer;
    private final ProtocolScreen screen;

    public ScanScoring(CalciumScorer scorer, boolean allowContrast, boolean allowSharpKernel) {
        this.scorer = scorer;
        this.screen = ProtocolScreen.forGivenLabels(allowContrast, allowSharpKernel);
    }

    /** The scores and what the protocol screen found. */
    public record ScoredScan(CalciumScore score, ScanProtocol protocol) {
    }

    /**
     * @param ctPath    the scan's file or folder, for errors
     * @param scan      the scan as read (padding included: the screen sets it to air itself)
     * @param labelPath the label map's file, for errors
     * @param labelMap  the label map on the scan's grid
     * @throws InvalidInputException when the label map does not fit the scan, or the screen refuses the
     *                               scan ({@link ScanRefused})
     */
    public ScoredScan score(Path ctPath, Volume scan, Path labelPath, Volume labelMap) throws InvalidInputException {
        // both in axial slices: a scan stored in sagittal or coronal slices is scored as its axial slices (AxialSlices)
        Volume ct = org.calcify.score.AxialSlices.of(scan);
        Volume labels = org.calcify.score.AxialSlices.of(labelMap);
        CalciumScore score;
        try {
            score = scorer.score(ct, labels);
        } catch (InvalidScanException e) {
            throw new InvalidInputException(e.part() == InvalidScanException.Part.CT ? ctPath : labelPath, e.getMessage());
        }
        ScanProtocol protocol = screen.screen(ct, ThoraxSegmenter.segment(Padding.of(ct).withAir()));
        if (protocol.refusal().isPresent()) {
            throw new ScanRefused(ctPath, protocol.refusal().get().message());
        }
        return new ScoredScan(score, protocol);
    }

    /**
     * Scores one listed scan with its label map into {@code dir/scores.json} (its cohort row under {@code summary},
     * the scores, the protocol), written under a temporary name and renamed; a scan whose {@code scores.json}
     * exists is not redone (its row is read back). Never throws for a bad scan: the row says what went wrong.
     */
    public ScanDetection.Outcome run(ListedScan listed, Path dir) {
        long t0 = System.nanoTime();
        ScanItem scan = listed.scan();
        try {
            AtomicOutput.removeLeftovers(dir);
            Path scoresJson = dir.resolve("scores.json");
            if (Files.isRegularFile(scoresJson)) {
                return new ScanDetection.Outcome(ScanDetection.finishedRow(dir), null);
            }
            if (listed.labels() == null) {
                throw new InvalidInputException(scan.path(), "no label map (list it in a labels column, or put labels.nii.gz beside ct.nii.gz)");
            }
            Volume ct = VolumeIO.read(scan.path());
            ScoredScan s = score(scan.path(), ct, listed.labels(), VolumeIO.read(listed.labels()));
            CohortRow row = CohortRow.scored(scan.name(), s.score(), s.protocol(), null,
                    (System.nanoTime() - t0) / 1e9);
            ScanScores json = new ScanScores(row, new ScanScores.ScanSection(scan.name(), scan.path().toString(), listed.labels().toString(),
                    null, null, null, null), s.score().document(), null, s.protocol().document(), null, null, null, null, null);
            Files.createDirectories(dir);
            JsonFiles.writeJson(scoresJson, json);
            return new ScanDetection.Outcome(row, null);
        } catch (InvalidInputException e) {
            ScanStatus status = e instanceof ScanRefused ? ScanStatus.REFUSED
                    : ScanStatus.FAILED;
            return new ScanDetection.Outcome(
                    CohortRow.notScored(scan.name(), status, (System.nanoTime() - t0) / 1e9, e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            return new ScanDetection.Outcome(CohortRow.notScored(scan.name(),
                    ScanStatus.FAILED, (System.nanoTime() - t0) / 1e9, scan.path() + ": internal error: " + e), e);
        }
    }
}
