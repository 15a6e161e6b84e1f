package org.calcify.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.MetadataKeys;
import org.calcify.volume.Padding;
import org.calcify.volume.ValueRange;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Padding against pydicom computed now: the mask is {@code pixel_array == PixelPaddingValue} (or
 * between it and PixelPaddingRangeLimit), stacked in pydicom's sort along the slice normal; without
 * a padding attribute, a constant fill the voxels show; and never on noisy air. Reading never
 * changes voxels; {@link Padding#withAir()} equals {@code np.where(mask, -1024, hu)}.
 */
class DicomPaddingTest {
    static final Path REAL = PydicomOracle.TestFiles.REAL;

    @TempDir
    Path tmp;

    /** pydicom's padding: mask, air-filled HU, counts, HU range and the plausibility fractions. */
    record Oracle(byte[] mask, double[] air, double[] hu, Map<String, String> fields) {
        long count() {
            return Long.parseLong(fields.get("count"));
        }

        String field(String k) {
            return fields.get(k);
        }
    }

    private static final String SCRIPT = """
            import sys, os, warnings, numpy as np, pydicom
            warnings.simplefilter('ignore')
            out, folder, fill, light = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == 'light'
            dss = []
            for root, dirs, files in os.walk(folder):
                for n in files:
                    try:
                        dss.append(pydicom.dcmread(os.path.join(root, n)))
                    except Exception:
                        pass
            dss = [d for d in dss if 'PixelData' in d]
            iop = np.array([float(v) for v in dss[0].ImageOrientationPatient])
            normal = np.cross(iop[:3], iop[3:])
            dss.sort(key=lambda d: float(np.dot([float(v) for v in d.ImagePositionPatient], normal)))
            masks, air, hus, ends = [], [], [], []
            for d in dss:
                a = d.pixel_array
                s = float(d.get('RescaleSlope', 1) or 1); b = float(d.get('RescaleIntercept', 0) or 0)
                hu = a.astype(np.float64) * s + b
                ppv = d.get('PixelPaddingValue'); lim = d.get('PixelPaddingRangeLimit')
                if ppv is None:
                    m = hu == float(fill) if fill != 'none' else np.zeros(a.shape, bool)
                else:
                    lo, hi = sorted([int(ppv), int(ppv if lim is None else lim)])
                    m = (a >= lo) & (a <= hi)
                    ends += [lo * s + b, hi * s + b]
                    print('ppv', int(ppv))
                    if lim is not None: print('limit', int(lim))
                masks.append(m); hus.append(hu); air.append(np.where(m, -1024.0, hu))
            mask = np.stack(masks); hu = np.stack(hus); filled = np.stack(air)
            mask.astype(np.uint8).tofile(os.path.join(out, 'mask.raw'))
            if not light:
                filled.astype('<f8').tofile(os.path.join(out, 'air.raw'))
                hu.astype('<f8').tofile(os.path.join(out, 'hu.raw'))
            print('count', int(mask.sum()))
            if ends: print('hu_range', repr(min(ends)), repr(max(ends)))
            inside = lambda v: int(((v >= -1100) & (v <= 3100)).sum())
            print('in_range_before', inside(hu)); print('in_range_after', inside(filled)); print('voxels', hu.size)
            """;

    /** {@code fill}: the HU of a constant fill to use as mask where a slice has no padding attribute, or "none". */
    static Oracle oracle(Path folder, String fill) throws IOException {
        return oracle(folder, fill, false);
    }

    /** {@code light}: the mask and counts only (no voxel arrays: for large series). */
    static Oracle oracle(Path folder, String fill, boolean light) throws IOException {
        Path out = Files.createTempDirectory("padding-oracle");
        String stdout = PythonOracle.run(SCRIPT, out.toString(), folder.toString(), fill, light ? "light" : "full");
        Map<String, String> fields = new HashMap<>();
        for (String line : stdout.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                fields.putIfAbsent(line.substring(0, sp), line.substring(sp + 1));
            }
        }
        byte[] mask = Files.readAllBytes(out.resolve("mask.raw"));
        double[] air = light ? null : doubles(out.resolve("air.raw"));
        double[] hu = light ? null : doubles(out.resolve("hu.raw"));
        for (String f : new String[] {"mask.raw", "air.raw", "hu.raw"}) {
            Files.deleteIfExists(out.resolve(f));
        }
        Files.delete(out);
        return new Oracle(mask, air, hu, fields);
    }

    private static double[] doubles(Path raw) throws IOException {
        byte[] b = Files.readAllBytes(raw);
        double[] d = new double[b.length / 8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
        return d;
    }

    static void assertMaskEquals(Padding p, byte[] want, String what) {
        byte[] got = p.mask().bytes();
        assertThat(got.length).as(what + " mask size").isEqualTo(want.length);
        for (int i = 0; i < got.length; i++) {
            if (got[i] != want[i]) {
                throw new AssertionError(what + ": padding mask differs from pydicom's at voxel " + i
                        + " (calcify " + got[i] + ", pydicom " + want[i] + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcmqi-ct-3slice", "dcmqa-ct-ge-tilt"})
    void realGeSeriesPaddingIsPixelPaddingValueAsPydicomSeesIt(String name) throws Exception {
        Path dir = REAL.resolve(name);
        Volume v = VolumeIO.read(dir);
        Oracle want = oracle(dir, "none");
        VolumeAssert.assertVoxelsEqual(v, want.hu(), name + ": reading leaves the padding voxels as they are");

        Padding p = Padding.of(v);
        assertThat(p.source()).isEqualTo(Padding.Source.PIXEL_PADDING_VALUE);
        assertThat(p.voxelCount()).as(name + " count").isEqualTo(want.count()).isPositive();
        assertMaskEquals(p, want.mask(), name);
        String[] range = want.field("hu_range").split(" ");
        assertThat(p.hu()).contains(new ValueRange(Double.parseDouble(range[0]), Double.parseDouble(range[1])));
        assertThat(v.metadata()).containsEntry(MetadataKeys.DICOM_PIXEL_PADDING_VALUE, want.field("ppv"))
                .doesNotContainKey(MetadataKeys.DICOM_PIXEL_PADDING_RANGE_LIMIT);
        assertThat(p.fraction()).isEqualTo((double) want.count() / v.geometry().voxelCount());

        Volume air = p.withAir();
        VolumeAssert.assertVoxelsEqual(air, want.air(), name + " with padding as air");
        VolumeAssert.assertVoxelsEqual(v, want.hu(), name + ": withAir leaves the read volume alone");
        assertThat(air.metadata()).containsEntry(MetadataKeys.PADDING_REPLACED_WITH_AIR, want.field("count"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcmqi-ct-3slice", "dcmqa-ct-ge-tilt"})
    void airReplacementMakesAPaddedRealScanPassTheHuPlausibilityRule(String name) throws Exception {
        Path dir = REAL.resolve(name);
        Volume v = VolumeIO.read(dir);
        Oracle want = oracle(dir, "none");
        long voxels = Long.parseLong(want.field("voxels"));
        // the rule: at least 95% of the voxels in -1100..3100 HU
        assertThat(inRange(v)).as("as read, " + name + " fails").isEqualTo(Long.parseLong(want.field("in_range_before")))
                .isLessThan((long) (0.95 * voxels));
        Padding p = Padding.of(v);
        assertThat(inRange(p.withAir())).as("with padding as air, " + name + " passes")
                .isEqualTo(Long.parseLong(want.field("in_range_after"))).isGreaterThanOrEqualTo((long) Math.ceil(0.95 * voxels));
        // and so do its non-padding voxels alone
        long nonPadding = 0;
        long nonPaddingInRange = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            if (!p.isPadding(i)) {
                nonPadding++;
                nonPaddingInRange += v.valueAt(i) >= -1100 && v.valueAt(i) <= 3100 ? 1 : 0;
            }
        }
        assertThat(nonPadding).isEqualTo(voxels - want.count());
        assertThat(nonPaddingInRange).isGreaterThanOrEqualTo((long) Math.ceil(0.95 * nonPadding));
    }

    private static long inRange(Volume v) {
        long n = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            double x = v.valueAt(i);
            if (x >= -1100 && x <= 3100) {
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcmqi-ct-3slice", "dcmqa-ct-ge-tilt"})
    void withoutTheHeaderTheSameFillIsFoundInTheVoxels(String name) throws Exception {
        // NIfTI keeps no PixelPaddingValue: the fill must be found in the voxels, and be the same voxels
        Path dir = REAL.resolve(name);
        Path nifti = tmp.resolve(name + ".nii.gz");
        VolumeIO.write(VolumeIO.read(dir), nifti);
        Volume v = VolumeIO.read(nifti);
        assertThat(v.metadata()).doesNotContainKey(MetadataKeys.PADDING_HU);
        Oracle want = oracle(dir, "none");
        Padding p = Padding.of(v);
        assertThat(p.source()).isEqualTo(Padding.Source.CONSTANT_FILL);
        String[] range = want.field("hu_range").split(" ");
        assertThat(p.hu()).contains(ValueRange.of(Double.parseDouble(range[0])));
        assertThat(p.voxelCount()).isEqualTo(want.count());
        assertMaskEquals(p, want.mask(), name + " as NIfTI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"canon", "range", "unsigned"})
    void paddingAttributesOfEveryKindGiveThePydicomMask(String kind) throws Exception {
        Path dir = SyntheticCtSeries.write(kind, tmp.resolve(kind));
        Volume v = VolumeIO.read(dir);
        Oracle want = oracle(dir, "none");
        VolumeAssert.assertVoxelsEqual(v, want.hu(), kind + " as read");
        Padding p = Padding.of(v);
        assertThat(p.source()).isEqualTo(kind.equals("range") ? Padding.Source.PIXEL_PADDING_RANGE : Padding.Source.PIXEL_PADDING_VALUE);
        assertThat(p.voxelCount()).isEqualTo(want.count()).isPositive();
        assertMaskEquals(p, want.mask(), kind);
        String[] range = want.field("hu_range").split(" ");
        assertThat(p.hu()).contains(new ValueRange(Double.parseDouble(range[0]), Double.parseDouble(range[1])));
        assertThat(v.metadata()).containsEntry(MetadataKeys.DICOM_PIXEL_PADDING_VALUE, want.field("ppv"));
        if (want.field("limit") != null) {
            assertThat(v.metadata()).containsEntry(MetadataKeys.DICOM_PIXEL_PADDING_RANGE_LIMIT, want.field("limit"));
        }
        VolumeAssert.assertVoxelsEqual(p.withAir(), want.air(), kind + " with padding as air");
    }

    @Test
    void aConstantFillWithoutAttributeIsFoundAndNoisyAirIsNot() throws Exception {
        Path fill = SyntheticCtSeries.write("fill", tmp.resolve("fill"));
        Volume v = VolumeIO.read(fill);
        assertThat(v.metadata()).doesNotContainKeys(MetadataKeys.PADDING_HU, MetadataKeys.DICOM_PIXEL_PADDING_VALUE);
        Oracle want = oracle(fill, "-2048");
        Padding p = Padding.of(v);
        assertThat(p.source()).isEqualTo(Padding.Source.CONSTANT_FILL);
        assertThat(p.hu()).contains(ValueRange.of(-2048));
        assertThat(p.voxelCount()).isEqualTo(want.count()).isPositive();
        assertMaskEquals(p, want.mask(), "constant fill");
        VolumeAssert.assertVoxelsEqual(p.withAir(), want.air(), "constant fill as air");

        Path air = SyntheticCtSeries.write("air", tmp.resolve("air"));
        Volume plain = VolumeIO.read(air);
        Oracle none = oracle(air, "none");
        // the oracle agrees that air was clipped at -1024 in places: -1024 occurs, yet is no padding
        assertThat(java.util.Arrays.stream(none.hu()).filter(x -> x == -1024).count()).isPositive();
        Padding nothing = Padding.of(plain);
        assertThat(nothing.source()).isEqualTo(Padding.Source.NONE);
        assertThat(nothing.isPresent()).isFalse();
        assertThat(nothing.hu()).isEmpty();
        assertThat(nothing.withAir()).isSameAs(plain);
        assertThat(nothing.mask().bytes()).containsOnly((byte) 0);
    }

    @Test
    void realClippedAirFillIsOnlyTheFarCornersNotTheAirAroundThePatient() throws Exception {
        // Philips: no padding attribute, air clipped at -1024 around the patient, an exact -1024 fill
        // in the far corners. The fill is -1024, all its voxels are -1024 for pydicom, and it is far
        // from being every -1024 voxel (clipped air and lungs are not padding).
        Path dir = REAL.resolve("tcia-lungdx-a0001-chest/dicom");
        Volume v = VolumeIO.read(dir);
        Oracle want = oracle(dir, "-1024", true);
        Padding p = Padding.of(v);
        assertThat(p.source()).isEqualTo(Padding.Source.CONSTANT_FILL);
        assertThat(p.hu()).contains(ValueRange.of(-1024));
        byte[] everyMinus1024 = want.mask();
        byte[] mask = p.mask().bytes();
        int pixels = v.sizeX() * v.sizeY();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1 && everyMinus1024[i] != 1) {
                throw new AssertionError("voxel " + i + " is padding but pydicom says it is not -1024");
            }
        }
        for (int z = 0; z < v.sizeZ(); z++) {
            int base = z * pixels;
            assertThat(p.isPadding(base) && p.isPadding(base + v.sizeX() - 1) && p.isPadding(base + pixels - 1))
                    .as("corners of slice " + z).isTrue();
        }
        assertThat(p.voxelCount()).isPositive().isLessThan(want.count() / 4);
        VolumeAssert.assertSameVoxels(p.withAir(), v, "setting -1024 to -1024 changes nothing");
    }
}
