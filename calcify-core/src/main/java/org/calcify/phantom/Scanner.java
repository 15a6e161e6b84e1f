package org.calcify.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Images a {@link Scene} slice by slice as the drawn {@link Acquisition} says: each slice averages the
 * tissue over {@code subsamples} planes within its thickness (z partial volume; its anatomy code is the
 * majority over them), adds the plaques integrated over the slab ({@link PlaqueStamp}), blurs in-plane
 * with the kernel's point-spread function, adds streaks beside metal and dense calcium ({@link Streaks}),
 * then correlated noise ({@link NoiseField}), and rounds to int16 in [-1024, 3071]. Calcium labels survive
 * only on voxels at or above {@code labelHu} after all that, and where the plaques themselves, blurred as the
 * slice is, add at least {@code labelMinCalciumHu} (0: anywhere in their support). Slices are processed in pairs (one noise
 * transform gives two fields) in parallel; every random draw comes from seeds fixed by the case seed, so
 * the voxels do not depend on the number of threads.
 */
final class Scanner {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final SliceRenderer renderer;
    private final Acquisition acq;
    private final List<Plaque> plaques;
    private final Materials m;
    private final int n;
    private final double u0;
    private final double v0;
    private final long noiseSeed;
    private final boolean noiseFree;
    private final float labelHu;
    private final double labelMinCalciumHu;
    private final Plane template;
    private final NoiseField noise;
    /** Streak sources: u, v, w, radius, amplitude (HU at the edge), reach (mm), kind (0 metal, 1 plaque index + 1). */
    private final List<double[]> sources = new ArrayList<>();

    Scanner(Scene scene, Materials m, Acquisition acq, List<Plaque> plaques, int n, long noiseSeed, boolean noiseFree, float labelHu,
            double labelMinCalciumHu) {
        this.renderer = new SliceRenderer(scene, m);
        this.acq = acq;
        this.plaques = plaques;
        this.m = m;
        this.n = n;
        this.u0 = acq.centreU() - (n - 1) / 2.0 * acq.pixelMm();
        this.v0 = acq.centreV() - (n - 1) / 2.0 * acq.pixelMm();
        this.noiseSeed = noiseSeed;
        this.noiseFree = noiseFree;
        this.labelHu = labelHu;
        this.labelMinCalciumHu = labelMinCalciumHu;
        this.template = Plane.of(n, n, u0, v0, acq.pixelMm());
        renderer.prepare(template);
        this.noise = new NoiseField(n, acq.pixelMm(), acq.cutoffPerMm(), acq.noiseHu());
        SplittableRandom r = new SplittableRandom(noiseSeed ^ 0x57EA4L);
        for (double[] s : scene.electrodes.snaps()) {
            sources.add(new double[] {s[0], s[1], s[2], s[3], BodyShape.uniform(r, 150, 400), 90, 0});
        }
        for (int i = 0; i < plaques.size(); i++) {
            Plaque p = plaques.get(i);
            if (p.amplitudeHu() * m.denseScale() > 500) {
                sources.add(new double[] {p.centreMm()[0], p.centreMm()[1], p.centreMm()[2], 2 * p.sigmaPerpMm(), 0, 30, i + 1});
            }
        }
    }

    double u0() {
        return u0;
    }

    double v0() {
        return v0;
    }

    /** Fills the volumes (z, y, x) row-major: HU, calcium labels and anatomy codes. */
    void run(short[] ct, byte[] labels, byte[] anatomy) {
        int nz = acq.slices();
        IntStream.range(0, (nz + 1) / 2).parallel().forEach(pair -> {
            float[][] fields = noiseFree ? null : noise.pair(new SplittableRandom(noiseSeed ^ (GOLDEN * (pair + 1))));
            Work work = new Work(template.sibling(), n);
            for (int k = 0; k < 2 && 2 * pair + k < nz; k++) {
                slice(2 * pair + k, work, fields == null ? null : fields[k], ct, labels, anatomy);
            }
        });
    }

    /** Scratch of one task. */
    private static final class Work {
        final Plane plane;
        final float[] acc;
        /** Majority vote of the codes over the sub-planes (Boyer-Moore): candidate and its count. */
        final byte[] vote;
        final short[] count;
        final byte[] labels;
        final float[] tmp;
        /** The plaques' own HU in the slice, blurred as the slice is (for the labels). */
        final float[] calcium;

        Work(Plane plane, int n) {
            this.plane = plane;
            this.acc = new float[n * n];
            this.vote = new byte[n * n];
            this.count = new short[n * n];
            this.labels = new byte[n * n];
            this.tmp = new float[n * n];
            this.calcium = new float[n * n];
        }
    }

