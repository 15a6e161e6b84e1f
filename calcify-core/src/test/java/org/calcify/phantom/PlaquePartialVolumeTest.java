package org.calcify.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.calcify.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plaque's partial volume along z: the values {@link PlaqueStamp} adds to a slice equal the plaque's
 * Gaussian averaged over the slice thickness, as NumPy integrates it on a fine grid (4,000 points per
 * slab), for thin and thick slices, centred on the plaque and off it; and they differ from sampling one
 * plane per slice (which is what the test guards against).
 */
class PlaquePartialVolumeTest {
    @TempDir
    Path dir;

    /**
     * argv: a file of lines "u0 v0 pixel n wz t cu cv cw au av aw sl sp amp v_0 ... v_{n*n-1}". Prints per line:
     * the largest |java - reference| over the amplitude, and the largest |point sample - reference| over it.
     */
    private static final String ORACLE = """
            import sys, numpy as np
            for line in open(sys.argv[1]):
                f = [float(x) for x in line.split()]
                u0, v0, px, n, wz, t = f[0], f[1], f[2], int(f[3]), f[4], f[5]
                c = np.array(f[6:9]); a = np.array(f[9:12]); sl, sp, amp = f[12], f[13], f[14]
                java = np.array(f[15:]).reshape(n, n)
                v, u = np.meshgrid(v0 + px * np.arange(n), u0 + px * np.arange(n), indexing='ij')
                def g(w):
                    d = np.stack([u - c[0], v - c[1], np.full_like(u, w - c[2])])
                    along = np.tensordot(a, d, axes=1)
                    across2 = np.maximum(0, (d ** 2).sum(axis=0) - along ** 2)
                    return amp * np.exp(-0.5 * (along ** 2 / sl ** 2 + across2 / sp ** 2))
                k = 4000
                ws = wz - t / 2 + (np.arange(k) + 0.5) * t / k
                ref = sum(g(w) for w in ws) / k
                print(f"{np.abs(java - ref).max() / amp:.6f} {np.abs(g(wz) - ref).max() / amp:.6f}")
            """;

    @Test
    void plaqueValuesAreTheSlabAverageOfItsGaussian() throws IOException {
        Plaque p = new Plaque(2, new double[] {0.3, -0.2, 0.7}, Plaque.unit(0.3, 0.5, 0.8), 1.2, 0.5, 600);
        int n = 24;
        double pixel = 0.5;
        double u0 = -5.75;
        double v0 = -5.75;
        double[] thickness = {0.5, 1.5, 3, 5};
        double[] centres = {0.7, 1.9, -0.8};
        List<String> lines = new ArrayList<>();
        for (double t : thickness) {
            for (double wz : centres) {
                float[] hu = new float[n * n];
                byte[] labels = new byte[n * n];
                PlaqueStamp.add(hu, labels, n, n, u0, v0, pixel, wz, t, p, 0, 1);
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %s %s %d %s %s 0.3 -0.2 0.7 %s %s %s 1.2 0.5 600",
                        u0, v0, pixel, n, wz, t, p.axis()[0], p.axis()[1], p.axis()[2]));
                for (float h : hu) {
                    sb.append(' ').append(h);
                }
                lines.add(sb.toString());
            }
        }
        Path f = dir.resolve("slabs.txt");
        Files.write(f, lines);
        List<String> out = PythonOracle.run(ORACLE, f.toString()).lines().toList();
        assertThat(out).hasSize(lines.size());
        int i = 0;
        for (double t : thickness) {
            for (double wz : centres) {
                String[] r = out.get(i++).split(" ");
                assertThat(Double.parseDouble(r[0])).as("max |java - NumPy slab average| / amplitude, t %.1f mm, slice at %.1f", t, wz)
                        .isLessThan(0.002);
                if (t >= 3) {
                    assertThat(Double.parseDouble(r[1])).as("one plane per slice would be off (t %.1f mm, slice at %.1f)", t, wz)
                            .isGreaterThan(0.05);
                }
            }
        }
    }

    /** The label support is where some plane of the slab meets the 3 sigma ellipsoid (widened by the PSF). */
    @Test
    void labelsCoverTheSupportThroughTheSlab() {
        Plaque p = new Plaque(3, new double[] {0, 0, 0}, new double[] {0, 0, 1}, 1.0, 0.5, 800);
        int n = 21;
        byte[] thin = new byte[n * n];
        byte[] offCentre = new byte[n * n];
        PlaqueStamp.add(new float[n * n], thin, n, n, -5, -5, 0.5, 0, 0.5, p, 0.3, 1);
        // a 1 mm slab whose nearest plane is 2.95 mm above the centre: inside the 3 sigma_long reach, so labelled
        PlaqueStamp.add(new float[n * n], offCentre, n, n, -5, -5, 0.5, 3.4, 1.0, p, 0.3, 1);
        int count = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r2 = Math.pow(-5 + 0.5 * x, 2) + Math.pow(-5 + 0.5 * y, 2);
                boolean inside = r2 <= 9 * (0.25 + 0.09) * (1 - 0.0);
                assertThat(thin[y * n + x] == 3).as("label at (%d, %d)", x, y).isEqualTo(inside);
                count += offCentre[y * n + x] == 3 ? 1 : 0;
            }
        }
        assertThat(count).as("labelled pixels of the slab 2.9-3.9 mm above the plaque").isPositive();
    }
}
