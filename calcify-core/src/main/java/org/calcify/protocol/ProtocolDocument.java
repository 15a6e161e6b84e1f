package org.calcify.protocol;

import org.calcify.io.text.Rounding;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ScanProtocol} as {@code scores.json} and {@code calcify score --json} state it: values rounded to
 * 2 decimals, null when unknown or not measured, then the findings.
 */
public record ProtocolDocument(Double sliceThicknessMm, Double sliceSpacingMm, Double kvp, String kernel, String kernelSharpness,
                               Double noiseHu, Double edgeOvershootHu, Double bloodPoolHu, List<FindingEntry> findings) {

    /**
     * One finding.
     *
     * @param check    which check ({@code slice_thickness}, {@code contrast}, ...)
     * @param severity {@code note}, {@code warning} or {@code refusal}
     */
    public record FindingEntry(String check, String severity, String message) {
    }

    /** The document of {@code p}. */
    public static ProtocolDocument of(ScanProtocol p) {
        return new ProtocolDocument(round(p.sliceThicknessMm()), round(p.sliceSpacingMm()), p.kvp(), p.kernel(),
                p.kernelSharpness().name().toLowerCase(Locale.ROOT), round(p.noiseHu()), round(p.edgeOvershootHu()), round(p.bloodPoolHu()),
                p.findings().stream().map(f -> new FindingEntry(f.check().jsonName(), f.severity().name().toLowerCase(Locale.ROOT), f.message()))
                        .toList());
    }

    private static Double round(double v) {
        return Rounding.toDecimalsOrNull(v, 2);
    }
}
