package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scanner and protocol drawn for one case.
 *
 * @param kvp               tube voltage
 * @param kernel            reconstruction kernel
 * @param cutoffPerMm       the kernel's apodisation cut-off, cycles/mm ({@link Kernel})
 * @param psfMm             in-plane Gaussian point-spread sigma, mm
 * @param noiseHu           standard deviation of the added noise, HU
 * @param sliceThicknessMm  slice thickness = spacing, mm
 * @param pixelMm           pixel size, mm
 * @param slices            number of slices
 * @param firstSliceW       w of the first slice's centre in the phantom frame, mm
 * @param centreU           u of the image centre, mm
 * @param centreV           v of the image centre, mm
 * @param subsamples        planes averaged per slice for the tissue's z partial volume
 */
public record Acquisition(int kvp, Kernel kernel, double cutoffPerMm, double psfMm, double noiseHu, double sliceThicknessMm,
                          double pixelMm, int slices, double firstSliceW, double centreU, double centreV, int subsamples) {

    /** Slice thicknesses of common protocols, preferred when in range. */
    static final double[] COMMON_THICKNESS_MM = {0.5, 0.625, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 5};
    private static final int[] COMMON_KVP = {80, 100, 120, 140};
    private static final double[] KVP_WEIGHT = {0.15, 0.3, 0.45, 0.1};

    /** z coverage, mm. */
    public double coverageMm() {
        return slices * sliceThicknessMm;
    }

    static Acquisition draw(PhantomOptions o, Scene s, SplittableRandom r) {
        int kvp = drawKvp(o.kvp(), r);
        List<Kernel> ks = new ArrayList<>(o.kernels());
        double[] kw = new double[ks.size()];
        for (int i = 0; i < kw.length; i++) {
            kw[i] = switch (ks.get(i)) {
                case SMOOTH -> 0.3;
                case STANDARD -> 0.5;
                case SHARP -> 0.2;
            };
        }
        Kernel kernel = ks.get(pick(kw, r));
        double cutoff = kernel.drawCutoffPerMm(r);
        int n = o.sizeXy();
        double pixel = Math.round(o.pixelMm().draw(r) * 512.0 / n * 1000) / 1000.0;
        // coverage: the heart with its root and ostia, plus margins, within the option's range
        double[] span = s.heartSpanW();
        double lo = span[0] - BodyShape.uniform(r, 5, 25);
        double hi = span[1] + BodyShape.uniform(r, 10, 40);
        double coverage = BodyShape.clamp(hi - lo, o.coverageMm().min(), o.coverageMm().max());
        double centreW = 0.5 * (lo + hi);
        Range t = o.sliceThicknessMm();
        if (o.limitsSlices()) {
            double a = Math.max(t.min(), coverage / o.maxSlices());
            double b = Math.min(t.max(), coverage / o.minSlices());
            t = a <= b ? Range.of(a, b) : Range.exactly(b < a && t.max() < coverage / o.maxSlices() ? t.max() : t.min());
        }
        double thick = drawThickness(t, r);
        int nz = Math.max(1, (int) Math.round(coverage / thick));
        if (o.limitsSlices()) {
            nz = Math.max(o.minSlices(), Math.min(o.maxSlices(), nz));
        }
        double firstW = centreW - (nz - 1) / 2.0 * thick;
        // noise: higher in larger patients and with sharper kernels
        double area = s.body.halfWidthMm() * s.body.halfDepthMm();
        double size = BodyShape.clamp((area - 13000) / (26000 - 13000), 0, 1);
        double k = kernel == Kernel.SHARP ? 0.15 : kernel == Kernel.SMOOTH ? -0.1 : 0;
        double u = BodyShape.clamp(0.6 * r.nextDouble() + 0.4 * size + k, 0, 1);
        Range nr = o.noiseHu();
        double noise = nr.min() > 0 ? nr.min() * Math.pow(nr.max() / nr.min(), u) : nr.min() + (nr.max() - nr.min()) * u;
        noise = Math.round(noise * 100) / 100.0;
        // image centre: on the heart for small fields of view, on the body (and table) for large ones
        double fov = n * pixel;
        double f = BodyShape.clamp((fov - 260) / 140, 0, 1);
        double[] hc = s.anatomy.heartCentreMm();
        double cu = (1 - f) * 0.85 * hc[0] + BodyShape.uniform(r, -10, 10);
        double cv = (1 - f) * 0.8 * hc[1] + f * 12 + BodyShape.uniform(r, -10, 10);
        int sub = Math.min(100, Math.max(1, (int) Math.ceil(thick / o.subsampleMm() - 1e-9)));
        return new Acquisition(kvp, kernel, cutoff, Kernel.psfSigmaMm(cutoff), noise, thick, pixel, nz, firstW, cu, cv, sub);
    }

    private static int drawKvp(Range range, SplittableRandom r) {
        double[] w = new double[COMMON_KVP.length];
        boolean any = false;
        for (int i = 0; i < w.length; i++) {
            if (range.contains(COMMON_KVP[i])) {
                w[i] = KVP_WEIGHT[i];
                any = true;
            }
        }
        return any ? COMMON_KVP[pick(w, r)] : (int) Math.round(range.draw(r));
    }

    private static double drawThickness(Range t, SplittableRandom r) {
        List<Double> common = new ArrayList<>();
        for (double c : COMMON_THICKNESS_MM) {
            if (t.contains(c)) {
                common.add(c);
            }
        }
        if (!common.isEmpty()) {
            return common.get(r.nextInt(common.size()));
        }
        return Math.round(t.draw(r) * 1000) / 1000.0;
    }

    private static int pick(double[] weights, SplittableRandom r) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0 && weights[i] > 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return 0;
    }
}
