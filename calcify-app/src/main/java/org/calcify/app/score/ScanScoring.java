package org.calcify.app.score;

import java.nio.file.Path;
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
        this.screen = new ProtocolScreen(allowContrast, allowSharpKernel);
    }

    /** The scores and what the protocol screen found. */
    public record ScoredScan(CalciumScore score, ScanProtocol protocol) {
    }

    /**
     * @param ctPath    the scan's file or folder, for errors
     * @param ct        the scan as read (padding included: the screen sets it to air itself)
     * @param labelPath the label map's file, for errors
     * @param labels    the label map on the scan's grid
     * @throws InvalidInputException when the label map does not fit the scan, or the screen refuses the
     *                               scan ({@link ScanRefused})
     */
    public ScoredScan score(Path ctPath, Volume ct, Path labelPath, Volume labels) throws InvalidInputException {
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
}
