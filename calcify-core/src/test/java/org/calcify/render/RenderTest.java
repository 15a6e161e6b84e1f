package org.calcify.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.TriplanarExtractor;
import org.calcify.patch.TriplanarPatch;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.calcify.window.WindowPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTest {

    private static TriplanarPatch markerPatch() {
        int nz = 30, ny = 80, nx = 80;
        byte[] vol = new byte[nz * ny * nx];
        vol[(15 * ny + 40) * nx + 40] = (byte) 255;
        return new TriplanarExtractor(PatchShape.THREAD).extract(PatchSource.of(vol, nz, ny, nx), 15, 40, 40);
    }

    @Test
    void patchFigureKeepsTheAspectRatioAndShowsTheCentre(@TempDir Path dir) throws IOException {
        TriplanarPatch p = markerPatch();
        // 2.5 mm slices, 0.625 mm pixels: the sagittal plane is 21*2.5 = 52.5 mm tall, 65*0.625 = 40.6 mm wide
        BufferedImage img = PatchFigure.render(p, new double[] {2.5, 0.625, 0.625}, 260, "test");
        Path png = dir.resolve("patch.png");
        PngOutput.write(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertThat(back.getWidth()).isEqualTo(img.getWidth());
        Plane[] planes = PatchFigure.planes(p, new double[] {2.5, 0.625, 0.625});
        double ppm = 260 / (65 * 0.625);
        int[] sag = PlaneRenderer.size(planes[1], ppm);
        assertThat((double) sag[1] / sag[0]).isCloseTo(52.5 / 40.625, org.assertj.core.data.Offset.offset(0.02));
        // the marker voxel is drawn white at the centre of the axial plane
        int axialCentreX = 12 + 130;
        int top = 18 + 18;
        int axialCentreY = top + 130;
        assertThat(back.getRGB(axialCentreX, axialCentreY) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(back.getRGB(axialCentreX + 20, axialCentreY + 20) & 0xFFFFFF).isEqualTo(0);
    }

    @Test
    void montageAndScanViews(@TempDir Path dir) throws IOException {
        BufferedImage m = Montage.render(List.of(markerPatch(), markerPatch(), markerPatch()), List.of("a", "b", "c"), 2, new double[] {1, 1, 1});
        assertThat(m.getWidth()).isGreaterThan(m.getHeight() / 2);
        int nz = 20, ny = 64, nx = 64;
        short[] hu = new short[nz * ny * nx];
        java.util.Arrays.fill(hu, (short) -1000);
        byte[] lab = new byte[hu.length];
        Geometry g = Geometry.of(nx, ny, nz, new double[] {0.7, 0.7, 3}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        hu[g.index(10, 32, 32)] = 500;
        lab[g.index(10, 32, 32)] = 2;
        BufferedImage v = ScanViews.render(Volume.ofShorts(g, hu), WindowPreset.MEDIASTINUM.window(), 10, 32, 32,
                Volume.ofBytes(g, lab), 200);
        // axial 64*0.7 mm wide, coronal 64*0.7 wide and 60 mm tall: total width about 3 views
        assertThat(v.getWidth()).isGreaterThan(3 * 200);
        PngOutput.write(v, dir.resolve("views.png"));
        assertThat(dir.resolve("views.png")).isRegularFile();
    }

    /**
     * A label off the plane shown appears in a projected view and not in a slice view; a second label
     * map is drawn in outline under the first; a cropped volume keeps its voxels' world positions.
     */
    @Test
    void projectedLabelsAndAnatomyOutlinesAndCrops() {
        int nz = 12, ny = 40, nx = 40;
        Geometry g = Geometry.of(nx, ny, nz, new double[] {0.8, 0.8, 2}, new double[] {-5, 7, 100}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[nz * ny * nx];
        byte[] lab = new byte[hu.length];
        byte[] anat = new byte[hu.length];
        lab[g.index(3, 10, 30)] = 2;
        for (int z = 0; z < nz; z++) {
            for (int y = 15; y < 25; y++) {
                for (int x = 15; x < 25; x++) {
                    anat[g.index(z, y, x)] = 5;
                }
            }
        }
        Volume ct = Volume.ofShorts(g, hu);
        Volume labels = Volume.ofBytes(g, lab);
        Volume anatomy = Volume.ofBytes(g, anat);
        BufferedImage slice = ScanViews.render(ct, WindowPreset.MEDIASTINUM.window(), 8, 20, 20, labels, LabelPalette.CALCIUM, anatomy,
                LabelPalette.ANATOMY, ScanViews.LabelView.SLICE, 160);
        BufferedImage projected = ScanViews.render(ct, WindowPreset.MEDIASTINUM.window(), 8, 20, 20, labels, LabelPalette.CALCIUM, anatomy,
                LabelPalette.ANATOMY, ScanViews.LabelView.PROJECTION, 160);
        int lad = LabelColors.blend(ctGrey(slice), LabelColors.rgb(2), 0.6);
        assertThat(count(slice, lad)).as("label off the planes, slice view").isZero();
        assertThat(count(projected, lad)).as("label off the planes, projected").isPositive();
        assertThat(count(slice, LabelPalette.ANATOMY.rgb(5))).as("heart region outline").isPositive();

        Volume crop = labels.crop(new int[] {2, 5, 25}, new int[] {4, 10, 100});
        assertThat(new int[] {crop.sizeZ(), crop.sizeY(), crop.sizeX()}).containsExactly(4, 10, 15);
        assertThat(crop.value(1, 5, 5)).isEqualTo(2.0);
        assertThat(crop.geometry().indexToWorld(5, 5, 1)).containsExactly(g.indexToWorld(30, 10, 3));
    }

    /** The grey of the views' background (HU 0 in the mediastinum window). */
    private static int ctGrey(BufferedImage img) {
        int v = WindowPreset.MEDIASTINUM.window().apply(0) & 0xFF;
        return (v << 16) | (v << 8) | v;
    }

    private static long count(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }
}
