package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calcify extract} and {@code calcify render} on the real 3-slice CT and its NRRD label map. */
class ExtractAndRenderCommandTest {
    private static final Path CT = PythonOracle.realData().resolve("dcmqi-ct-3slice");
    private static final Path LABELS = CT.resolve("heart_seg.nrrd");

    @Test
    void candidatesAreVoxelsAboveThresholdWithTheirLabels(@TempDir Path dir) {
        Path out = dir.resolve("ex");
        CliRunner r = CliRunner.run("extract", "--scan", CT.toString(), "--labels", LABELS.toString(), "--candidates",
                "--per-class", "15", "--seed", "3", "--output", out.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, glob, os, csv, gzip, numpy as np, pydicom
                ct_dir, nrrd, out = sys.argv[1:4]
                ds = sorted((pydicom.dcmread(f) for f in glob.glob(ct_dir + '/*.dcm')), key=lambda d: float(d.ImagePositionPatient[2]))
                hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds])
                raw = open(nrrd, 'rb').read(); head, data = raw.split(b'\\n\\n', 1)
                lab = np.frombuffer(gzip.decompress(data), '<i2').reshape(hu.shape)
                rows = list(csv.DictReader(open(out + '/index.csv')))
                ax = np.load(out + '/axial.npy', mmap_mode='r'); labels = np.load(out + '/labels.npy')
                counts = {}
                for r in rows:
                    z, y, x, i = int(r['z']), int(r['y']), int(r['x']), int(r['row'])
                    assert hu[z, y, x] >= 130, (z, y, x, hu[z, y, x])
                    assert labels[i] == lab[z, y, x] == int(r['label'])
                    counts[int(labels[i])] = counts.get(int(labels[i]), 0) + 1
                    wl = ((-150 < hu[z, y, x]) & (hu[z, y, x] <= 249)) * ((hu[z, y, x] - 49.5) / 399 + 0.5) * 255
                    want = 0 if hu[z, y, x] <= -150.5 else 255 if hu[z, y, x] > 249.5 else int(wl)
                    assert ax[i, 32, 32] == want, (ax[i, 32, 32], want)
                assert all(v <= 15 for v in counts.values()) and len(counts) >= 2, counts
                print('ok', sorted(counts.items()))
                """, CT.toString(), LABELS.toString(), out.toString());
        assertThat(verdict).startsWith("ok");
        assertThat(out.resolve("components.csv")).isRegularFile();
    }

    @Test
    void slidingWindowCubesAndPictures(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid");
        CliRunner r = CliRunner.run("extract", "--scan", CT.toString(), "--stride", "2,128,128", "--mode", "cube", "--size", "3,17,17",
                "--output", grid.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // z: 0, 2; y and x: 0, 128, 256, 384, 511 -> 2 * 5 * 5
        assertThat(r.out()).contains("wrote 50 cube patches");
        String shape = PythonOracle.run("import sys, numpy as np; print(np.load(sys.argv[1], mmap_mode='r').shape)", grid.resolve("cube.npy").toString());
        assertThat(shape.trim()).isEqualTo("(50, 3, 17, 17)");

        Path png = dir.resolve("scan.png");
        r = CliRunner.run("render", "scan", CT.toString(), "--labels", LABELS.toString(), "--at", "1,300,260", "--out", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(img.getHeight());
        r = CliRunner.run("render", "patch", grid.toString(), "--row", "7", "--out", dir.resolve("p.png").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        r = CliRunner.run("render", "montage", grid.toString(), "--rows", "0-9", "--out", dir.resolve("m.png").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("10 patches");
    }

    @Test
    void aCroppedPictureNamesTheScanVoxelsItWasAskedFor(@TempDir Path dir) throws IOException {
        // the views' titles ("axial z=1", "coronal y=300", "sagittal x=260") are the point in the scan, cropped or not
        Path full = dir.resolve("full.png");
        Path crop = dir.resolve("crop.png");
        assertThat(CliRunner.run("render", "scan", CT.toString(), "--at", "1,300,260", "--height", "300", "--out", full.toString())
                .exitCode()).isZero();
        assertThat(CliRunner.run("render", "scan", CT.toString(), "--at", "1,300,260", "--height", "300", "--crop-mm", "60",
                "--out", crop.toString()).exitCode()).isZero();
        BufferedImage a = ImageIO.read(full.toFile());
        BufferedImage b = ImageIO.read(crop.toFile());
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        int titleRows = 16; // the titles' strip above the views
        int differing = 0;
        for (int y = 0; y < titleRows; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                differing += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(differing).as("title pixels that differ between the full and the cropped picture").isZero();
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        Path other = PythonOracle.nibabelTestData().resolve("anatomical.nii");
        CliRunner r = CliRunner.run("extract", "--scan", CT.toString(), "--labels", other.toString(), "--candidates", "--output",
                dir.resolve("o").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("anatomical.nii").contains("label map");
        Path csv = dir.resolve("v.csv");
        Files.writeString(csv, "scan,z,y,x,label\n0,5,10,10,1\n");
        r = CliRunner.run("extract", "--scan", CT.toString(), "--voxels", csv.toString(), "--output", dir.resolve("o2").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("outside the scan");
        assertThat(dir.resolve("o2/index.csv")).doesNotExist();
        r = CliRunner.run("render", "scan", CT.toString(), "--at", "9,0,0", "--out", dir.resolve("x.png").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("x.png")).doesNotExist();
    }
}
