package org.calcify.app.detect;

import java.nio.file.Path;
import org.calcify.io.InvalidInputException;

/** A scan the protocol screen refuses to score (contrast-enhanced, a sharp kernel, ...): an input error. */
public final class ScanRefused extends InvalidInputException {
    public ScanRefused(Path scan, String reason) {
        super(scan, "refused: " + reason);
    }
}
