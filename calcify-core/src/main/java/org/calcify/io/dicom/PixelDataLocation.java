package org.calcify.io.dicom;

/**
 * Where the value of the PixelData element (7FE0,0010) lies.
 *
 * @param offsetBytes offset of the value in the file, or in the inflated data set when {@code inDeflatedDataSet}
 * @param lengthBytes value length in bytes, or -1 for undefined length (encapsulated pixel data)
 * @param inDeflatedDataSet true when the offset counts bytes of the inflated data set of a deflated file
 */
public record PixelDataLocation(long offsetBytes, long lengthBytes, boolean inDeflatedDataSet) {
    public boolean encapsulated() {
        return lengthBytes < 0;
    }
}
