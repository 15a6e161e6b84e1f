package org.calcify.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.volume.Acquisition;
import org.calcify.volume.Volume;

/**
 * Checks a scan against the calcium-scoring protocol that the Agatston score is defined for
 * (non-contrast, 120 kVp, 3 mm slices, a soft-tissue kernel, the whole heart in view) and says what
 * it found: a note, a warning saying how the score is affected, or a refusal. Contrast-enhanced scans
 * and sharp kernels are refused unless the options allow them.
 */
public final class ProtocolScreen {
    /** Agatston's reference slice thickness, mm, and the band taken as standard around it. */
    static final double STANDARD_MIN_MM = 2.5;
    static final double STANDARD_MAX_MM = 3.0;
    static final double STANDARD_KVP = 120;
    /** Blood pool above this is contrast-enhanced (native blood is about 30–60 HU), HU. */
    static final double CONTRAST_HU = 120;
    /** Noise above this (measured as the median SD in 5 mm windows in the heart) is high, HU. */
    static final double HIGH_NOISE_HU = 35;

    private final boolean allowContrast;
    private final boolean allowSharpKernel;
    /** True when the calcium is labelled by the user ({@code score}), not found by {@code detect}. */
    private final boolean labelsGiven;

    /**
     * @param allowContrast    score contrast-enhanced scans (with a warning) instead of refusing them
     * @param allowSharpKernel score sharp-kernel reconstructions (with a warning) instead of refusing them
     */
    public ProtocolScreen(boolean allowContrast, boolean allowSharpKernel) {
        this(allowContrast, allowSharpKernel, false);
    }

    private ProtocolScreen(boolean allowContrast, boolean allowSharpKernel, boolean labelsGiven) {
        this.allowContrast = allowContrast;
        this.allowSharpKernel = allowSharpKernel;
        this.labelsGiven = labelsGiven;
    }

    /**
     * The screen for scoring calcium the user labelled ({@code calcify score}): the same checks, but a heart that was
     * not located is only a note, since nothing is classified (a calcium phantom has no heart to find).
     */
    public static ProtocolScreen forGivenLabels(boolean allowContrast, boolean allowSharpKernel) {
        return new ProtocolScreen(allowContrast, allowSharpKernel, true);
    }

    /**
     * @param ct       the scan as read (its metadata gives the acquisition)
     * @param anatomy  what {@code ThoraxSegmenter} found in it
     */
    public ScanProtocol screen(Volume ct, ThoraxAnatomy anatomy) {
        Acquisition acq = Acquisition.of(ct);
        List<Finding> f = new ArrayList<>();
        double spacing = ct.geometry().spacingZ();
        double thickness = acq.sliceThicknessMm() != null && acq.sliceThicknessMm() > 0 ? acq.sliceThicknessMm() : spacing;
        sliceThickness(thickness, spacing, acq.sliceThicknessMm() != null, f);
        tubeVoltage(acq.kvp(), f);
        String kernel = acq.kernel().isEmpty() ? null : String.join("\\", acq.kernel());
        KernelSharpness sharpness = KernelSharpness.of(acq.manufacturer(), acq.kernel());
        double overshoot = EdgeOvershoot.medianHu(ct);
        kernel(kernel, sharpness, acq.manufacturer(), anatomy.noiseHu(), overshoot, f);
        noise(anatomy.noiseHu(), f);
        contrast(anatomy.bloodPoolHu(), acq.contrastAgent(), f);
        if (!anatomy.hasHeart() && labelsGiven) {
            f.add(new Finding(ProtocolCheck.HEART, Severity.NOTE,
                    "the heart was not located, so the field of view was not checked against it; the labelled calcium is scored as given"));
        } else if (!anatomy.hasHeart()) {
            f.add(new Finding(ProtocolCheck.HEART, Severity.WARNING,
                    "the heart was not located: every candidate inside the body was classified, with more false positives"));
        } else if (anatomy.heartAtFovEdge()) {
            f.add(new Finding(ProtocolCheck.FIELD_OF_VIEW, Severity.WARNING,
                    "the heart region reaches the edge of the scan: the field of view may cut the heart, and calcium outside it is not scored"));
        } else if (anatomy.heartTopNarrowed() && Double.isNaN(anatomy.carinaMm())) {
            f.add(new Finding(ProtocolCheck.FIELD_OF_VIEW, Severity.NOTE,
                    "the scan starts below the carina, where the heart region has narrowed to the great vessels above the heart;"
                            + " that the scan starts above the coronary ostia was not checked (calcium-scoring scans start at or just below the carina)"));
        }
        f.sort(Comparator.comparing((Finding x) -> x.severity()).reversed());
        return new ScanProtocol(thickness, spacing, acq.kvp(), kernel, sharpness, anatomy.noiseHu(), overshoot, anatomy.bloodPoolHu(), f);
    }

    private static void sliceThickness(double t, double spacing, boolean fromHeader, List<Finding> f) {
        String what = String.format(Locale.ROOT, "%s mm slices%s", num(t), fromHeader ? "" : " (spacing; the file gives no thickness)");
        if (t > STANDARD_MAX_MM + 0.05) {
            f.add(new Finding(ProtocolCheck.SLICE_THICKNESS, Severity.WARNING, what
                    + ": Agatston is defined on 3 mm slices; thicker slices average small lesions with their surroundings, so faint and small"
                    + " lesions fall under 130 HU and the score runs low (it is rescaled by spacing / 3 mm)"));
        } else if (t < STANDARD_MIN_MM - 0.05) {
            f.add(new Finding(ProtocolCheck.SLICE_THICKNESS, Severity.WARNING, what
                    + ": Agatston is defined on 3 mm slices; thinner slices keep small dense specks and noise above 130 HU that 3 mm slices"
                    + " average away, so the score runs high (it is rescaled by spacing / 3 mm)"));
        }
        if (Math.abs(spacing - t) > 0.05 * t && spacing < t) {
            f.add(new Finding(ProtocolCheck.SLICE_THICKNESS, Severity.NOTE, String.format(Locale.ROOT,
                    "overlapping slices (%s mm thick, %s mm apart): Agatston assumes contiguous slices", num(t), num(spacing))));
        }
    }

