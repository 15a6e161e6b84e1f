package org.calcify.report.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomFileChecker;
import org.calcify.io.dicom.DicomScanner;
import org.calcify.io.dicom.DicomSegmentation;
import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.io.dicom.SegmentationGrid;
import org.calcify.io.dicom.SegmentationReader;
import org.calcify.score.CalciumLabel;
import org.calcify.volume.MetadataKeys;
import org.calcify.volume.Volume;

/**
 * The one way a label map given for a scan is read: a DICOM Segmentation is placed on the scan's grid
 * ({@link SegmentationGrid}) with its segments as Calcify labels ({@link CalciumSegmentLabels}); any other file is
 * read by {@link VolumeIO}. When the scan is a DICOM series, the SEG's FrameOfReferenceUID must be the series' and
 * frames are matched to its slices' own ImagePositionPatient (so a series with a missing slice or uneven gaps still
 * gets each frame on its slice); otherwise to the scan's grid.
 */
public final class LabelMapReader {
    private LabelMapReader() {
    }

    /** The label map at {@code labels} for the scan {@code scan} read from {@code scanPath} (may be null). */
    public static Volume read(Path labels, Path scanPath, Volume scan) throws IOException {
        if (!SegmentationReader.isSegmentation(labels)) {
            return VolumeIO.read(labels);
        }
        return fromSegmentation(SegmentationReader.read(labels), scanPath, scan);
    }

    /** {@code seg} on the grid of {@code scan}, each segment as its {@link CalciumLabel}. */
    public static Volume fromSegmentation(DicomSegmentation seg, Path scanPath, Volume scan) throws IOException {
        DicomSeriesReference ref = series(scanPath, scan);
        if (ref != null && seg.frameOfReferenceUid() != null && !seg.frameOfReferenceUid().equals(ref.frameOfReferenceUid())) {
            throw new InvalidInputException(seg.file(), "FrameOfReferenceUID " + seg.frameOfReferenceUid() + " is not the scan's "
                    + ref.frameOfReferenceUid() + " (" + scanPath + "): its positions are in another patient coordinate system");
        }
        List<double[]> positions = ref == null ? null : slicePositions(ref, scan);
        return SegmentationGrid.place(seg, scan.geometry(), positions, n -> CalciumSegmentLabels.of(seg.segment(n)).label());
    }

    /** The DICOM series {@code scan} was read from, or null when it is not DICOM (or lacks the UIDs a reference needs). */
    private static DicomSeriesReference series(Path scanPath, Volume scan) throws IOException {
        if (scanPath == null || !(Files.isDirectory(scanPath) ? DicomScanner.containsDicom(scanPath) : DicomFileChecker.isDicom(scanPath))) {
            return null;
        }
        try {
            return DicomSeriesReference.read(scanPath, scan.metadata().get(MetadataKeys.DICOM_SERIES_INSTANCE_UID));
        } catch (InvalidInputException e) {
            return null; // a series without the UIDs a reference needs: its grid still places the frames
        }
    }

    /** The slices' ImagePositionPatient in volume order, or null when they are not one per slice of {@code scan}. */
    private static List<double[]> slicePositions(DicomSeriesReference ref, Volume scan) {
        if (ref.multiFrame() || ref.images().size() != scan.sizeZ() || !ref.geometry().sameGrid(scan.geometry(), 1e-3)) {
            return null;
        }
        List<double[]> out = new ArrayList<>();
        for (DicomSeriesReference.Image image : ref.images()) {
            if (image.imagePositionPatientMm() == null) {
                return null;
            }
            out.add(image.imagePositionPatientMm());
        }
        return out;
    }
}
