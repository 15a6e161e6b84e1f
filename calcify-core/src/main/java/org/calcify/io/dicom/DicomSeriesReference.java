package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.volume.Geometry;

/**
 * What an object derived from a DICOM series (a segmentation, a structured report) must reference: the
 * series' identity (patient, study, series, frame of reference) and its images in the volume order of
 * {@link DicomFormat} (z = 0 first), each with its SOP class, SOP instance and ImagePositionPatient. The
 * grid is the one the reader gives the volume, so that voxel (x, y, z) of a label map read alongside lies
 * in image {@code images().get(z)} (or frame z + 1 of a single multi-frame image).
 *
 * @param path     the folder or file read
 * @param identity the identification of the first image in volume order
 * @param images   one entry per slice in volume order; one entry for a single multi-frame file
 * @param geometry the grid of the volume the reader makes of the series
 */
public record DicomSeriesReference(Path path, DicomIdentity identity, List<Image> images, Geometry geometry) {

    /**
     * One image of the series.
     *
     * @param sopClassUid              (0008,0016)
     * @param sopInstanceUid           (0008,0018)
     * @param imagePositionPatientMm   (0020,0032), LPS mm, or null when missing
     * @param numberOfFrames           frames of the image (1 for a slice)
     */
    public record Image(String sopClassUid, String sopInstanceUid, double[] imagePositionPatientMm, int numberOfFrames) {
    }

    public DicomSeriesReference {
        images = List.copyOf(images);
    }

    /**
     * Reads the headers of the series at {@code path} (the one of {@code seriesUid}, or when null the one the
     * reader would choose) and checks that they carry what a reference needs: StudyInstanceUID,
     * SeriesInstanceUID, FrameOfReferenceUID and a SOPInstanceUID per image.
     */
    public static DicomSeriesReference read(Path path, String seriesUid) throws IOException {
        List<DicomHeader> headers = DicomFormat.seriesHeaders(path, seriesUid);
        int frames = headers.get(0).numberOfFrames();
        SliceGeometry sg = SliceGeometry.of(headers, frames);
        List<Image> images = new ArrayList<>();
        for (DicomHeader h : sg.slices()) {
            DicomIdentity id = h.identity();
            String sopClass = id.get(DicomIdentity.SOP_CLASS_UID);
            String sop = id.get(DicomIdentity.SOP_INSTANCE_UID);
            if (sop == null || sopClass == null) {
                throw new InvalidInputException(h.file(), "no SOPInstanceUID or SOPClassUID: a DICOM object cannot reference this image");
            }
            images.add(new Image(sopClass, sop, h.imagePositionPatientMm(), Math.max(1, h.numberOfFrames())));
        }
        DicomHeader first = sg.slices().get(0);
        String[] names = {"StudyInstanceUID (0020,000D)", "SeriesInstanceUID (0020,000E)", "FrameOfReferenceUID (0020,0052)"};
        int[] tags = {DicomIdentity.STUDY_INSTANCE_UID, DicomIdentity.SERIES_INSTANCE_UID, DicomIdentity.FRAME_OF_REFERENCE_UID};
        for (int i = 0; i < tags.length; i++) {
            if (first.identity().get(tags[i]) == null) {
                throw new InvalidInputException(first.file(), names[i] + " missing: a segmentation cannot reference this series");
            }
        }
        return new DicomSeriesReference(path, first.identity(), images, sg.geometry());
    }

    public String studyInstanceUid() {
        return identity.get(DicomIdentity.STUDY_INSTANCE_UID);
    }

    public String seriesInstanceUid() {
        return identity.get(DicomIdentity.SERIES_INSTANCE_UID);
    }

    public String frameOfReferenceUid() {
        return identity.get(DicomIdentity.FRAME_OF_REFERENCE_UID);
    }

    /** True when the series is one multi-frame image (its frames are the slices). */
    public boolean multiFrame() {
        return images.size() == 1 && images.get(0).numberOfFrames() > 1;
    }
}
