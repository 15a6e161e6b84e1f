package org.calcify.phantom;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the phantom generator may vary, as ranges each case draws from. Built with {@link #builder()};
 * {@link Builder#build()} checks every range and throws {@link IllegalArgumentException} naming the
 * option. Defaults give the full realistic spread:
 *
 * <ul>
 *   <li>{@code sizeXy} 512: in-plane matrix; the pixel size drawn in {@code pixelMm} (0.4-0.98 mm) is
 *       scaled by 512 / sizeXy so that smaller matrices keep the field of view;</li>
 *   <li>{@code sliceThicknessMm} 0.5-5 mm (slices contiguous: spacing = thickness), common values
 *       preferred (0.5, 0.625, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 5);</li>
 *   <li>{@code coverageMm} 80-300 mm: the scan covers the whole heart plus margins, clamped to this
 *       range; the slice count follows coverage / thickness unless {@code slices} limits it;</li>
 *   <li>{@code slices}: none by default; with limits A-B the thickness is drawn where coverage / thickness
 *       falls in A-B (the whole heart still covered when the thickness range allows, else the count is
 *       clamped and the scan covers part of the heart, centred on it);</li>
 *   <li>{@code noiseHu} 10-50 HU: standard deviation of the added noise, higher in larger patients and with
 *       sharper kernels;</li>
 *   <li>{@code kernels} smooth, standard, sharp; {@code kvp} 80-140 (80, 100, 120 or 140 when in range);</li>
 *   <li>{@code contrast} off: native blood (about 40 HU) instead of contrast-filled;</li>
 *   <li>{@code subsampleMm} 0.75 mm: spacing of the planes averaged within a slice for z partial volume of
 *       the tissue (plaques are always integrated at 0.1 mm or finer);</li>
 *   <li>{@code noiseFree} off: with it on, every parameter is drawn as usual (the noise SD too, and
 *       recorded) but no noise is added, for figures and tests;</li>
 *   <li>{@code labelMinCalciumHu} {@value #DEFAULT_LABEL_MIN_CALCIUM_HU} HU: a voxel at or above the calcium
 *       threshold carries a plaque's label only where the plaques themselves add at least this much to it (after
 *       partial volume and the kernel's blur, before noise). 0 labels the plaque's whole support (its 3 sigma
 *       ellipsoid widened by the blur), as the generators did until 2026-12-05: under 40-50 HU of noise that shell,
 *       where a plaque adds a few HU, holds many voxels that noise alone lifts over 130 HU, each a "lesion" of the
 *       truth that no reader could tell from noise.</li>
 * </ul>
 */
public final class PhantomOptions {
    /** The full realistic spread at 512 x 512. */
    public static final PhantomOptions DEFAULT = builder().build();

    /**
     * The default {@link #labelMinCalciumHu()}: 30 HU, a third of the rise that takes native blood (about 40 HU) to
     * the 130 HU calcium threshold. Below it the noise, not the calcium, does most of the lifting. Fixed before it was
     * measured against any detection; docs/phantom.md shows what it changes.
     */
    public static final double DEFAULT_LABEL_MIN_CALCIUM_HU = 30;

    private final int sizeXy;
    private final int minSlices;
    private final int maxSlices;
    private final Range sliceThicknessMm;
    private final Range pixelMm;
    private final Range noiseHu;
    private final Range kvp;
    private final Range coverageMm;
    private final Set<Kernel> kernels;
    private final boolean contrast;
    private final double subsampleMm;
    private final boolean noiseFree;
    private final double labelMinCalciumHu;

    private PhantomOptions(Builder b) {
        sizeXy = b.sizeXy;
        minSlices = b.minSlices;
        maxSlices = b.maxSlices;
        sliceThicknessMm = b.sliceThicknessMm;
        pixelMm = b.pixelMm;
        noiseHu = b.noiseHu;
        kvp = b.kvp;
        coverageMm = b.coverageMm;
        kernels = EnumSet.copyOf(b.kernels);
        contrast = b.contrast;
        subsampleMm = b.subsampleMm;
        noiseFree = b.noiseFree;
        labelMinCalciumHu = b.labelMinCalciumHu;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sizeXy = sizeXy;
        b.minSlices = minSlices;
        b.maxSlices = maxSlices;
        b.sliceThicknessMm = sliceThicknessMm;
        b.pixelMm = pixelMm;
        b.noiseHu = noiseHu;
        b.kvp = kvp;
        b.coverageMm = coverageMm;
        b.kernels = EnumSet.copyOf(kernels);
        b.contrast = contrast;
        b.subsampleMm = subsampleMm;
        b.noiseFree = noiseFree;
        b.labelMinCalciumHu = labelMinCalciumHu;
        return b;
    }

    public int sizeXy() {
        return sizeXy;
    }

    /** Whether {@link #minSlices()}-{@link #maxSlices()} limit the slice count. */
    public boolean limitsSlices() {
        return minSlices > 0;
    }

    /** Fewest slices of a case (0: no limit). */
    public int minSlices() {
        return minSlices;
    }

    /** Most slices of a case (0: no limit). */
    public int maxSlices() {
        return maxSlices;
    }

    public Range sliceThicknessMm() {
        return sliceThicknessMm;
    }

    /** Pixel size range at a 512 matrix (scaled by 512 / sizeXy). */
    public Range pixelMm() {
        return pixelMm;
    }

    public Range noiseHu() {
        return noiseHu;
    }

    public Range kvp() {
        return kvp;
    }

    public Range coverageMm() {
        return coverageMm;
    }

    public Set<Kernel> kernels() {
        return EnumSet.copyOf(kernels);
    }

    public boolean contrast() {
        return contrast;
    }

    public double subsampleMm() {
        return subsampleMm;
    }

    public boolean noiseFree() {
        return noiseFree;
    }

    /** HU the plaques must add to a voxel for it to carry their label (0: anywhere in their support). */
    public double labelMinCalciumHu() {
        return labelMinCalciumHu;
    }

    @Override
    public String toString() {
        return "PhantomOptions[size " + sizeXy + (limitsSlices() ? ", slices " + minSlices + "-" + maxSlices : "")
                + ", slice " + sliceThicknessMm + " mm, pixel " + pixelMm + " mm, noise " + noiseHu + " HU, kVp " + kvp
                + ", kernels " + kernels + ", coverage " + coverageMm + " mm" + (contrast ? ", contrast" : "")
                + (noiseFree ? ", noise-free" : "") + ", labels where calcium adds >= " + labelMinCalciumHu + " HU]";
    }

    /** Settings; see {@link PhantomOptions} for the defaults. */
    public static final class Builder {
        private int sizeXy = 512;
        private int minSlices;
        private int maxSlices;
        private Range sliceThicknessMm = Range.of(0.5, 5);
        private Range pixelMm = Range.of(0.4, 0.98);
        private Range noiseHu = Range.of(10, 50);
        private Range kvp = Range.of(80, 140);
        private Range coverageMm = Range.of(80, 300);
        private Set<Kernel> kernels = EnumSet.allOf(Kernel.class);
        private boolean contrast;
        private double subsampleMm = 0.75;
        private boolean noiseFree;
        private double labelMinCalciumHu = DEFAULT_LABEL_MIN_CALCIUM_HU;

        private Builder() {
        }

        /** In-plane matrix size (rows = columns), 32-2048. */
        public Builder sizeXy(int n) {
            this.sizeXy = n;
            return this;
        }

        /** Limits the slice count to {@code min}-{@code max} (4 <= min <= max <= 2000). */
        public Builder slices(int min, int max) {
            this.minSlices = min;
            this.maxSlices = max;
            return this;
        }

        /** No limit on the slice count: it follows coverage / thickness. */
        public Builder anySlices() {
            this.minSlices = 0;
            this.maxSlices = 0;
            return this;
        }

        /** Slice thickness (= spacing), mm, within 0.1-10. */
        public Builder sliceThicknessMm(Range mm) {
            this.sliceThicknessMm = mm;
            return this;
        }

        /** Pixel size at a 512 matrix, mm, within 0.1-2. */
        public Builder pixelMm(Range mm) {
            this.pixelMm = mm;
            return this;
        }

        /** Noise standard deviation, HU, within 0-200. */
        public Builder noiseHu(Range hu) {
            this.noiseHu = hu;
            return this;
        }

        /** Tube voltage, kVp, within 70-150. */
        public Builder kvp(Range kv) {
            this.kvp = kv;
            return this;
        }

        /** z coverage, mm, within 10-600. */
        public Builder coverageMm(Range mm) {
            this.coverageMm = mm;
            return this;
        }

        /** Reconstruction kernels to draw from (at least one). */
        public Builder kernels(Kernel... k) {
            this.kernels = k.length == 0 ? EnumSet.noneOf(Kernel.class) : EnumSet.of(k[0], k);
            return this;
        }

        /** Contrast-filled blood pool (about 350 HU at 120 kVp) instead of native blood. */
        public Builder contrast(boolean on) {
            this.contrast = on;
            return this;
        }

        /** Spacing of the planes averaged within a slice (z partial volume of tissue), mm, in (0.05, 5]. */
        public Builder optSubsampleMm(double mm) {
            this.subsampleMm = mm;
            return this;
        }

        /** Draw everything as usual but add no noise (the drawn SD is still recorded). */
        public Builder optNoiseFree(boolean on) {
            this.noiseFree = on;
            return this;
        }

        /**
         * HU the plaques must add to a voxel (after partial volume and blur, before noise) for it to carry their
         * label, 0-1000; 0 labels their whole support, as the generators did until 2026-12-05.
         */
        public Builder optLabelMinCalciumHu(double hu) {
            this.labelMinCalciumHu = hu;
            return this;
        }

        public PhantomOptions build() {
            if (sizeXy < 32 || sizeXy > 2048) {
                throw new IllegalArgumentException("size must be in 32-2048, got " + sizeXy);
            }
            if ((minSlices != 0 || maxSlices != 0) && (minSlices < 4 || maxSlices < minSlices || maxSlices > 2000)) {
                throw new IllegalArgumentException("slices must be A-B with 4 <= A <= B <= 2000, got " + minSlices + "-" + maxSlices);
            }
            require(sliceThicknessMm, "slice thickness (mm)").within(0.1, 10, "slice thickness (mm)");
            require(pixelMm, "pixel size (mm)").within(0.1, 2, "pixel size (mm)");
            require(noiseHu, "noise (HU)").within(0, 200, "noise (HU)");
            require(kvp, "kVp").within(70, 150, "kVp");
            require(coverageMm, "coverage (mm)").within(10, 600, "coverage (mm)");
            if (kernels == null || kernels.isEmpty()) {
                throw new IllegalArgumentException("at least one reconstruction kernel is needed");
            }
            if (!(subsampleMm > 0.05 && subsampleMm <= 5)) {
                throw new IllegalArgumentException("sub-sample spacing must be in (0.05, 5] mm, got " + subsampleMm);
            }
            if (!(labelMinCalciumHu >= 0 && labelMinCalciumHu <= 1000)) {
                throw new IllegalArgumentException("the calcium a labelled voxel needs must be in 0-1000 HU, got " + labelMinCalciumHu);
            }
            return new PhantomOptions(this);
        }

        private static Range require(Range r, String what) {
            if (r == null) {
                throw new IllegalArgumentException(what + " range is missing");
            }
            return r;
        }
    }
}
