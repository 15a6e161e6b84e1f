package org.calcify.volume;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The voxels of a CT volume that hold no measurement: the fill outside the reconstruction circle
 * (GE −3024 or −1500 HU, Canon −2048, Siemens and Philips −1024, ...). Reading never changes
 * voxels; {@code Padding.of(ct)} finds the padding afterwards, and {@link #withAir()} gives the copy
 * to analyse, with padding set to air ({@value #AIR_HU} HU).
 *
 * <p>Where it comes from, in this order:
 * <ol>
 *   <li>the header: DICOM PixelPaddingValue (0028,0120), with PixelPaddingRangeLimit (0028,0121) a
 *       range, carried by the reader in {@link MetadataKeys#PADDING_HU} (in HU, per slice when the
 *       rescale differs between slices). Every voxel whose value lies in the range is padding, inside
 *       the circle or not, as DICOM defines it (pydicom's {@code pixel_array == PixelPaddingValue});</li>
 *   <li>when no header says so, or the declared value matches no voxel: a constant fill found in the
 *       voxels, for any format (see {@link ConstantFill}: exactly one value in the slice corners and
 *       outer rings of most slices; noisy air never qualifies). Its voxels are those of that value
 *       in the filled outer rings, connected within their slice to the slice border;</li>
 *   <li>otherwise none (a header's padding that matches no voxel is still reported, with 0 voxels).</li>
 * </ol>
 *
 * <p>A {@code Padding} belongs to the volume it was found in (it keeps a reference, not a copy).
 * Meant for CT in HU; on a label map it finds the background.
 */
public final class Padding {
    /** Air in Hounsfield units, the value {@link #withAir()} writes. */
    public static final int AIR_HU = -1024;

    /** Where the padding was found. */
    public enum Source {
        /** DICOM PixelPaddingValue (0028,0120): one stored value. */
        PIXEL_PADDING_VALUE("PixelPaddingValue"),
        /** DICOM PixelPaddingValue to PixelPaddingRangeLimit (0028,0121), inclusive. */
        PIXEL_PADDING_RANGE("PixelPaddingValue..PixelPaddingRangeLimit"),
        /** No header said so; one value fills the outside of the reconstruction circle. */
        CONSTANT_FILL("constant fill outside the reconstruction circle"),
        /** No padding. */
        NONE("none");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** A short human description ("PixelPaddingValue", "constant fill outside ..."). */
        public String label() {
            return label;
        }

        /** The name used in JSON: lower case with underscores ("pixel_padding_value"). */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Volume volume;
    private final Source source;
    private final ValueRange hu;
    private final BitSet mask;
    private final long voxelCount;

    private Padding(Volume volume, Source source, ValueRange hu, BitSet mask, long voxelCount) {
        this.volume = volume;
        this.source = source;
        this.hu = hu;
        this.mask = mask;
        this.voxelCount = voxelCount;
    }

    /** Finds the padding of {@code ct} (header first, then a constant fill; see the class comment). */
    public static Padding of(Volume ct) {
        ValueRange[] declared = declaredBySlice(ct);
        Padding fromHeader = null;
        if (declared != null) {
            BitSet mask = new BitSet();
            long n = markDeclared(ct, declared, mask);
            ValueRange all = null;
            for (ValueRange r : declared) {
                if (r != null) {
                    all = all == null ? r : all.span(r);
                }
            }
            Source s = ct.metadata().containsKey(MetadataKeys.DICOM_PIXEL_PADDING_RANGE_LIMIT)
                    ? Source.PIXEL_PADDING_RANGE : Source.PIXEL_PADDING_VALUE;
            fromHeader = new Padding(ct, s, all, mask, n);
            if (n > 0) {
                return fromHeader;
            }
        }
        Optional<ConstantFill.Fill> fill = ConstantFill.find(ct);
        if (fill.isPresent()) {
            BitSet mask = new BitSet();
            long n = ConstantFill.mark(ct, fill.get(), mask);
            return new Padding(ct, Source.CONSTANT_FILL, ValueRange.of(fill.get().value()), mask, n);
        }
        return fromHeader != null ? fromHeader : new Padding(ct, Source.NONE, null, new BitSet(), 0);
    }

    /** The declared padding range of each slice (null entries: none), or null when the metadata declares none. */
    private static ValueRange[] declaredBySlice(Volume v) {
        String text = v.metadata().get(MetadataKeys.PADDING_HU);
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split(";");
        ValueRange[] out = new ValueRange[v.sizeZ()];
        try {
            if (parts.length == 1) {
                java.util.Arrays.fill(out, ValueRange.parse(parts[0]));
                return out;
            }
            ValueRange[] each = new ValueRange[parts.length];
            ValueRange all = null;
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                each[i] = p.equals("-") ? null : ValueRange.parse(p);
                if (each[i] != null) {
                    all = all == null ? each[i] : all.span(each[i]);
                }
            }
            if (each.length == out.length) {
                return each;
            }
            // the volume was resliced after reading: the slices no longer match, use their union
            java.util.Arrays.fill(out, all);
            return all == null ? null : out;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metadata " + MetadataKeys.PADDING_HU + " = '" + text + "': " + e.getMessage(), e);
        }
    }

    private static long markDeclared(Volume v, ValueRange[] bySlice, BitSet mask) {
        int pixels = v.sizeX() * v.sizeY();
        boolean float32 = v.type() == DataType.FLOAT32;
        long n = 0;
        for (int z = 0; z < v.sizeZ(); z++) {
            ValueRange r = bySlice[z];
            if (r == null) {
                continue;
            }
            // float voxels were rounded to float by the reader: compare at that precision
            double lo = float32 ? (float) r.min() : r.min();
            double hi = float32 ? (float) r.max() : r.max();
            int base = z * pixels;
            for (int i = base; i < base + pixels; i++) {
                double x = v.valueAt(i);
                if (x >= lo && x <= hi) {
                    mask.set(i);
                    n++;
                }
            }
        }
        return n;
    }

    public Source source() {
        return source;
    }

    /** The padding values in HU; empty for {@link Source#NONE}. */
    public Optional<ValueRange> hu() {
        return Optional.ofNullable(hu);
    }

    /** Number of padding voxels. */
    public long voxelCount() {
        return voxelCount;
    }

    /** Padding voxels as a fraction of all voxels (0..1). */
    public double fraction() {
        return (double) voxelCount / volume.geometry().voxelCount();
    }

    /** True when some voxel is padding. */
    public boolean isPresent() {
        return voxelCount > 0;
    }

    /** True if the voxel at flat index {@code index} ((z * sizeY + y) * sizeX + x) is padding. */
    public boolean isPadding(int index) {
        return mask.get(index);
    }

    /** The padding as a label map on the volume's grid: 1 for padding, 0 elsewhere (UINT8). */
    public Volume mask() {
        byte[] out = new byte[volume.geometry().voxelCount()];
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            out[i] = 1;
        }
        return Volume.ofBytes(volume.geometry(), out);
    }

    /**
     * A copy of the volume with every padding voxel set to air ({@value #AIR_HU} HU), for analysis;
     * metadata and warnings kept, {@link MetadataKeys#PADDING_REPLACED_WITH_AIR} added. Returns the
     * volume itself when nothing is padded. Throws {@link IllegalStateException} for a UINT8 volume
     * (it cannot hold −1024: not CT in HU).
     */
    public Volume withAir() {
        if (voxelCount == 0) {
            return volume;
        }
        Object copy = switch (volume.type()) {
            case UINT8 -> throw new IllegalStateException("a uint8 volume is not CT in HU: cannot set padding to " + AIR_HU);
            case INT16 -> volume.shorts().clone();
            case INT32 -> volume.ints().clone();
            case INT64 -> volume.longs().clone();
            case FLOAT32 -> volume.floats().clone();
            case FLOAT64 -> volume.doubles().clone();
        };
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            switch (volume.type()) {
                case INT16 -> ((short[]) copy)[i] = AIR_HU;
                case INT32 -> ((int[]) copy)[i] = AIR_HU;
                case INT64 -> ((long[]) copy)[i] = AIR_HU;
                case FLOAT32 -> ((float[]) copy)[i] = AIR_HU;
                case FLOAT64 -> ((double[]) copy)[i] = AIR_HU;
                default -> throw new AssertionError(volume.type());
            }
        }
        return Volume.of(volume.geometry(), volume.type(), copy).withMetadata(volume.metadata())
                .withMetadata(MetadataKeys.PADDING_REPLACED_WITH_AIR, Long.toString(voxelCount))
                .withWarnings(volume.warnings());
    }

    /** For reports: source, HU, voxels and fraction ({@code "pixel_padding_value"}, {@code "-3024"}, ...). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.jsonName());
        if (hu != null) {
            m.put("hu", hu.toString());
        }
        m.put("voxels", voxelCount);
        m.put("fraction", Math.round(fraction() * 1e6) / 1e6);
        return m;
    }

    /** One line: {@code "PixelPaddingValue -3024 HU: 786432 voxels (21.28%)"} or {@code "none"}. */
    public String describe() {
        if (source == Source.NONE) {
            return "none";
        }
        return String.format(Locale.ROOT, "%s %s HU: %d voxels (%.2f%%)", source.label(), hu, voxelCount, 100 * fraction());
    }

    @Override
    public String toString() {
        return "Padding[" + describe() + "]";
    }
}