    private void slice(int z, Work work, float[] noiseField, short[] ct, byte[] labels, byte[] anatomy) {
        int plane = n * n;
        int off = z * plane;
        double t = acq.sliceThicknessMm();
        double wz = acq.firstSliceW() + z * t;
        int k = acq.subsamples();
        float[] acc = work.acc;
        byte[] vote = work.vote;
        short[] count = work.count;
        Plane p = work.plane;
        for (int j = 0; j < k; j++) {
            p.w = wz - t / 2 + (j + 0.5) * t / k;
            renderer.render(p);
            float[] hu = p.hu;
            byte[] code = p.code;
            if (j == 0) {
                System.arraycopy(hu, 0, acc, 0, plane);
                System.arraycopy(code, 0, vote, 0, plane);
                Arrays.fill(count, (short) 1);
                continue;
            }
            for (int i = 0; i < plane; i++) {
                acc[i] += hu[i];
                byte c = code[i];
                if (c == vote[i]) {
                    count[i]++;
                } else if (count[i] == 0) {
                    vote[i] = c;
                    count[i] = 1;
                } else {
                    count[i]--;
                }
            }
        }
        float inv = 1f / k;
        for (int i = 0; i < plane; i++) {
            acc[i] *= inv;
        }
        System.arraycopy(vote, 0, anatomy, off, plane);
        byte[] lab = work.labels;
        Arrays.fill(lab, (byte) 0);
        for (Plaque q : plaques) {
            PlaqueStamp.add(acc, lab, n, n, u0, v0, acq.pixelMm(), wz, t, q, acq.psfMm(), m.denseScale());
        }
        blur(acc, work.tmp, acq.psfMm() / acq.pixelMm());
        // the plaques alone, blurred as the slice (kept apart so that the CT is the same whatever the labels ask)
        float[] calcium = null;
        if (labelMinCalciumHu > 0 && anyLabel(lab)) {
            calcium = work.calcium;
            Arrays.fill(calcium, 0f);
            for (Plaque q : plaques) {
                PlaqueStamp.add(calcium, null, n, n, u0, v0, acq.pixelMm(), wz, t, q, acq.psfMm(), m.denseScale());
            }
            blur(calcium, work.tmp, acq.psfMm() / acq.pixelMm());
        }
        for (int s = 0; s < sources.size(); s++) {
            double[] src = sources.get(s);
            double amp = streakAmplitude(src, wz, t);
            Streaks.add(acc, n, n, u0, v0, acq.pixelMm(), src[0], src[1], src[3], amp, src[5], noiseSeed + GOLDEN * (s + 7));
        }
        for (int i = 0; i < plane; i++) {
            float v = Math.round(acc[i] + (noiseField == null ? 0 : noiseField[i]));
            short h = (short) Math.max(-1024, Math.min(3071, v));
            ct[off + i] = h;
            labels[off + i] = lab[i] != 0 && h >= labelHu && (calcium == null || calcium[i] >= labelMinCalciumHu) ? lab[i] : 0;
        }
    }

    private static boolean anyLabel(byte[] lab) {
        for (byte b : lab) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /** Streak strength of a source in the slice at {@code wz}: by the share of a snap inside the slab, by a plaque's slab-averaged peak. */
    private double streakAmplitude(double[] src, double wz, double t) {
        if (src[6] == 0) {
            double lo = Math.max(src[2] - src[3], wz - t / 2);
            double hi = Math.min(src[2] + src[3], wz + t / 2);
            return hi <= lo ? 0 : src[4] * (hi - lo) / (2 * src[3]);
        }
        Plaque q = plaques.get((int) src[6] - 1);
        double[] a = q.axis();
        int k = PlaqueStamp.subplanes(t);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double dw = wz - t / 2 + (j + 0.5) * t / k - q.centreMm()[2];
            double along = dw * a[2];
            double across2 = Math.max(0, dw * dw - along * along);
            sum += Math.exp(-0.5 * (along * along / (q.sigmaLongMm() * q.sigmaLongMm()) + across2 / (q.sigmaPerpMm() * q.sigmaPerpMm())));
        }
        double peak = q.amplitudeHu() * m.denseScale() * sum / k;
        return Math.min(80, 0.02 * Math.max(0, peak - 300) * 2 * q.sigmaPerpMm());
    }

    /** Separable in-plane Gaussian blur (sigma in pixels), edges clamped; rows, then columns with whole rows as operands. */
    private void blur(float[] img, float[] tmp, double sigmaPx) {
        int radius = Math.max(1, (int) Math.ceil(2.5 * sigmaPx));
        float[] kern = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kern[i + radius] = (float) Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
            sum += kern[i + radius];
        }
        for (int i = 0; i < kern.length; i++) {
            kern[i] /= (float) sum;
        }
        // rows: one shifted, vectorisable pass per tap, then the clamped edges
        Arrays.fill(tmp, 0, n * n, 0f);
        for (int y = 0; y < n; y++) {
            int row = y * n;
            for (int d = -radius; d <= radius; d++) {
                float kd = kern[d + radius];
                int lo = Math.max(0, -d);
                int hi = Math.min(n, n - d);
                for (int x = lo; x < hi; x++) {
                    tmp[row + x] += kd * img[row + x + d];
                }
                for (int x = 0; x < lo; x++) {
                    tmp[row + x] += kd * img[row];
                }
                for (int x = Math.max(hi, 0); x < n; x++) {
                    tmp[row + x] += kd * img[row + n - 1];
                }
            }
        }
        Arrays.fill(img, 0, n * n, 0f);
        for (int y = 0; y < n; y++) {
            int out = y * n;
            for (int d = -radius; d <= radius; d++) {
                int src = Math.min(n - 1, Math.max(0, y + d)) * n;
                float kd = kern[d + radius];
                for (int x = 0; x < n; x++) {
                    img[out + x] += kd * tmp[src + x];
                }
            }
        }
    }
}
