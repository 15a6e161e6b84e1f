package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * Reconstruction kernel of filtered back-projection, modelled by a Gaussian apodisation
 * {@code A(f) = exp(-(f / fc)^2)} of the ramp filter, {@code f} in cycles/mm. It sets both the sharpness
 * of the image (signal MTF {@code A(f)} times the system's, hence a Gaussian point-spread function) and
 * the texture of the noise: noise power spectrum {@code NPS(f) ∝ f · A(f)^2}, zero at f = 0, peaking
 * at {@code fc / 2}, so sharper kernels (higher cut-off) give finer grain.
 */
public enum Kernel {
    /** Soft-tissue smooth kernel: NPS peak about 0.15-0.2 cycles/mm. */
    SMOOTH(0.30, 0.40),
    /** Standard body kernel: NPS peak about 0.22-0.3 cycles/mm. */
    STANDARD(0.45, 0.60),
    /** Sharp (lung, bone) kernel: NPS peak about 0.4-0.55 cycles/mm. */
    SHARP(0.80, 1.10);

    /** Blur of the rest of the system (focal spot, detector), Gaussian sigma in mm. */
    static final double SYSTEM_BLUR_MM = 0.35;

    private final double minCutoffPerMm;
    private final double maxCutoffPerMm;

    Kernel(double minCutoffPerMm, double maxCutoffPerMm) {
        this.minCutoffPerMm = minCutoffPerMm;
        this.maxCutoffPerMm = maxCutoffPerMm;
    }

    /** A cut-off frequency (cycles/mm) of this kernel. */
    double drawCutoffPerMm(SplittableRandom r) {
        return minCutoffPerMm + (maxCutoffPerMm - minCutoffPerMm) * r.nextDouble();
    }

    /**
     * Gaussian sigma (mm) of the in-plane point-spread function for cut-off {@code fc}: the apodisation's
     * MTF {@code exp(-(f/fc)^2)} is that of a Gaussian of sigma {@code 1 / (pi sqrt(2) fc)}, combined with
     * {@link #SYSTEM_BLUR_MM}.
     */
    static double psfSigmaMm(double cutoffPerMm) {
        double k = 1 / (Math.PI * Math.sqrt(2) * cutoffPerMm);
        return Math.sqrt(k * k + SYSTEM_BLUR_MM * SYSTEM_BLUR_MM);
    }

    /** The noise amplitude filter {@code sqrt(f) · A(f)} (unnormalised) at {@code f} cycles/mm. */
    static double noiseAmplitude(double fPerMm, double cutoffPerMm) {
        double q = fPerMm / cutoffPerMm;
        return Math.sqrt(fPerMm) * Math.exp(-q * q);
    }

    /** Lower-case name, as in cohort.csv and the volume metadata. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
