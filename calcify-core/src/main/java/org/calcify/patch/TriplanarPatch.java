package org.calcify.patch;

/**
 * One tri-planar patch: axial (sizeY x sizeX), sagittal (sizeZ x sizeY) and coronal (sizeZ x sizeX)
 * uint8 planes, each row-major.
 */
public record TriplanarPatch(PatchShape shape, byte[] axial, byte[] sagittal, byte[] coronal) {

    /** Axial value at (row y, column x) of the patch. */
    public int axial(int row, int col) {
        return axial[row * shape.sizeX() + col] & 0xFF;
    }

    /** Sagittal value at (slice s, row y) of the patch. */
    public int sagittal(int slice, int row) {
        return sagittal[slice * shape.sizeY() + row] & 0xFF;
    }

    /** Coronal value at (slice s, column x) of the patch. */
    public int coronal(int slice, int col) {
        return coronal[slice * shape.sizeX() + col] & 0xFF;
    }
}
