package org.calcify.io.dicom.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Writes a volume of HU values as a CT image series: one CT Image Storage instance
 * (1.2.840.10008.5.1.4.1.1.2) per slice, explicit VR little endian, with the Patient, General Study,
 * General Series, Frame of Reference, General Equipment, General Image, Image Plane, Image Pixel, CT
 * Image and SOP Common modules. Slice k's ImagePositionPatient is the world position of voxel (0, 0, k);
 * ImageOrientationPatient is the x (row) and y (column) axis of the grid; PixelSpacing is (row spacing,
 * column spacing) = (y, x); SliceThickness is the z spacing. Pixels are the int16 HU values themselves
 * (BitsAllocated = BitsStored = 16, signed, RescaleIntercept 0, RescaleSlope 1, RescaleType HU).
 *
 * <p>The z axis must be perpendicular to the slices (a sheared grid is refused). Calcify's reader sorts
 * slices along row x column, so a volume whose z axis points that way (every volume read from DICOM)
 * reads back identical; one whose z axis points against it reads back with its slices in the other order,
 * every voxel at the same world position.
 */
public final class CtImageSeries {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SSSSSS", Locale.ROOT);
    /** How far (cosine) the z axis may lean from the slice normal. */
    private static final double PERPENDICULAR_TOLERANCE = 1e-4;

    private CtImageSeries() {
    }

    /**
     * Who and what the series is: the identifying attributes, all ASCII.
     *
     * @param patientName         PatientName, empty when unknown
     * @param patientId           PatientID, empty when unknown
     * @param studyInstanceUid    StudyInstanceUID
     * @param seriesInstanceUid   SeriesInstanceUID
     * @param frameOfReferenceUid FrameOfReferenceUID
     * @param seriesNumber        SeriesNumber
     * @param studyDescription    StudyDescription
     * @param seriesDescription   SeriesDescription
     * @param patientPosition     PatientPosition (HFS, FFS, ...)
     * @param kvp                 KVP, or null when unknown (written empty)
     * @param softwareVersion     SoftwareVersions
     * @param created             study, series, content and instance creation date and time
     */
    public record Identity(String patientName, String patientId, String studyInstanceUid, String seriesInstanceUid,
                           String frameOfReferenceUid, int seriesNumber, String studyDescription, String seriesDescription,
                           String patientPosition, Double kvp, String softwareVersion, LocalDateTime created) {
        /** A new study, series and frame of reference (new UIDs), made now, head first supine, patient unknown. */
        public static Identity newStudy(String seriesDescription, Double kvp, String softwareVersion) {
            return new Identity("", "", Uids.newUid(), Uids.newUid(), Uids.newUid(), 1, "Calcify", seriesDescription, "HFS",
                    kvp, softwareVersion, LocalDateTime.now());
        }
    }

