package org.calcify.io.dicom;

import java.nio.ByteBuffer;

/**
 * Receives the top-level elements that {@link DicomParser} streams past (elements inside sequences are
 * skipped, not reported). The handler keeps what it needs and copies nothing else.
 */
interface DicomElementHandler {

    /**
     * One element with a defined length.
     *
     * @param tag    (group << 16) | element
     * @param vr     the two-letter VR for explicit syntaxes, null for implicit ones
     * @param data   the bytes, in the data set's byte order
     * @param offset start of the value in {@code data}
     * @param length value length in bytes
     */
    void element(int tag, String vr, ByteBuffer data, int offset, int length);

    /** The PixelData element: parsing stops here. */
    void pixelData(PixelDataLocation location);
}
