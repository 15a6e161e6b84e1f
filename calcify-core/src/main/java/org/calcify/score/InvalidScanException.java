package org.calcify.score;

/**
 * A CT and label map that cannot be scored (different grids, labels outside 0-5, non-axial
 * slices). {@link #part()} says which input is at fault so a caller can name the file: callers that
 * read the inputs turn it into an {@link org.calcify.io.InvalidInputException} naming that file. It is
 * deliberately not an {@link IllegalArgumentException}, which the command line reports as a bug.
 */
public final class InvalidScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which input the problem is in. */
    public enum Part { CT, LABELS }

    private final Part part;

    public InvalidScanException(Part part, String problem) {
        super(problem);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