    /**
     * Writes {@code volume} into {@code folder} (created; it must be absent or empty) as
     * {@code ct0001.dcm}, {@code ct0002.dcm}, ... (slice k is instance k + 1). Each file is written
     * atomically. Returns the files in slice order.
     */
    public static List<Path> write(Volume volume, Path folder, Identity identity) throws IOException {
        short[] hu = shortsOf(volume);
        checkGeometry(volume.geometry());
        Files.createDirectories(folder);
        try (Stream<Path> s = Files.list(folder)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException(folder + " is not empty; a DICOM series is written into an empty folder");
            }
        }
        List<Path> files = new ArrayList<>();
        int digits = Math.max(4, Integer.toString(volume.sizeZ()).length());
        for (int z = 0; z < volume.sizeZ(); z++) {
            Path f = folder.resolve(String.format(Locale.ROOT, "ct%0" + digits + "d.dcm", z + 1));
            DicomFileWriter.write(slice(volume.geometry(), hu, z, identity, Uids.newUid()), f);
            files.add(f);
        }
        return files;
    }

    /** The data set of slice {@code z}. */
    static DicomDataset slice(Geometry g, short[] hu, int z, Identity id, String sopInstanceUid) {
        String date = id.created().format(DATE);
        String time = id.created().format(TIME);
        double[] row = g.axis(0);
        double[] col = g.axis(1);
        int nx = g.sizeX();
        int ny = g.sizeY();
        ByteBuffer pixels = ByteBuffer.allocate(2 * nx * ny).order(ByteOrder.LITTLE_ENDIAN);
        pixels.asShortBuffer().put(hu, g.index(z, 0, 0), nx * ny);
        DicomDataset d = new DicomDataset()
                // SOP Common
                .string(Tags.SOP_CLASS_UID, Vr.UI, Uids.CT_IMAGE_STORAGE)
                .string(Tags.SOP_INSTANCE_UID, Vr.UI, sopInstanceUid)
                .string(Tags.INSTANCE_CREATION_DATE, Vr.DA, date)
                .string(Tags.INSTANCE_CREATION_TIME, Vr.TM, time)
                // Patient
                .string(Tags.PATIENT_NAME, Vr.PN, DicomDataset.ascii(id.patientName()))
                .string(Tags.PATIENT_ID, Vr.LO, DicomDataset.ascii(id.patientId()))
                .string(Tags.PATIENT_BIRTH_DATE, Vr.DA)
                .string(Tags.PATIENT_SEX, Vr.CS)
                // General Study
                .string(Tags.STUDY_INSTANCE_UID, Vr.UI, id.studyInstanceUid())
                .string(Tags.STUDY_DATE, Vr.DA, date)
                .string(Tags.STUDY_TIME, Vr.TM, time)
                .string(Tags.REFERRING_PHYSICIAN_NAME, Vr.PN)
                .string(Tags.STUDY_ID, Vr.SH, "1")
                .string(Tags.ACCESSION_NUMBER, Vr.SH)
                .string(Tags.STUDY_DESCRIPTION, Vr.LO, DicomDataset.ascii(id.studyDescription()))
                // General Series
                .string(Tags.MODALITY, Vr.CS, "CT")
                .string(Tags.SERIES_INSTANCE_UID, Vr.UI, id.seriesInstanceUid())
                .is(Tags.SERIES_NUMBER, id.seriesNumber())
                .string(Tags.SERIES_DATE, Vr.DA, date)
                .string(Tags.SERIES_TIME, Vr.TM, time)
                .string(Tags.SERIES_DESCRIPTION, Vr.LO, DicomDataset.ascii(id.seriesDescription()))
                .string(Tags.PATIENT_POSITION, Vr.CS, id.patientPosition())
                .string(Tags.LATERALITY, Vr.CS) // type 2C, dciodvfy asks for it; unpaired body part: empty
                // Frame of Reference
                .string(Tags.FRAME_OF_REFERENCE_UID, Vr.UI, id.frameOfReferenceUid())
                .string(Tags.POSITION_REFERENCE_INDICATOR, Vr.LO)
                // General Equipment
                .string(Tags.MANUFACTURER, Vr.LO, "Calcify")
                .string(Tags.MANUFACTURER_MODEL_NAME, Vr.LO, "Calcify")
                .string(Tags.SOFTWARE_VERSIONS, Vr.LO, DicomDataset.ascii(id.softwareVersion()))
                // General Image
                .is(Tags.INSTANCE_NUMBER, z + 1)
                .string(Tags.CONTENT_DATE, Vr.DA, date)
                .string(Tags.CONTENT_TIME, Vr.TM, time)
                // Image Plane
                .ds(Tags.IMAGE_POSITION_PATIENT, g.indexToWorld(0, 0, z))
                .ds(Tags.IMAGE_ORIENTATION_PATIENT, row[0], row[1], row[2], col[0], col[1], col[2])
                .ds(Tags.PIXEL_SPACING, g.spacingY(), g.spacingX())
                .ds(Tags.SLICE_THICKNESS, g.spacingZ())
                // Image Pixel and CT Image
                .string(Tags.IMAGE_TYPE, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                .us(Tags.SAMPLES_PER_PIXEL, 1)
                .string(Tags.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .us(Tags.ROWS, ny)
                .us(Tags.COLUMNS, nx)
                .us(Tags.BITS_ALLOCATED, 16)
                .us(Tags.BITS_STORED, 16)
                .us(Tags.HIGH_BIT, 15)
                .us(Tags.PIXEL_REPRESENTATION, 1)
                .string(Tags.ACQUISITION_NUMBER, Vr.IS)
                .ds(Tags.RESCALE_INTERCEPT, 0)
                .ds(Tags.RESCALE_SLOPE, 1)
                .string(Tags.RESCALE_TYPE, Vr.LO, "HU")
                .bytes(Tags.PIXEL_DATA, Vr.OW, pixels.array());
        if (id.kvp() != null) {
            d.ds(Tags.KVP, id.kvp());
        } else {
            d.string(Tags.KVP, Vr.DS);
        }
        return d;
    }

    /** The voxels as int16: int16 as they are, other types when every value is an integer that fits. */
    private static short[] shortsOf(Volume v) {
        if (v.type() == DataType.INT16) {
            return v.shorts();
        }
        int n = v.geometry().voxelCount();
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double x = v.valueAt(i);
            if (x != Math.rint(x) || x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
                throw new IllegalArgumentException("a CT series holds int16 HU; this " + v.type()
                        + " volume has the value " + x + " at voxel " + i);
            }
            out[i] = (short) x;
        }
        return out;
    }

    private static void checkGeometry(Geometry g) {
        if (g.sizeX() > 0xFFFF || g.sizeY() > 0xFFFF) {
            throw new IllegalArgumentException("slices of " + g.sizeX() + " x " + g.sizeY() + " do not fit Rows and Columns");
        }
        double[] x = g.axis(0);
        double[] y = g.axis(1);
        double[] z = g.axis(2);
        double[] n = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        double nn = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        double zz = Math.sqrt(z[0] * z[0] + z[1] * z[1] + z[2] * z[2]);
        double cos = nn == 0 || zz == 0 ? 0 : Math.abs(n[0] * z[0] + n[1] * z[1] + n[2] * z[2]) / (nn * zz);
        if (cos < 1 - PERPENDICULAR_TOLERANCE) {
            throw new IllegalArgumentException("the volume's z axis is not perpendicular to its slices (a sheared grid): "
                    + "a CT image series cannot hold it without resampling; direction " + java.util.Arrays.toString(g.direction()));
        }
    }
}