    private static void tubeVoltage(Double kvp, List<Finding> f) {
        if (kvp == null) {
            f.add(new Finding(ProtocolCheck.TUBE_VOLTAGE, Severity.NOTE, "tube voltage unknown (the file does not say): scored as if 120 kVp"));
        } else if (Math.abs(kvp - STANDARD_KVP) > 0.5) {
            f.add(new Finding(ProtocolCheck.TUBE_VOLTAGE, Severity.WARNING, String.format(Locale.ROOT,
                    "%s kVp: the 130 HU threshold and the density weights are defined at 120 kVp; calcium reads %s at %s kVp, so the score runs %s",
                    num(kvp), kvp < STANDARD_KVP ? "denser" : "less dense", num(kvp), kvp < STANDARD_KVP ? "high" : "low")));
        }
    }

    private void kernel(String kernel, KernelSharpness s, String manufacturer, double noise, double overshoot, List<Finding> f) {
        String name = kernel == null ? null : "'" + kernel + "'" + (manufacturer == null ? "" : " (" + manufacturer + ")");
        String noiseText = Double.isNaN(noise) ? "" : String.format(Locale.ROOT, ", %s HU noise measured in the heart", num(noise));
        boolean edgesSharp = overshoot > EdgeOvershoot.SHARP_HU;
        String edgeText = Double.isNaN(overshoot) ? "" : String.format(Locale.ROOT,
                "tissue at the lung borders reads %s HU above the tissue behind it (soft-tissue kernels: below 0)", num(overshoot));
        String consequence = ": calcium is scored on soft-tissue kernels, and a sharp kernel's noise and edge overshoot put tissue above 130 HU"
                + (allowSharpKernel ? " (scored anyway, --allow-sharp-kernel)" : "; reconstruct with a soft-tissue kernel, or pass --allow-sharp-kernel");
        Severity sharp = allowSharpKernel ? Severity.WARNING : Severity.REFUSAL;
        switch (s) {
            case SHARP -> f.add(new Finding(ProtocolCheck.KERNEL, sharp,
                    "reconstruction kernel " + name + " is a sharp (lung or bone) kernel" + noiseText + consequence));
            case SHARPER -> f.add(new Finding(ProtocolCheck.KERNEL, edgesSharp ? sharp : Severity.WARNING, "reconstruction kernel " + name
                    + " is sharper than the soft-tissue kernels calcium is scored on" + noiseText
                    + (edgesSharp ? "; " + edgeText + consequence : ": noise and edges may add to the score")));
            case UNKNOWN -> {
                String what = kernel == null ? "reconstruction kernel unknown (the file does not say)"
                        : "reconstruction kernel " + name + " not recognised";
                if (edgesSharp) {
                    f.add(new Finding(ProtocolCheck.KERNEL, sharp, what + ", but the image shows a sharp (lung or bone) kernel: " + edgeText
                            + noiseText + consequence));
                } else {
                    f.add(new Finding(ProtocolCheck.KERNEL, Severity.NOTE, what + ": judged soft-tissue by its edges"
                            + (Double.isNaN(overshoot) ? " (not measured: no lung borders found)" : " (" + edgeText + ")")));
                }
            }
            case SOFT_TISSUE -> {
                if (edgesSharp) {
                    f.add(new Finding(ProtocolCheck.KERNEL, Severity.WARNING, "reconstruction kernel " + name
                            + " is a soft-tissue kernel, but " + edgeText + ", as sharp kernels make it: noise and edges may add to the score"));
                }
            }
        }
    }

    private static void noise(double noise, List<Finding> f) {
        if (Double.isNaN(noise)) {
            f.add(new Finding(ProtocolCheck.NOISE, Severity.NOTE, "noise not measured (no homogeneous region found in the heart)"));
        } else if (noise > HIGH_NOISE_HU) {
            f.add(new Finding(ProtocolCheck.NOISE, Severity.WARNING, String.format(Locale.ROOT,
                    "high noise: %s HU in the heart (standard calcium-scoring scans: about 10-25 HU); lesions near 130 HU are uncertain",
                    num(noise))));
        }
    }

    private void contrast(double blood, String agent, List<Finding> f) {
        if (!Double.isNaN(blood) && blood > CONTRAST_HU) {
            String what = String.format(Locale.ROOT, "contrast-enhanced: the blood pool is at %s HU (native blood: about 30-60 HU)%s",
                    num(blood), agent == null ? "" : ", contrast agent '" + agent + "' in the header");
            f.add(new Finding(ProtocolCheck.CONTRAST, allowContrast ? Severity.WARNING : Severity.REFUSAL, what
                    + "; Agatston scoring is defined on non-contrast CT"
                    + (allowContrast ? " (scored anyway, --allow-contrast: blood above 130 HU is not told from calcium)" : "; pass --allow-contrast to score it anyway")));
        } else if (agent != null) {
            f.add(new Finding(ProtocolCheck.CONTRAST, Severity.NOTE, String.format(Locale.ROOT,
                    "the header names contrast agent '%s', but the blood pool is at %s HU: scored as non-contrast", agent, num(blood))));
        }
    }

    /** At most 3 significant digits, no trailing zeros. */
    static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
