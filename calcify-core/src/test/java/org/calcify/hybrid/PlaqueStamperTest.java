package org.calcify.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.junit.jupiter.api.Test;

/**
 * The scanner model of an inserted plaque against a brute-force NumPy / SciPy oracle: the calcium
 * drawn on a 0.1 mm grid, blurred in-plane by {@code scipy.ndimage.gaussian_filter} and averaged over
 * the slice thickness by brute force, then read at the voxel centres.
 */
class PlaqueStamperTest {
    /** Oracle: prints "z y x value" for every voxel centre of the given z range within the box. */
    private static final String ORACLE = """
            import sys, json, numpy as np, scipy.ndimage as ndi
            m = json.loads(sys.argv[1])
            h = 0.1
            px, pz, thick, psf = m['px'], m['pz'], m['thickness'], m['psf']
            x0, x1, y0, y1 = m['box']
            zs = m['slices']
            xs = np.arange(round(x0 / h), round(x1 / h) + 1) * h
            ys = np.arange(round(y0 / h), round(y1 / h) + 1) * h
            half = thick / 2
            n_sub = int(round(thick / h))
            zf = np.arange(min(zs) * pz - half + h / 2, max(zs) * pz + half, h)
            Z, Y, X = np.meshgrid(zf, ys, xs, indexing='ij')
            f = np.zeros(Z.shape)
            for b in m['blobs']:
                c, a = np.array(b['centre']), np.array(b['axis'])
                dx, dy, dz = X - c[0], Y - c[1], Z - c[2]
                along = dx * a[0] + dy * a[1] + dz * a[2]
                across2 = np.maximum(0, dx * dx + dy * dy + dz * dz - along * along)
                f += b['amp'] * np.exp(-0.5 * (along ** 2 / b['sl'] ** 2 + across2 / b['sp'] ** 2))
            f = ndi.gaussian_filter(f, sigma=(0, psf / h, psf / h), mode='constant', truncate=6)
            for z in zs:
                sel = np.abs(zf - z * pz) < half
                slab = f[sel].mean(axis=0)
                for yi in range(int(np.ceil(y0 / px)), int(np.floor(y1 / px)) + 1):
                    for xi in range(int(np.ceil(x0 / px)), int(np.floor(x1 / px)) + 1):
                        v = slab[int(round((yi * px - ys[0]) / h)), int(round((xi * px - xs[0]) / h))]
                        print(z, yi, xi, repr(float(v)))
            """;

    @Test
    void slabAveragedBlurredPlaqueMatchesBruteForce() {
        double px = 0.7;
        double pz = 3.0;
        double thickness = 3.0;
        double psf = 0.6;
        Geometry g = Geometry.of(60, 60, 12, new double[] {px, px, pz}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        double[] axis = HeartFrameFitter.normalise(new double[] {1, 0.5, 0.8});
        PlaqueModel model = new PlaqueModel(LesionSite.LAD, PlaqueShape.ELONGATED, List.of(
                new PlaqueModel.Blob(new double[] {20.3, 21.1, 16.6}, axis, 1.6, 0.7, 500),
                new PlaqueModel.Blob(new double[] {21.5, 21.7, 17.6}, axis, 1.6, 0.7, 350)), 500);
        PlaqueStamp s = new PlaqueStamper(g, thickness, psf).stamp(model);
        Map<Integer, Float> java = new HashMap<>();
        for (int k = 0; k < s.size(); k++) {
            java.put(s.voxels()[k], s.addedHu()[k]);
        }
        StringBuilder blobs = new StringBuilder();
        for (PlaqueModel.Blob b : model.blobs()) {
            blobs.append(blobs.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"centre\":[%s,%s,%s],\"axis\":[%s,%s,%s],\"sl\":%s,\"sp\":%s,\"amp\":%s}", b.centreLps()[0], b.centreLps()[1],
                    b.centreLps()[2], b.axis()[0], b.axis()[1], b.axis()[2], b.sigmaLongMm(), b.sigmaPerpMm(), b.amplitudeHu()));
        }
        String json = String.format(Locale.ROOT, "{\"px\":%s,\"pz\":%s,\"thickness\":%s,\"psf\":%s,\"box\":[12,30,13,30],"
                + "\"slices\":[3,4,5,6,7,8],\"blobs\":[%s]}", px, pz, thickness, psf, blobs);
        int compared = 0;
        double peak = 0;
        for (String line : PythonOracle.run(ORACLE, json).lines().toList()) {
            String[] f = line.trim().split(" ");
            int z = Integer.parseInt(f[0]);
            int y = Integer.parseInt(f[1]);
            int x = Integer.parseInt(f[2]);
            double oracle = Double.parseDouble(f[3]);
            peak = Math.max(peak, oracle);
            Float mine = java.get(g.index(z, y, x));
            if (oracle > 0.55) {
                assertThat(mine).as("voxel (%d,%d,%d), oracle %.3f HU", z, y, x, oracle).isNotNull();
            }
            if (oracle < 0.45) {
                assertThat(mine).as("voxel (%d,%d,%d), oracle %.3f HU", z, y, x, oracle).isNull();
            }
            if (mine != null) {
                assertThat((double) mine).as("voxel (%d,%d,%d)", z, y, x).isCloseTo(oracle, org.assertj.core.data.Offset.offset(0.3 + 0.01 * oracle));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50);
        assertThat(peak).as("the slab average keeps the plaque visible").isGreaterThan(130);
    }

    /** Blur and slab averaging move the calcium, they do not make or lose it: the added HU integrate to the model's. */
    @Test
    void calciumMassIsKept() {
        Geometry g = Geometry.of(80, 80, 20, new double[] {0.8, 0.8, 5.0}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        double[] axis = HeartFrameFitter.normalise(new double[] {0.3, -0.6, 0.7});
        double sl = 2.2;
        double sp = 1.1;
        double amp = 900;
        PlaqueModel model = new PlaqueModel(LesionSite.RCA, PlaqueShape.NODULE,
                List.of(new PlaqueModel.Blob(new double[] {31.7, 30.2, 48.1}, axis, sl, sp, amp)), amp);
        PlaqueStamp s = new PlaqueStamper(g, 5.0, 0.7).stamp(model);
        double sum = 0;
        for (float a : s.addedHu()) {
            sum += a;
        }
        double voxelMm3 = 0.8 * 0.8 * 5.0;
        double exact = amp * Math.pow(2 * Math.PI, 1.5) * sl * sp * sp;
        assertThat(sum * voxelMm3).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(2));
    }
}
