package org.calcify.io.dicom;

import java.nio.file.Path;

/**
 * The attributes of one DICOM file that Calcify needs: identification, geometry and the Image Pixel
 * module. Made by {@link DicomParser}; immutable. Missing optional attributes are null.
 *
 * @param file                    the file
 * @param transferSyntaxUid       (0002,0010), or the guessed syntax of a file without meta header
 * @param mediaStorageSopClassUid (0002,0002) or null (DICOMDIR files are 1.2.840.10008.1.3.10)
 * @param sopClassUid             (0008,0016) or null
 * @param seriesInstanceUid       (0020,000E), "" when missing
 * @param modality                (0008,0060), "" when missing
 * @param seriesDescription       (0008,103E), "" when missing
 * @param manufacturer            (0008,0070), "" when missing
 * @param instanceNumber          (0020,0013) or null
 * @param imagePositionPatientMm  (0020,0032): LPS position of the centre of the first voxel, mm; null if missing
 * @param imageOrientationPatient (0020,0037): row cosine then column cosine, LPS; null if missing
 * @param pixelSpacingMm          (0028,0030): (row spacing = between rows, column spacing = between columns); null if missing
 * @param sliceThicknessMm        (0018,0050) or null
 * @param spacingBetweenSlicesMm  (0018,0088) or null
 * @param gantryTiltDeg           (0018,1120) GantryDetectorTilt or null
 * @param samplesPerPixel         (0028,0002), 1 when missing
 * @param photometricInterpretation (0028,0004), "" when missing
 * @param numberOfFrames          (0028,0008), 1 when missing
 * @param rows                    (0028,0010), 0 when missing
 * @param columns                 (0028,0011), 0 when missing
 * @param bitsAllocated           (0028,0100), 0 when missing
 * @param bitsStored              (0028,0101), bitsAllocated when missing
 * @param pixelRepresentation     (0028,0103): 0 unsigned, 1 two's complement
 * @param rescaleSlope            (0028,1053), 1 when missing
 * @param rescaleIntercept        (0028,1052), 0 when missing
 * @param pixelData               where PixelData lies, or null when the file has none
 * @param fileSizeBytes           size of the file in bytes
 * @param pixelPaddingValue       (0028,0120) in stored-value units (signed when pixelRepresentation is 1), or null
 * @param pixelPaddingRangeLimit  (0028,0121) in stored-value units, or null
 * @param attributes              the acquisition, patient and study attributes present ({@link DicomAttribute}), as trimmed text
 * @param identity                the identification attributes (UIDs, patient and study module) that derived objects copy
 */
public record DicomHeader(
        Path file,
        String transferSyntaxUid,
        String mediaStorageSopClassUid,
        String sopClassUid,
        String seriesInstanceUid,
        String modality,
        String seriesDescription,
        String manufacturer,
        Integer instanceNumber,
        double[] imagePositionPatientMm,
        double[] imageOrientationPatient,
        double[] pixelSpacingMm,
        Double sliceThicknessMm,
        Double spacingBetweenSlicesMm,
        Double gantryTiltDeg,
        int samplesPerPixel,
        String photometricInterpretation,
        int numberOfFrames,
        int rows,
        int columns,
        int bitsAllocated,
        int bitsStored,
        int pixelRepresentation,
        double rescaleSlope,
        double rescaleIntercept,
        PixelDataLocation pixelData,
        long fileSizeBytes,
        Integer pixelPaddingValue,
        Integer pixelPaddingRangeLimit,
        java.util.Map<DicomAttribute, String> attributes,
        DicomIdentity identity) {

    /** SOP class UID of a DICOMDIR (Media Storage Directory Storage). */
    public static final String DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10";

    public boolean isDicomDir() {
        return DICOMDIR_SOP_CLASS.equals(mediaStorageSopClassUid) || DICOMDIR_SOP_CLASS.equals(sopClassUid);
    }

    /** The value of {@code a}, or null when the file does not have it (or it is empty). */
    public String attribute(DicomAttribute a) {
        return attributes.get(a);
    }

    public boolean signed() {
        return pixelRepresentation == 1;
    }

    /** The transfer syntax, or null when Calcify cannot decode it. */
    public TransferSyntax transferSyntax() {
        return TransferSyntax.byUid(transferSyntaxUid);
    }
}
