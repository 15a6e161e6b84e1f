package org.calcify.io.dicom.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small CT series written with Calcify's own writer, for orientation round trips: {@code nz} slices of
 * {@code nx} x {@code ny} with the given row and column cosines, first-slice position, spacing and slice
 * step (a vector in LPS mm: along the normal or against it), instance numbers in storage order. The stored
 * value of voxel (x, y, z) is {@link #value}, unique enough to tell voxels apart.
 */
record SyntheticSeries(String name, String patientPosition, double[] rowCosine, double[] columnCosine, double[] firstPositionMm,
                       double[] stepMm, double pixelSpacingMm, int nx, int ny, int nz) {

    static short value(int x, int y, int z) {
        return (short) (x + 40 * y + 1000 * z - 1000);
    }

    /** Writes the slices into {@code folder}; returns it. */
    Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        String study = Uids.newUid();
        String series = Uids.newUid();
        String frame = Uids.newUid();
        for (int z = 0; z < nz; z++) {
            double[] ipp = {firstPositionMm[0] + z * stepMm[0], firstPositionMm[1] + z * stepMm[1], firstPositionMm[2] + z * stepMm[2]};
            ByteBuffer pixels = ByteBuffer.allocate(2 * nx * ny).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    pixels.putShort(value(x, y, z));
                }
            }
            DicomDataset d = new DicomDataset()
                    .string(Tags.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 100")
                    .string(Tags.IMAGE_TYPE, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                    .string(Tags.SOP_CLASS_UID, Vr.UI, Uids.CT_IMAGE_STORAGE)
                    .string(Tags.SOP_INSTANCE_UID, Vr.UI, Uids.newUid())
                    .string(Tags.STUDY_DATE, Vr.DA, "20240101")
                    .string(Tags.STUDY_TIME, Vr.TM, "120000")
                    .string(Tags.ACCESSION_NUMBER, Vr.SH)
                    .string(Tags.MODALITY, Vr.CS, "CT")
                    .string(Tags.MANUFACTURER, Vr.LO, "Calcify test")
                    .string(Tags.REFERRING_PHYSICIAN_NAME, Vr.PN)
                    .string(Tags.SERIES_DESCRIPTION, Vr.LO, name)
                    .string(Tags.PATIENT_NAME, Vr.PN, "Test^" + name)
                    .string(Tags.PATIENT_ID, Vr.LO, "ID-" + name)
                    .string(Tags.PATIENT_BIRTH_DATE, Vr.DA)
                    .string(Tags.PATIENT_SEX, Vr.CS, "O")
                    .ds(Tags.SLICE_THICKNESS, Math.sqrt(stepMm[0] * stepMm[0] + stepMm[1] * stepMm[1] + stepMm[2] * stepMm[2]))
                    .ds(0x00180060, 120) // KVP
                    .string(0x00185100, Vr.CS, patientPosition)
                    .string(Tags.STUDY_INSTANCE_UID, Vr.UI, study)
                    .string(Tags.SERIES_INSTANCE_UID, Vr.UI, series)
                    .string(Tags.STUDY_ID, Vr.SH, "1")
                    .is(Tags.SERIES_NUMBER, 1)
                    .is(Tags.INSTANCE_NUMBER, z + 1)
                    .ds(Tags.IMAGE_POSITION_PATIENT, ipp)
                    .ds(Tags.IMAGE_ORIENTATION_PATIENT, rowCosine[0], rowCosine[1], rowCosine[2], columnCosine[0], columnCosine[1], columnCosine[2])
                    .string(Tags.FRAME_OF_REFERENCE_UID, Vr.UI, frame)
                    .string(Tags.POSITION_REFERENCE_INDICATOR, Vr.LO)
                    .us(Tags.SAMPLES_PER_PIXEL, 1)
                    .string(Tags.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                    .us(Tags.ROWS, ny)
                    .us(Tags.COLUMNS, nx)
                    .ds(Tags.PIXEL_SPACING, pixelSpacingMm, pixelSpacingMm)
                    .us(Tags.BITS_ALLOCATED, 16)
                    .us(Tags.BITS_STORED, 16)
                    .us(Tags.HIGH_BIT, 15)
                    .us(Tags.PIXEL_REPRESENTATION, 1)
                    .ds(0x00281052, 0) // RescaleIntercept
                    .ds(0x00281053, 1) // RescaleSlope
                    .string(0x00281054, Vr.LO, "HU")
                    .bytes(Tags.PIXEL_DATA, Vr.OW, pixels.array());
            // storage order differs from volume order on purpose: files named by a scrambled index
            DicomFileWriter.write(d, folder.resolve(String.format("im%03d.dcm", (z * 7) % nz)));
        }
        return folder;
    }
}
