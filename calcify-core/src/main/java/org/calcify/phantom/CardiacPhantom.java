package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * A synthetic low-dose chest CT at heart level with its calcium labels: tissue per slice
 * ({@link SliceRenderer}), the coronary tree as tubes ({@link Vessel}), calcified plaques on vessel
 * and aortic walls ({@link Plaque}), then in-plane point-spread blur and Gaussian noise. Every draw
 * comes from a {@link SplittableRandom} seeded with the case seed (per-slice noise from seeds
 * derived from it), so a seed always gives the same voxels, whatever the number of threads.
 */
public final class CardiacPhantom {
    /** Calcium labels are kept only on voxels at or above this HU. */
    public static final int CALCIUM_HU = 130;
    /** With {@code --contrast}, calcium labels need HU at least this much above the blood pool's. */
    public static final int CONTRAST_MARGIN_HU = 100;

    /** Epicardial fat around every coronary: this much beyond the lumen, at {@link #EPICARDIAL_FAT_HU}. */
    static final double EPICARDIAL_SLEEVE_MM = 2.5;
    static final float EPICARDIAL_FAT_HU = SliceRenderer.FAT + 10;

    private static final float[] GAUSS = gaussTable(1 << 14);

    private CardiacPhantom() {
    }

    /** Generates one case. */
    public static PhantomCase generate(PhantomOptions options, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PatientRecord patient = PatientRecord.random(r);
        Anatomy anatomy = Anatomy.random(r, options.contrast());
        int n = options.sizeXy();
        double pixelMm = Math.round(Anatomy.uniform(r, 0.5, 0.9) * 512.0 / n * 1000) / 1000.0;
        double sliceMm = new double[] {1.5, 2.0, 2.5, 3.0}[r.nextInt(4)];
        int nz = options.minSlices() + r.nextInt(options.maxSlices() - options.minSlices() + 1);
        double noiseHu = Anatomy.uniform(r, 14, 32);
        double psfMm = Anatomy.uniform(r, 0.55, 0.8);
        // image centre in the phantom frame: near the heart, the scan centred around the coronaries
        double icu = anatomy.heartCentreMm()[0] * 0.4 + Anatomy.uniform(r, -10, 10);
        double icv = anatomy.heartCentreMm()[1] * 0.3 + Anatomy.uniform(r, -8, 8);
        double icw = 0.2 * anatomy.heartAxesMm()[2] + Anatomy.uniform(r, -10, 10);
        double u0 = icu - (n - 1) / 2.0 * pixelMm;
        double v0 = icv - (n - 1) / 2.0 * pixelMm;
        double w0 = icw - (nz - 1) / 2.0 * sliceMm;
        double[] table = {Anatomy.uniform(r, -60, 60), Anatomy.uniform(r, -200, -120), Anatomy.uniform(r, -400, -100)};
        int coronaryCount = r.nextDouble() < 0.2 ? 0 : poisson(r, patient.expectedPlaques());
        int nonCoronaryCount = poisson(r, 0.8 + 0.6 * Math.max(0, patient.risk() + 1));

        List<Vessel> tree = Vessel.coronaryTree(anatomy, r);
        double wMax = w0 + (nz - 1) * sliceMm;
        List<Plaque> plaques = new ArrayList<>(Plaque.coronary(anatomy, tree, coronaryCount, w0 + 1, wMax - 1, r));
        plaques.addAll(Plaque.nonCoronary(anatomy, nonCoronaryCount, w0 + 1, wMax - 1, r));
        long noiseSeed = r.nextLong();

        int plane = n * n;
        Grid grid = new Grid(n, n, nz, u0, v0, w0, pixelMm, sliceMm);
        float[] hu = tissue(anatomy, tree, grid);
        byte[] labels = new byte[plane * nz];
        for (Plaque p : plaques) {
            stampPlaque(hu, labels, grid, p, psfMm);
        }
        short[] out = new short[plane * nz];
        double sigmaPx = psfMm / pixelMm;
        IntStream.range(0, nz).parallel().forEach(z -> degradeSlice(hu, out, z, n, sigmaPx, noiseHu,
                new SplittableRandom(noiseSeed ^ (0x9E3779B97F4A7C15L * (z + 1)))));
        // with a contrast-filled lumen (about 350 HU) calcium is told from blood by a higher cut-off
        int labelHu = options.contrast() ? (int) anatomy.bloodHu() + CONTRAST_MARGIN_HU : CALCIUM_HU;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && out[i] < labelHu) {
                labels[i] = 0;
            }
        }
        double[] origin = {u0 + table[0], v0 + table[1], w0 + table[2]};
        Geometry g = Geometry.of(n, n, nz, new double[] {pixelMm, pixelMm, sliceMm}, origin, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume ct = Volume.ofShorts(g, out).withMetadata("phantom.seed", Long.toString(seed));
        return new PhantomCase(ct, Volume.ofBytes(g, labels), patient, coronaryCount, nonCoronaryCount, seed);
    }

    /** Tissue and vessels in HU on {@code g}, before calcium, blur and noise. */
    static float[] tissue(Anatomy anatomy, List<Vessel> tree, Grid g) {
        int plane = g.nx * g.ny;
        float[] hu = new float[plane * g.nz];
        SliceRenderer renderer = new SliceRenderer(anatomy);
        IntStream.range(0, g.nz).parallel().forEach(z -> renderer.render(hu, z * plane, g.nx, g.ny, g.u0, g.v0, g.pixelMm, g.w0 + z * g.sliceMm));
        // the coronaries run in epicardial fat, also where their course leaves the fat band around the
        // heart (the LM and the RCA's first segment at the aortic root): a fat sleeve first, then the lumens
        for (Vessel v : tree) {
            stampTube(hu, g, anatomy, v, EPICARDIAL_FAT_HU, EPICARDIAL_SLEEVE_MM, true);
        }
        for (Vessel v : tree) {
            stampTube(hu, g, anatomy, v, (float) anatomy.bloodHu(), 0, false);
        }
        return hu;
    }

    /** Noise-free tissue HU (before calcium) at the point (u, v, w) of the phantom frame. */
    static float tissueAt(Anatomy anatomy, List<Vessel> tree, double u, double v, double w) {
        return tissue(anatomy, tree, new Grid(1, 1, 1, u, v, w, 0.01, 0.01))[0];
    }

    /** The sampling grid in the phantom frame. */
    record Grid(int nx, int ny, int nz, double u0, double v0, double w0, double pixelMm, double sliceMm) {
    }

    /** Below this HU the tissue a vessel is drawn over is not bone: vessels never cut ribs, sternum or spine. */
    private static final float BONE_HU = 150;

    /**
     * Sets every voxel within the vessel's radius plus {@code extraMm} of its centre line to {@code value},
     * inside the thoracic cavity only and never over bone (a vessel drawn through a rib would leave a
     * plaque-like bone fragment in its sleeve); with {@code softTissueOnly} also never over lung or air.
     */
    private static void stampTube(float[] hu, Grid g, Anatomy a, Vessel v, float value, double extraMm, boolean softTissueOnly) {
        double cavityU = a.cavityU();
        double cavityV = a.cavityV();
        double[] p = v.pointsMm();
        double halfSlice = g.sliceMm / 2;
        for (int j = 0; j < v.size(); j++) {
            double r = v.radiiMm()[j] + extraMm;
            double cu = p[3 * j];
            double cv = p[3 * j + 1];
            double cw = p[3 * j + 2];
            int x0 = Math.max(0, (int) Math.floor((cu - r - g.u0) / g.pixelMm));
            int x1 = Math.min(g.nx - 1, (int) Math.ceil((cu + r - g.u0) / g.pixelMm));
            int y0 = Math.max(0, (int) Math.floor((cv - r - g.v0) / g.pixelMm));
            int y1 = Math.min(g.ny - 1, (int) Math.ceil((cv + r - g.v0) / g.pixelMm));
            int z0 = Math.max(0, (int) Math.floor((cw - r - halfSlice - g.w0) / g.sliceMm));
            int z1 = Math.min(g.nz - 1, (int) Math.ceil((cw + r + halfSlice - g.w0) / g.sliceMm));
            for (int z = z0; z <= z1; z++) {
                double dw = Math.max(0, Math.abs(g.w0 + z * g.sliceMm - cw) - halfSlice * 0.6);
                for (int y = y0; y <= y1; y++) {
                    double dv = g.v0 + y * g.pixelMm - cv;
                    int row = (z * g.ny + y) * g.nx;
                    for (int x = x0; x <= x1; x++) {
                        double du = g.u0 + x * g.pixelMm - cu;
                        double h = hu[row + x];
                        if (du * du + dv * dv + dw * dw <= r * r && h < BONE_HU && (!softTissueOnly || h > -200)
                                && sq((cu + du) / cavityU) + sq((cv + dv) / cavityV) <= 1) {
                            hu[row + x] = value;
                        }
                    }
                }
            }
        }
    }

    /** Adds a plaque with slab (slice thickness) partial volume and marks its support in {@code labels}. */
    private static void stampPlaque(float[] hu, byte[] labels, Grid g, Plaque p, double psfMm) {
        double sl = p.sigmaLongMm();
        double sp = p.sigmaPerpMm();
        double[] a = p.axis();
        double sigmaZ = Math.sqrt(sl * sl * a[2] * a[2] + sp * sp * (1 - a[2] * a[2]));
        double sigmaZEff = Math.sqrt(sigmaZ * sigmaZ + g.sliceMm * g.sliceMm / 12);
        double zShrink = sigmaZ / sigmaZEff;
        double amp = p.amplitudeHu() * zShrink;
        double reach = 3.2 * Math.max(sl, sp) + psfMm;
        double[] c = p.centreMm();
        int x0 = Math.max(0, (int) Math.floor((c[0] - reach - g.u0) / g.pixelMm));
        int x1 = Math.min(g.nx - 1, (int) Math.ceil((c[0] + reach - g.u0) / g.pixelMm));
        int y0 = Math.max(0, (int) Math.floor((c[1] - reach - g.v0) / g.pixelMm));
        int y1 = Math.min(g.ny - 1, (int) Math.ceil((c[1] + reach - g.v0) / g.pixelMm));
        int z0 = Math.max(0, (int) Math.floor((c[2] - reach / zShrink - g.w0) / g.sliceMm));
        int z1 = Math.min(g.nz - 1, (int) Math.ceil((c[2] + reach / zShrink - g.w0) / g.sliceMm));
        double slS = sl * sl + psfMm * psfMm;
        double spS = sp * sp + psfMm * psfMm;
        for (int z = z0; z <= z1; z++) {
            double dw = (g.w0 + z * g.sliceMm - c[2]) * zShrink;
            for (int y = y0; y <= y1; y++) {
                double dv = g.v0 + y * g.pixelMm - c[1];
                int row = (z * g.ny + y) * g.nx;
                for (int x = x0; x <= x1; x++) {
                    double du = g.u0 + x * g.pixelMm - c[0];
                    double along = du * a[0] + dv * a[1] + dw * a[2];
                    double across2 = Math.max(0, du * du + dv * dv + dw * dw - along * along);
                    double q = along * along / (sl * sl) + across2 / (sp * sp);
                    hu[row + x] += (float) (amp * Math.exp(-0.5 * q));
                    if (along * along / slS + across2 / spS <= 9) {
                        labels[row + x] = (byte) p.label();
                    }
                }
            }
        }
    }

    /** In-plane Gaussian blur (point-spread function), Gaussian noise, rounding to int16. */
    private static void degradeSlice(float[] hu, short[] out, int z, int n, double sigmaPx, double noiseHu, SplittableRandom r) {
        int radius = Math.max(1, (int) Math.ceil(2.5 * sigmaPx));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        int off = z * n * n;
        float[] tmp = new float[n * n];
        for (int y = 0; y < n; y++) {
            int row = off + y * n;
            for (int x = 0; x < n; x++) {
                float acc = 0;
                for (int t = -radius; t <= radius; t++) {
                    int xx = Math.min(n - 1, Math.max(0, x + t));
                    acc += k[t + radius] * hu[row + xx];
                }
                tmp[y * n + x] = acc;
            }
        }
        float noise = (float) noiseHu;
        int mask = GAUSS.length - 1;
        long bits = 0;
        int left = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float acc = 0;
                for (int t = -radius; t <= radius; t++) {
                    int yy = Math.min(n - 1, Math.max(0, y + t));
                    acc += k[t + radius] * tmp[yy * n + x];
                }
                if (left == 0) {
                    bits = r.nextLong();
                    left = 4;
                }
                float g = GAUSS[(int) bits & mask];
                bits >>>= 16;
                left--;
                float v = Math.round(acc + noise * g);
                out[off + y * n + x] = (short) Math.max(-1024, Math.min(3071, v));
            }
        }
    }

    private static double sq(double d) {
        return d * d;
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-Math.min(mean, 50));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Standard-normal quantiles at evenly spaced probabilities: cheap deterministic Gaussian noise. */
    private static float[] gaussTable(int size) {
        float[] t = new float[size];
        SplittableRandom r = new SplittableRandom(0x5EED);
        for (int i = 0; i < size; i++) {
            t[i] = (float) Plaque.gaussian(r);
        }
        return t;
    }
}
