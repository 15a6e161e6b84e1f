package org.calcify.io.dicom;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.SizeBudget;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.MetadataKeys;
import org.calcify.volume.ValueRange;
import org.calcify.volume.Volume;

/**
 * Builds one {@link Volume} from the files of one series: checks them, orders them
 * ({@link SliceGeometry}), decodes the slices in parallel and applies each slice's
 * RescaleSlope/RescaleIntercept.
 *
 * <p>Voxel type rule: when every slope and intercept is an integer and every rescaled value
 * {@code stored * slope + intercept} fits int16, the volume is {@link DataType#INT16}; when they are
 * integers that fit int32 (e.g. unsigned 16-bit MR above 32767), {@link DataType#INT32}; otherwise
 * {@link DataType#FLOAT32}. Values equal pydicom's {@code pixel_array * RescaleSlope + RescaleIntercept}.
 * A single file with NumberOfFrames > 1 is read as a stack of frames along the slice normal.
 */
final class DicomSeriesAssembler {
    private DicomSeriesAssembler() {
    }

    /** Signals that a rescaled value left the int16 range in the fast path. */
    private static final class Int16Overflow extends RuntimeException {
        Int16Overflow() {
            super(null, null, false, false);
        }
    }

    /**
     * @param series    the files of the series to read (at least one)
     * @param allSeries every series found, for the "dicom.series" metadata
     */
    static Volume assemble(List<DicomHeader> series, List<DicomSeriesSummary> allSeries) throws IOException {
        for (DicomHeader h : series) {
            DicomPixelReader.checkPixelModule(h);
        }
        int frames = series.get(0).numberOfFrames();
        if (series.size() > 1 && series.stream().anyMatch(h -> h.numberOfFrames() > 1)) {
            DicomHeader multi = series.stream().filter(h -> h.numberOfFrames() > 1).findFirst().orElseThrow();
            throw new InvalidInputException(multi.file(), "multi-frame file (" + multi.numberOfFrames()
                    + " frames) in a series of " + series.size() + " files: only one multi-frame file or single-frame slices are supported");
        }
        SliceGeometry sg = SliceGeometry.of(series, frames);
        List<DicomHeader> slices = sg.slices();
        Geometry g = sg.geometry();
        int pixels = g.sizeX() * g.sizeY();
        int sizeZ = g.sizeZ();

        boolean integerRescale = slices.stream().allMatch(h -> isInteger(h.rescaleSlope()) && isInteger(h.rescaleIntercept()));
        Volume volume = null;
        if (integerRescale && slices.stream().allMatch(DicomSeriesAssembler::plausiblyInt16)) {
            try {
                volume = readInt16(slices, g, pixels);
            } catch (Int16Overflow e) {
                volume = null; // the header's bit depth lied: take the general path
            }
        }
        if (volume == null) {
            volume = readGeneral(slices, g, pixels, sizeZ, integerRescale);
        }
        return volume.withMetadata(metadata(series, slices, allSeries)).withWarnings(sg.warnings());
    }

    private static boolean isInteger(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1 << 30;
    }

    /**
     * True when int16 output is worth trying: 8 or 16 bits allocated and a slope small enough. The
     * int16 path checks every value and falls back to the general path when one does not fit.
     */
    private static boolean plausiblyInt16(DicomHeader h) {
        return h.bitsAllocated() <= 16 && Math.abs(h.rescaleSlope()) <= 1 << 15 && Math.abs(h.rescaleIntercept()) <= 1 << 16;
    }

    private static Volume readInt16(List<DicomHeader> slices, Geometry g, int pixels) throws IOException {
        short[] out = (short[]) SizeBudget.allocate(slices.get(0).file(), DataType.INT16, g.voxelCount());
        if (slices.size() == g.sizeZ() && slices.stream().allMatch(DicomPixelReader::isPlainNative16)) {
            // the common case: one bulk copy per slice straight into the volume, then one pass in place
            DicomScanner.parallel(IntStream.range(0, slices.size()).boxed().toList(), z -> {
                DicomHeader h = slices.get(z);
                DicomPixelReader.readRawNative16(h, out, z * pixels);
                rescaleInPlace(h, out, z * pixels, pixels);
                return null;
            });
            return Volume.ofShorts(g, out);
        }
        forEachSlice(slices, g.sizeZ(), pixels, (h, z, v) -> {
            int slope = (int) h.rescaleSlope();
            int intercept = (int) h.rescaleIntercept();
            int base = z * pixels;
            for (int i = 0; i < pixels; i++) {
                long r = (long) v[i] * slope + intercept;
                if (r != (short) r) {
                    throw new Int16Overflow();
                }
                out[base + i] = (short) r;
            }
        });
        return Volume.ofShorts(g, out);
    }

