package org.calcify.io.dicom.write;

import java.util.ArrayList;
import java.util.List;

import org.calcify.io.dicom.DicomSeriesReference;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * Builds a binary DICOM Segmentation (PS3.3 A.51, SOP class 1.2.840.10008.5.1.4.1.1.66.4) of a label map on
 * the grid of its source series, in the manner of highdicom's {@code Segmentation}: the source images, a
 * label array and segment descriptions in, one frame per segment and source slice that holds the segment
 * out. Each frame carries its plane position (the source image's ImagePositionPatient), its source image
 * (Derivation Image Sequence) and its segment number; orientation and pixel measures are shared. Slices a
 * segment does not touch have no frame (as highdicom omits empty frames).
 */
public final class Segmentation {

    /**
     * One segment.
     *
     * @param labelValue     the voxel value of the segment in the label map
     * @param label          SegmentLabel (0062,0005)
     * @param category       Segmented Property Category (CID 7150)
     * @param type           Segmented Property Type (CID 7151)
     * @param anatomicRegion Anatomic Region (0008,2218), or null
     * @param cieLab         Recommended Display CIELab Value (three unsigned 16-bit values), or null
     */
    public record Segment(int labelValue, String label, CodedConcept category, CodedConcept type, CodedConcept anatomicRegion,
                          int[] cieLab) {
    }

    /**
     * The algorithm that made the segments (Algorithm Identification macro, PS3.3 10.16).
     *
     * @param family     AlgorithmFamilyCodeSequence (CID 7162)
     * @param name       AlgorithmName
     * @param version    AlgorithmVersion
     * @param parameters AlgorithmParameters (e.g. the model), or null
     */
    public record Algorithm(CodedConcept family, String name, String version, String parameters) {
        DicomDataset item() {
            DicomDataset d = new DicomDataset()
                    .sequence(Tags.ALGORITHM_FAMILY_CODE_SEQUENCE, family.item())
                    .string(Tags.ALGORITHM_VERSION, Vr.LO, version)
                    .string(Tags.ALGORITHM_NAME, Vr.LO, name);
            if (parameters != null) {
                d.string(Tags.ALGORITHM_PARAMETERS, Vr.LT, DicomDataset.ascii(parameters));
            }
            return d;
        }
    }

    private Segmentation() {
    }

    /** The segments of {@code segments} that have at least one voxel in {@code labels}, in the given order. */
    public static List<Segment> present(Volume labels, List<Segment> segments) {
        boolean[] seen = new boolean[256];
        int n = labels.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            int v = (int) labels.valueAt(i);
            if (v > 0 && v < 256) {
                seen[v] = true;
            }
        }
        return segments.stream().filter(s -> s.labelValue() > 0 && s.labelValue() < 256 && seen[s.labelValue()]).toList();
    }

    /**
     * The SEG data set.
     *
     * @param source   the source series (its grid must be the label map's)
     * @param labels   the label map, voxel (x, y, z) on source image z
     * @param segments the segments to write, numbered 1, 2, ... in this order; each must occur in {@code labels}
     * @param series   the new series and instance
     */
    public static DicomDataset build(DicomSeriesReference source, Volume labels, List<Segment> segments, Algorithm algorithm,
                                     DerivedInstance series) {
        Geometry g = source.geometry();
        if (!g.sameGrid(labels.geometry(), 1e-3)) {
            throw new IllegalArgumentException("the label map's grid " + labels.geometry() + " is not the source series' grid " + g);
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a segmentation needs at least one segment");
        }
        DicomDataset d = new DicomDataset();
        series.putCommon(d, source, Uids.SEGMENTATION_STORAGE, "SEG");
        d.string(Tags.IMAGE_TYPE, Vr.CS, "DERIVED", "PRIMARY");
        d.string(Tags.FRAME_OF_REFERENCE_UID, Vr.UI, source.frameOfReferenceUid());
        d.string(Tags.POSITION_REFERENCE_INDICATOR, Vr.LO,
                source.identity().getOrEmpty(org.calcify.io.dicom.DicomIdentity.POSITION_REFERENCE_INDICATOR));
        d.string(Tags.CONTENT_LABEL, Vr.CS, series.contentLabel());
        d.string(Tags.CONTENT_DESCRIPTION, Vr.LO, DicomDataset.ascii(series.description()));
        d.string(Tags.CONTENT_CREATOR_NAME, Vr.PN);
        d.string(Tags.LOSSY_IMAGE_COMPRESSION, Vr.CS, "00");
        d.string(Tags.SEGMENTATION_TYPE, Vr.CS, "BINARY");
        d.us(Tags.SAMPLES_PER_PIXEL, 1);
        d.string(Tags.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        d.us(Tags.ROWS, g.sizeY());
        d.us(Tags.COLUMNS, g.sizeX());
        d.us(Tags.BITS_ALLOCATED, 1);
        d.us(Tags.BITS_STORED, 1);
        d.us(Tags.HIGH_BIT, 0);
        d.us(Tags.PIXEL_REPRESENTATION, 0);

        List<DicomDataset> segmentItems = new ArrayList<>();
        for (int k = 0; k < segments.size(); k++) {
            segmentItems.add(segmentItem(k + 1, segments.get(k), algorithm));
        }
        d.sequence(Tags.SEGMENT_SEQUENCE, segmentItems);

        // dimensions: segment number, then position
        String dimensionUid = Uids.newUid();
        d.sequence(Tags.DIMENSION_ORGANIZATION_SEQUENCE, new DicomDataset().string(Tags.DIMENSION_ORGANIZATION_UID, Vr.UI, dimensionUid));
        d.string(Tags.DIMENSION_ORGANIZATION_TYPE, Vr.CS, "3D");
        d.sequence(Tags.DIMENSION_INDEX_SEQUENCE, List.of(
                dimension(dimensionUid, Tags.REFERENCED_SEGMENT_NUMBER, Tags.SEGMENT_IDENTIFICATION_SEQUENCE, "Segment Number"),
                dimension(dimensionUid, Tags.IMAGE_POSITION_PATIENT, Tags.PLANE_POSITION_SEQUENCE, "Image Position Patient")));

        d.sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared(g));
        int pixels = g.sizeX() * g.sizeY();
        List<DicomDataset> frames = new ArrayList<>();
        List<int[]> frameSlices = new ArrayList<>(); // (segment index, z)
        for (int k = 0; k < segments.size(); k++) {
            int value = segments.get(k).labelValue();
            for (int z = 0; z < g.sizeZ(); z++) {
                if (sliceHas(labels, z * pixels, pixels, value)) {
                    frames.add(frame(source, g, k + 1, z));
                    frameSlices.add(new int[] {k, z});
                }
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("none of the segments occurs in the label map");
        }
        d.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, frames);
        d.is(Tags.NUMBER_OF_FRAMES, frames.size());
        d.sequence(Tags.REFERENCED_SERIES_SEQUENCE, referencedSeries(source));
        d.bytes(Tags.PIXEL_DATA, Vr.OB, packBits(labels, segments, frameSlices, pixels));
        return d;
    }

    private static DicomDataset segmentItem(int number, Segment s, Algorithm algorithm) {
        DicomDataset item = new DicomDataset()
                .us(Tags.SEGMENT_NUMBER, number)
                .string(Tags.SEGMENT_LABEL, Vr.LO, s.label())
                .string(Tags.SEGMENT_ALGORITHM_TYPE, Vr.CS, "AUTOMATIC")
                .string(Tags.SEGMENT_ALGORITHM_NAME, Vr.LO, algorithm.name())
                .sequence(Tags.SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE, algorithm.item())
                .sequence(Tags.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, s.category().item())
                .sequence(Tags.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, s.type().item());
        if (s.anatomicRegion() != null) {
            item.sequence(Tags.ANATOMIC_REGION_SEQUENCE, s.anatomicRegion().item());
        }
        if (s.cieLab() != null) {
            item.us(Tags.RECOMMENDED_DISPLAY_CIELAB_VALUE, s.cieLab());
        }
        return item;
    }

    private static DicomDataset dimension(String organizationUid, int indexPointer, int groupPointer, String label) {
        return new DicomDataset()
                .string(Tags.DIMENSION_ORGANIZATION_UID, Vr.UI, organizationUid)
                .at(Tags.DIMENSION_INDEX_POINTER, indexPointer)
                .at(Tags.FUNCTIONAL_GROUP_POINTER, groupPointer)
                .string(Tags.DIMENSION_DESCRIPTION_LABEL, Vr.LO, label);
    }

    private static DicomDataset shared(Geometry g) {
        double[] dir = g.direction();
        DicomDataset orientation = new DicomDataset().ds(Tags.IMAGE_ORIENTATION_PATIENT,
                round(dir[0]), round(dir[3]), round(dir[6]), round(dir[1]), round(dir[4]), round(dir[7]));
        DicomDataset measures = new DicomDataset()
                .ds(Tags.PIXEL_SPACING, g.spacingY(), g.spacingX())
                .ds(Tags.SLICE_THICKNESS, g.spacingZ())
                .ds(Tags.SPACING_BETWEEN_SLICES, g.spacingZ());
        return new DicomDataset()
                .sequence(Tags.PLANE_ORIENTATION_SEQUENCE, orientation)
                .sequence(Tags.PIXEL_MEASURES_SEQUENCE, measures);
    }

    /** Cosines rounded to 10 decimals, so that a DS of 16 characters holds them without exponent. */
    private static double round(double v) {
        double r = Math.round(v * 1e10) / 1e10;
        return r == 0 ? 0 : r;
    }

    private static DicomDataset frame(DicomSeriesReference source, Geometry g, int segmentNumber, int z) {
        DicomSeriesReference.Image image = source.multiFrame() ? source.images().get(0) : source.images().get(z);
        double[] ipp = !source.multiFrame() && image.imagePositionPatientMm() != null
                ? image.imagePositionPatientMm() : g.indexToWorld(0, 0, z);
        DicomDataset sourceImage = new DicomDataset()
                .string(Tags.REFERENCED_SOP_CLASS_UID, Vr.UI, image.sopClassUid())
                .string(Tags.REFERENCED_SOP_INSTANCE_UID, Vr.UI, image.sopInstanceUid())
                .sequence(Tags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE,
                        new CodedConcept("121322", "DCM", "Source image for image processing operation").item());
        if (source.multiFrame()) {
            sourceImage.is(Tags.REFERENCED_FRAME_NUMBER, z + 1);
        }
        DicomDataset derivation = new DicomDataset()
                .sequence(Tags.DERIVATION_CODE_SEQUENCE, new CodedConcept("113076", "DCM", "Segmentation").item())
                .sequence(Tags.SOURCE_IMAGE_SEQUENCE, sourceImage);
        return new DicomDataset()
                .sequence(Tags.DERIVATION_IMAGE_SEQUENCE, derivation)
                .sequence(Tags.FRAME_CONTENT_SEQUENCE, new DicomDataset().ul(Tags.DIMENSION_INDEX_VALUES, segmentNumber, z + 1))
                .sequence(Tags.PLANE_POSITION_SEQUENCE, new DicomDataset().ds(Tags.IMAGE_POSITION_PATIENT, ipp[0], ipp[1], ipp[2]))
                .sequence(Tags.SEGMENT_IDENTIFICATION_SEQUENCE, new DicomDataset().us(Tags.REFERENCED_SEGMENT_NUMBER, segmentNumber));
    }

    private static List<DicomDataset> referencedSeries(DicomSeriesReference source) {
        List<DicomDataset> instances = new ArrayList<>();
        for (DicomSeriesReference.Image image : source.images()) {
            instances.add(new DicomDataset()
                    .string(Tags.REFERENCED_SOP_CLASS_UID, Vr.UI, image.sopClassUid())
                    .string(Tags.REFERENCED_SOP_INSTANCE_UID, Vr.UI, image.sopInstanceUid()));
        }
        return List.of(new DicomDataset()
                .sequence(Tags.REFERENCED_INSTANCE_SEQUENCE, instances)
                .string(Tags.SERIES_INSTANCE_UID, Vr.UI, source.seriesInstanceUid()));
    }

    private static boolean sliceHas(Volume labels, int base, int pixels, int value) {
        for (int i = 0; i < pixels; i++) {
            if ((int) labels.valueAt(base + i) == value) {
                return true;
            }
        }
        return false;
    }

    /** The frames' bits, one after another without padding between frames, first pixel in the lowest bit (PS3.5 8.1.1). */
    private static byte[] packBits(Volume labels, List<Segment> segments, List<int[]> frameSlices, int pixels) {
        long bits = (long) frameSlices.size() * pixels;
        byte[] out = new byte[Math.toIntExact((bits + 7) / 8)];
        long bit = 0;
        for (int[] fs : frameSlices) {
            int value = segments.get(fs[0]).labelValue();
            int base = fs[1] * pixels;
            for (int i = 0; i < pixels; i++, bit++) {
                if ((int) labels.valueAt(base + i) == value) {
                    out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
        }
        return out;
    }

}
