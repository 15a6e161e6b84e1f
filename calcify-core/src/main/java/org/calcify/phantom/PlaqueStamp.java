package org.calcify.phantom;

/**
 * Adds a {@link Plaque} to one slice with partial volume along z: its Gaussian attenuation is averaged
 * over sub-planes spaced at most {@value #PITCH_MM} mm within the slice thickness (midpoint rule), and
 * its support (the 3 σ ellipsoid widened by the in-plane point-spread function) is marked in the label
 * map wherever any sub-plane meets it.
 */
final class PlaqueStamp {
    /** Largest spacing of the sub-planes a plaque is integrated over, mm. */
    static final double PITCH_MM = 0.1;

    private PlaqueStamp() {
    }

    /** Number of sub-planes for a slice of this thickness. */
    static int subplanes(double thicknessMm) {
        return Math.max(1, (int) Math.ceil(thicknessMm / PITCH_MM - 1e-9));
    }

    /**
     * Adds {@code scale * amplitude * mean_k exp(-q/2)} at every pixel of the slice centred at {@code wMm}
     * (thickness {@code thicknessMm}) on the grid {@code (nx, ny, u0, v0, pixelMm)}; labels the support.
     *
     * @param hu      the slice, row-major, HU (modified)
     * @param labels  the slice's labels, row-major (modified), or null
     */
    static void add(float[] hu, byte[] labels, int nx, int ny, double u0, double v0, double pixelMm, double wMm,
                    double thicknessMm, Plaque p, double psfMm, double scale) {
        double sl = p.sigmaLongMm();
        double sp = p.sigmaPerpMm();
        double[] a = p.axis();
        double[] c = p.centreMm();
        double reach = 3.2 * Math.max(sl, sp) + psfMm;
        if (c[2] + reach < wMm - thicknessMm / 2 || c[2] - reach > wMm + thicknessMm / 2) {
            return;
        }
        int k = subplanes(thicknessMm);
        double[] dws = new double[k];
        for (int j = 0; j < k; j++) {
            dws[j] = wMm - thicknessMm / 2 + (j + 0.5) * thicknessMm / k - c[2];
        }
        int x0 = Math.max(0, (int) Math.floor((c[0] - reach - u0) / pixelMm));
        int x1 = Math.min(nx - 1, (int) Math.ceil((c[0] + reach - u0) / pixelMm));
        int y0 = Math.max(0, (int) Math.floor((c[1] - reach - v0) / pixelMm));
        int y1 = Math.min(ny - 1, (int) Math.ceil((c[1] + reach - v0) / pixelMm));
        double isl = 1 / (sl * sl);
        double isp = 1 / (sp * sp);
        double islS = 1 / (sl * sl + psfMm * psfMm);
        double ispS = 1 / (sp * sp + psfMm * psfMm);
        double amp = p.amplitudeHu() * scale / k;
        for (int y = y0; y <= y1; y++) {
            double dv = v0 + y * pixelMm - c[1];
            for (int x = x0; x <= x1; x++) {
                double du = u0 + x * pixelMm - c[0];
                double inPlane = du * a[0] + dv * a[1];
                double r2 = du * du + dv * dv;
                double sum = 0;
                boolean support = false;
                for (double dw : dws) {
                    double along = inPlane + dw * a[2];
                    double across2 = Math.max(0, r2 + dw * dw - along * along);
                    double q = along * along * isl + across2 * isp;
                    if (q < 40) {
                        sum += Math.exp(-0.5 * q);
                    }
                    support |= along * along * islS + across2 * ispS <= 9;
                }
                int i = y * nx + x;
                hu[i] += (float) (amp * sum);
                if (support && labels != null) {
                    labels[i] = (byte) p.label();
                }
            }
        }
    }
}
