package org.calcify.protocol;

import java.util.List;
import java.util.Optional;

/**
 * What the protocol screen found about one scan: the acquisition as the file gives it, what was
 * measured in the image, and the findings (notes, warnings, refusals).
 *
 * @param sliceThicknessMm the slice thickness: the file's nominal thickness, else the slice spacing, mm
 * @param sliceSpacingMm   distance between slice centres, mm
 * @param kvp              tube voltage, kV; null when the file does not say
 * @param kernel           reconstruction kernel name; null when the file does not say
 * @param kernelSharpness  how sharp that kernel is
 * @param noiseHu          noise measured in the heart, HU (NaN when not measured)
 * @param edgeOvershootHu  median overshoot of soft tissue at its borders with the lungs ({@link EdgeOvershoot}), HU
 *                         (NaN when not measured)
 * @param bloodPoolHu      median HU of the blood pool (NaN when not measured)
 * @param findings         everything worth saying, refusals first
 */
public record ScanProtocol(double sliceThicknessMm, double sliceSpacingMm, Double kvp, String kernel,
                           KernelSharpness kernelSharpness, double noiseHu, double edgeOvershootHu, double bloodPoolHu, List<Finding> findings) {

    public ScanProtocol {
        findings = List.copyOf(findings);
    }

    /** The first refusal, when the scan must not be scored. */
    public Optional<Finding> refusal() {
        return findings.stream().filter(f -> f.severity() == Severity.REFUSAL).findFirst();
    }

    /** The warnings (not notes, not refusals). */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    /** The JSON shape in scores.json: values (null when unknown) and the findings. */
    public ProtocolDocument document() {
        return ProtocolDocument.of(this);
    }
}
