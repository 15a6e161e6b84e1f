package org.calcify.score;

/**
 * A CT and label map that cannot be scored (different grids, labels outside 0-5, non-axial
 * slices). {@link #part()} says which input is at fault so a caller can name the file.
 */
public final class InvalidScanException extends IllegalArgumentException {
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
