package org.calcify.io.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.calcify.io.VolumeIO;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomOptions;
import org.calcify.testing.DicomTools;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CT image series writer on a 96 x 96 x 12 phantom placed head first (the phantom's own grid), feet
 * first, oblique and left-handed (z against row x column), with the int16 extremes in a corner. Checked
 * by dciodvfy (no errors on the first, a middle and the last slice), pydicom (pixels x slope + intercept
 * are our values exactly; positions, orientation and PixelSpacing's row\column order), dcm2niix + nibabel
 * (every voxel of its NIfTI holds our value at the same world position) and Calcify's own reader.
 */
class CtImageSeriesTest {
    @TempDir
    static Path tmp;

    private static Volume phantom;

    @BeforeAll
    static void makePhantom() {
        Volume ct = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(96).slices(12, 12).build(), 3).ct();
        short[] v = ct.shorts().clone();
        v[0] = Short.MIN_VALUE;
        v[1] = Short.MAX_VALUE;
        v[v.length - 1] = -1;
        phantom = Volume.ofShorts(ct.geometry(), v);
    }

    record Case(String name, Geometry geometry, boolean rightHanded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Geometry g = CardiacPhantom.generate(PhantomOptions.builder().sizeXy(96).slices(12, 12).build(), 3).ct().geometry();
        double a = Math.toRadians(20);
        double b = Math.toRadians(15);
        double[] row = {Math.cos(a), Math.sin(a), 0};
        double[] col = {-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b)};
        double[] n = {row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]};
        return Stream.of(
                new Case("headfirst", g, true),
                new Case("feetfirst", g.withDirection(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, -1})
                        .withSpacing(new double[] {0.7, 0.9, 2.5}).withOrigin(new double[] {30.25, -25.5, -40}), true),
                new Case("oblique", g.withDirection(new double[] {row[0], col[0], n[0], row[1], col[1], n[1], row[2], col[2], n[2]})
                        .withSpacing(new double[] {0.8, 0.65, 3}).withOrigin(new double[] {-12.3, -8.1, 20.7}), true),
                new Case("lefthanded", g.withDirection(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1})
                        .withOrigin(new double[] {-40, -60, 100}), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void seriesReadsBackTheSameValuesAtTheSamePlaces(Case c) throws Exception {
        Volume v = phantom.withGeometry(c.geometry());
        Geometry g = v.geometry();
        Path folder = tmp.resolve(c.name());
        List<Path> files = CtImageSeries.write(v, folder, CtImageSeries.Identity.newStudy("test " + c.name(), 120.0, "test"));
        assertThat(files).hasSize(g.sizeZ());

        for (int z : new int[] {0, g.sizeZ() / 2, g.sizeZ() - 1}) {
            DicomTools.Result check = DicomTools.dciodvfy(files.get(z));
            assertThat(check.errors()).as(check.output()).isEmpty();
        }

        Path raw = tmp.resolve(c.name() + ".raw");
        ByteBuffer bytes = ByteBuffer.allocate(2 * g.voxelCount()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(v.shorts());
        Files.write(raw, bytes.array());
        double[] aff = g.affineLps();
        StringBuilder affine = new StringBuilder();
        for (double d : aff) {
            affine.append(affine.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", d));
        }
        String shape = g.sizeZ() + "," + g.sizeY() + "," + g.sizeX();

        // pydicom: exact HU, per-slice positions, orientation, PixelSpacing as (row, column) spacing
        String pyd = PythonOracle.run("""
import sys, glob, os, numpy as np, pydicom
shape = tuple(int(s) for s in sys.argv[3].split(','))
ours = np.fromfile(sys.argv[2], '<i2').reshape(shape)
aff = np.array([float(s) for s in sys.argv[4].split(',')]).reshape(4, 4)
ds = sorted((pydicom.dcmread(f) for f in glob.glob(os.path.join(sys.argv[1], '*.dcm'))), key=lambda d: int(d.InstanceNumber))
assert len(ds) == shape[0]
uids = set()
for z, d in enumerate(ds):
    assert d.SOPClassUID == '1.2.840.10008.5.1.4.1.1.2' and d.file_meta.TransferSyntaxUID == '1.2.840.10008.1.2.1'
    assert d.Modality == 'CT' and list(d.ImageType) == ['ORIGINAL', 'PRIMARY', 'AXIAL'] and float(d.KVP) == 120
    assert d.BitsAllocated == 16 and d.BitsStored == 16 and d.PixelRepresentation == 1 and d.RescaleType == 'HU'
    hu = d.pixel_array.astype(np.float64) * float(d.RescaleSlope) + float(d.RescaleIntercept)
    assert np.array_equal(hu, ours[z].astype(np.float64)), z
    assert np.allclose(np.array(d.ImagePositionPatient, float), aff[:3, :3] @ [0, 0, z] + aff[:3, 3], atol=1e-6), z
    sx, sy, sz = (np.linalg.norm(aff[:3, i]) for i in range(3))
    assert np.allclose(np.array(d.ImageOrientationPatient, float), np.concatenate([aff[:3, 0] / sx, aff[:3, 1] / sy]), atol=1e-9)
    assert np.allclose(np.array(d.PixelSpacing, float), [sy, sx], atol=1e-9) and abs(float(d.SliceThickness) - sz) < 1e-9
    assert d.Rows == shape[1] and d.Columns == shape[2]
    uids.add(d.SOPInstanceUID)
assert len(uids) == shape[0] and len({d.SeriesInstanceUID for d in ds}) == 1 and len({d.FrameOfReferenceUID for d in ds}) == 1
print('ok')
""", folder.toString(), raw.toString(), shape, affine.toString());
        assertThat(pyd.strip()).isEqualTo("ok");

        // dcm2niix + nibabel: every voxel of its grid holds our value at the same world position
        Path nii = tmp.resolve(c.name() + "-nii");
        Files.createDirectories(nii);
        DicomTools.Result conv = DicomTools.run("dcm2niix", "-z", "n", "-b", "n", "-f", "ct", "-o", nii.toString(), folder.toString());
        assertThat(conv.exitCode()).as(conv.output()).isZero();
        String nib = PythonOracle.run("""
import sys, numpy as np, nibabel as nib
shape = tuple(int(s) for s in sys.argv[3].split(','))
ours = np.fromfile(sys.argv[2], '<i2').reshape(shape)
aff = np.array([float(s) for s in sys.argv[4].split(',')]).reshape(4, 4)
img = nib.load(sys.argv[1]); data = np.asanyarray(img.dataobj)
assert data.shape == (shape[2], shape[1], shape[0]), data.shape
ijk = np.indices(data.shape).reshape(3, -1)
ras = img.affine @ np.vstack([ijk, np.ones(ijk.shape[1])])
lps = ras.copy(); lps[0] *= -1; lps[1] *= -1
xyz = (np.linalg.inv(aff) @ lps)[:3]
r = np.rint(xyz)
assert np.abs(xyz - r).max() < 1e-3, np.abs(xyz - r).max()
x, y, z = r.astype(int)
assert np.array_equal(data.reshape(-1), ours[z, y, x]), 'values differ'
print('ok', data.shape)
""", nii.resolve("ct.nii").toString(), raw.toString(), shape, affine.toString());
        assertThat(nib.strip()).startsWith("ok");

        // Calcify's reader
        Volume back = VolumeIO.read(folder);
        if (c.rightHanded()) {
            assertThat(back.geometry().sameGrid(g, 1e-9)).as(back.geometry() + " vs " + g).isTrue();
            assertThat(back.shorts()).isEqualTo(v.shorts());
        } else {
            // slices come back sorted along row x column: the same voxels at the same places, z reversed
            Geometry flipped = Geometry.of(g.sizeX(), g.sizeY(), g.sizeZ(), g.spacingMm(), g.indexToWorld(0, 0, g.sizeZ() - 1),
                    new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
            assertThat(back.geometry().sameGrid(flipped, 1e-9)).as(back.geometry().toString()).isTrue();
            for (int z = 0; z < g.sizeZ(); z++) {
                for (int y = 0; y < g.sizeY(); y++) {
                    for (int x = 0; x < g.sizeX(); x++) {
                        assertThat(back.value(g.sizeZ() - 1 - z, y, x)).isEqualTo(v.value(z, y, x));
                    }
                }
            }
        }
    }

    @Test
    void headFirstPhantomReadsBackWithTheSameVoxelsAndGrid() throws Exception {
        Path folder = tmp.resolve("identical");
        CtImageSeries.write(phantom, folder, CtImageSeries.Identity.newStudy("identical", null, "test"));
        Volume back = VolumeIO.read(folder);
        // spacing and direction exactly; the origin to DS's 16 characters (here 1e-11 mm)
        assertThat(back.geometry().spacingMm()).isEqualTo(phantom.geometry().spacingMm());
        assertThat(back.geometry().direction()).isEqualTo(phantom.geometry().direction());
        assertThat(back.geometry().sameGrid(phantom.geometry(), 1e-9)).isTrue();
        assertThat(back.shorts()).isEqualTo(phantom.shorts());
    }

    @Test
    void refusesShearedGridsFractionalValuesAndFullFolders() throws Exception {
        Geometry g = phantom.geometry();
        Volume sheared = phantom.withGeometry(g.withDirection(new double[] {1, 0, 0.3, 0, 1, 0, 0, 0, 0.95}));
        assertThatThrownBy(() -> CtImageSeries.write(sheared, tmp.resolve("sheared"), CtImageSeries.Identity.newStudy("s", null, "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perpendicular");
        float[] f = new float[g.voxelCount()];
        f[5] = 0.5f;
        assertThatThrownBy(() -> CtImageSeries.write(Volume.ofFloats(g, f), tmp.resolve("float"), CtImageSeries.Identity.newStudy("f", null, "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
        Path full = tmp.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("x.txt"), "x");
        assertThatThrownBy(() -> CtImageSeries.write(phantom, full, CtImageSeries.Identity.newStudy("x", null, "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
    }
}