    /** Applies BitsStored (mask or sign extension) and the integer rescale to raw 16-bit samples in place. */
    private static void rescaleInPlace(DicomHeader h, short[] out, int base, int pixels) {
        int slope = (int) h.rescaleSlope();
        int intercept = (int) h.rescaleIntercept();
        int shift = 32 - h.bitsStored();
        int mask = (int) ((1L << h.bitsStored()) - 1);
        boolean signed = h.signed();
        int end = base + pixels;
        for (int i = base; i < end; i++) {
            int v = signed ? (out[i] << shift) >> shift : out[i] & mask;
            long r = (long) v * slope + intercept;
            if (r != (short) r) {
                throw new Int16Overflow();
            }
            out[i] = (short) r;
        }
    }

    private static Volume readGeneral(List<DicomHeader> slices, Geometry g, int pixels, int sizeZ, boolean integerRescale)
            throws IOException {
        // the stored values of every slice (4 bytes a voxel) and the volume (at most 4 more)
        SizeBudget.fitsHeap(slices.get(0).file(), SizeBudget.bytes(g.voxelCount(), 8));
        int[][] stored = new int[sizeZ][];
        double[] slopes = new double[sizeZ];
        double[] intercepts = new double[sizeZ];
        double[] min = new double[sizeZ];
        double[] max = new double[sizeZ];
        forEachSlice(slices, sizeZ, pixels, (h, z, v) -> {
            stored[z] = java.util.Arrays.copyOf(v, pixels);
            slopes[z] = h.rescaleSlope();
            intercepts[z] = h.rescaleIntercept();
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int i = 0; i < pixels; i++) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
            double a = lo * slopes[z] + intercepts[z];
            double c = hi * slopes[z] + intercepts[z];
            min[z] = Math.min(a, c);
            max[z] = Math.max(a, c);
        });
        double lo = IntStream.range(0, sizeZ).mapToDouble(z -> min[z]).min().orElse(0);
        double hi = IntStream.range(0, sizeZ).mapToDouble(z -> max[z]).max().orElse(0);
        DataType type = !integerRescale ? DataType.FLOAT32
                : lo >= Short.MIN_VALUE && hi <= Short.MAX_VALUE ? DataType.INT16
                : lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE ? DataType.INT32 : DataType.FLOAT32;
        Object out = SizeBudget.allocate(slices.get(0).file(), type, g.voxelCount());
        for (int z = 0; z < sizeZ; z++) {
            int[] v = stored[z];
            double s = slopes[z];
            double b = intercepts[z];
            int base = z * pixels;
            switch (type) {
                case INT16 -> {
                    short[] o = (short[]) out;
                    for (int i = 0; i < pixels; i++) {
                        o[base + i] = (short) Math.round(v[i] * s + b);
                    }
                }
                case INT32 -> {
                    int[] o = (int[]) out;
                    for (int i = 0; i < pixels; i++) {
                        o[base + i] = (int) Math.round(v[i] * s + b);
                    }
                }
                default -> {
                    float[] o = (float[]) out;
                    for (int i = 0; i < pixels; i++) {
                        o[base + i] = (float) (v[i] * s + b);
                    }
                }
            }
            stored[z] = null;
        }
        return Volume.of(g, type, out);
    }

    /** Work on one decoded slice: header, slice index z, stored values. */
    private interface SliceWork {
        void accept(DicomHeader h, int z, int[] values) throws IOException;
    }

    /** Decodes every slice (or every frame of a single multi-frame file) in parallel. */
    private static void forEachSlice(List<DicomHeader> slices, int sizeZ, int pixels, SliceWork work) throws IOException {
        if (slices.size() == 1 && sizeZ > 1) {
            DicomHeader h = slices.get(0);
            DicomPixelReader.read(h, new int[pixels], (frame, v) -> work.accept(h, frame, v));
            return;
        }
        List<Integer> indices = IntStream.range(0, slices.size()).boxed().toList();
        ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[pixels]);
        DicomScanner.parallel(indices, z -> {
            DicomHeader h = slices.get(z);
            DicomPixelReader.read(h, scratch.get(), (frame, v) -> work.accept(h, z, v));
            return null;
        });
    }

    private static Map<String, String> metadata(List<DicomHeader> series, List<DicomHeader> slices,
                                                List<DicomSeriesSummary> allSeries) {
        DicomHeader first = slices.get(0);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "DICOM");
        Set<String> syntaxes = new LinkedHashSet<>();
        for (DicomHeader h : slices) {
            syntaxes.add(TransferSyntax.describe(h.transferSyntaxUid()));
        }
        m.put("dicom.transferSyntax", String.join(", ", syntaxes));
        m.put("dicom.seriesInstanceUid", first.seriesInstanceUid());
        m.put("dicom.modality", first.modality());
        m.put("dicom.seriesDescription", first.seriesDescription());
        m.put("dicom.manufacturer", first.manufacturer());
        m.put("dicom.series", allSeries.stream().map(DicomSeriesSummary::toString).collect(Collectors.joining("; ")));
        m.put("dicom.files", Integer.toString(series.size()));
        if (first.sliceThicknessMm() != null) {
            m.put("dicom.sliceThickness", fmt(first.sliceThicknessMm()) + " mm");
        }
        m.put("dicom.photometricInterpretation", first.photometricInterpretation());
        Set<String> rescales = new LinkedHashSet<>();
        for (DicomHeader h : slices) {
            rescales.add("slope " + fmt(h.rescaleSlope()) + ", intercept " + fmt(h.rescaleIntercept()));
        }
        m.put("dicom.rescale", rescales.size() == 1 ? rescales.iterator().next() : "varies per slice (" + rescales.size() + " pairs)");
        m.put("source.dtype", sourceDtype(first));
        attributes(slices, m);
        padding(slices, m);
        return m;
    }

    /** The {@link DicomAttribute}s: from the first slice, or as the range over all slices for per-slice numbers. */
    private static void attributes(List<DicomHeader> slices, Map<String, String> m) {
        for (DicomAttribute a : DicomAttribute.values()) {
            if (!a.perSliceNumber()) {
                String v = slices.get(0).attribute(a);
                if (v != null) {
                    m.put(a.metadataKey(), v);
                }
                continue;
            }
            ValueRange range = null;
            for (DicomHeader h : slices) {
                Double d = number(h.attribute(a));
                if (d != null) {
                    range = range == null ? ValueRange.of(d) : range.span(ValueRange.of(d));
                }
            }
            if (range != null) {
                m.put(a.metadataKey(), range.toString());
            }
        }
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.split("\\\\")[0].strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * PixelPaddingValue and PixelPaddingRangeLimit as stored, and the padding in HU
     * ({@link MetadataKeys#PADDING_HU}): each slice's stored range rescaled with that slice's slope and
     * intercept, exactly as its voxels are.
     */
    private static void padding(List<DicomHeader> slices, Map<String, String> m) {
        List<String> perSlice = new java.util.ArrayList<>();
        DicomHeader declaring = null;
        for (DicomHeader h : slices) {
            if (h.pixelPaddingValue() == null) {
                perSlice.add("-");
                continue;
            }
            declaring = declaring == null ? h : declaring;
            int a = h.pixelPaddingValue();
            int b = h.pixelPaddingRangeLimit() == null ? a : h.pixelPaddingRangeLimit();
            // the same arithmetic as the voxels: stored * slope + intercept in double
            double ha = a * h.rescaleSlope() + h.rescaleIntercept();
            double hb = b * h.rescaleSlope() + h.rescaleIntercept();
            perSlice.add(ValueRange.between(ha, hb).toString());
        }
        if (declaring == null) {
            return;
        }
        m.put(MetadataKeys.DICOM_PIXEL_PADDING_VALUE, Integer.toString(declaring.pixelPaddingValue()));
        if (declaring.pixelPaddingRangeLimit() != null) {
            m.put(MetadataKeys.DICOM_PIXEL_PADDING_RANGE_LIMIT, Integer.toString(declaring.pixelPaddingRangeLimit()));
        }
        boolean same = perSlice.stream().distinct().count() == 1;
        m.put(MetadataKeys.PADDING_HU, same ? perSlice.get(0) : String.join(";", perSlice));
    }

    static String sourceDtype(DicomHeader h) {
        return (h.signed() ? "int" : "uint") + h.bitsAllocated();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
