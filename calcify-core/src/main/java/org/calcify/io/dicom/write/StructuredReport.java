package org.calcify.io.dicom.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.dicom.DicomSeriesReference;

/**
 * Builds a Comprehensive SR document (PS3.3 A.35.3, SOP class 1.2.840.10008.5.1.4.1.1.88.33) about a source
 * series: the shared modules of {@link DerivedInstance}, SR Document Series, SR Document General (with the
 * evidence: the source images and any other instance the content references) and SR Document Content from
 * a root {@link SrItem} and its template.
 */
public final class StructuredReport {

    /** An instance the report references, for the Current Requested Procedure Evidence Sequence. */
    public record Evidence(String seriesInstanceUid, String sopClassUid, String sopInstanceUid) {
    }

    private StructuredReport() {
    }

    /**
     * @param root         the root CONTAINER (relationship null)
     * @param templateId   the root's template (e.g. "1500"), in DCMR
     * @param otherEvidence instances besides the source images that the content references (e.g. a SEG), in the source's study
     */
    public static DicomDataset build(DicomSeriesReference source, DerivedInstance instance, SrItem root, String templateId,
                                     List<Evidence> otherEvidence) {
        if (root.relationship() != null || !root.valueType().equals("CONTAINER")) {
            throw new IllegalArgumentException("the root of a report is a CONTAINER without relationship");
        }
        DicomDataset d = new DicomDataset();
        instance.putCommon(d, source, Uids.COMPREHENSIVE_SR_STORAGE, "SR");
        d.sequence(Tags.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE, List.of());
        d.string(Tags.COMPLETION_FLAG, Vr.CS, "COMPLETE");
        d.string(Tags.VERIFICATION_FLAG, Vr.CS, "UNVERIFIED");
        d.sequence(Tags.PERFORMED_PROCEDURE_CODE_SEQUENCE, List.of());
        List<Evidence> evidence = new ArrayList<>();
        for (DicomSeriesReference.Image image : source.images()) {
            evidence.add(new Evidence(source.seriesInstanceUid(), image.sopClassUid(), image.sopInstanceUid()));
        }
        evidence.addAll(otherEvidence);
        d.sequence(Tags.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE, evidence(source.studyInstanceUid(), evidence));
        d.sequence(Tags.CONTENT_TEMPLATE_SEQUENCE, new DicomDataset()
                .string(Tags.MAPPING_RESOURCE, Vr.CS, "DCMR")
                .string(Tags.TEMPLATE_IDENTIFIER, Vr.CS, templateId));
        if (usesPrivateScheme(root)) {
            d.sequence(Tags.CODING_SCHEME_IDENTIFICATION_SEQUENCE, new DicomDataset()
                    .string(Tags.CODING_SCHEME_DESIGNATOR, Vr.SH, CodedConcept.CALCIFY_SCHEME)
                    .string(Tags.CODING_SCHEME_NAME, Vr.ST, "Calcify private codes (docs/dicom-out.md)")
                    .string(Tags.CODING_SCHEME_RESPONSIBLE_ORGANIZATION, Vr.ST, "Calcify project"));
        }
        root.encode(d);
        return d;
    }

    private static boolean usesPrivateScheme(SrItem item) {
        if (item.concept() != null && item.concept().scheme().equals(CodedConcept.CALCIFY_SCHEME)) {
            return true;
        }
        return item.children().stream().anyMatch(StructuredReport::usesPrivateScheme);
    }

    private static DicomDataset evidence(String studyUid, List<Evidence> evidence) {
        Map<String, List<DicomDataset>> bySeries = new LinkedHashMap<>();
        for (Evidence e : evidence) {
            bySeries.computeIfAbsent(e.seriesInstanceUid(), k -> new ArrayList<>()).add(new DicomDataset()
                    .string(Tags.REFERENCED_SOP_CLASS_UID, Vr.UI, e.sopClassUid())
                    .string(Tags.REFERENCED_SOP_INSTANCE_UID, Vr.UI, e.sopInstanceUid()));
        }
        List<DicomDataset> series = new ArrayList<>();
        for (Map.Entry<String, List<DicomDataset>> e : bySeries.entrySet()) {
            series.add(new DicomDataset()
                    .sequence(Tags.REFERENCED_SOP_SEQUENCE, e.getValue())
                    .string(Tags.SERIES_INSTANCE_UID, Vr.UI, e.getKey()));
        }
        return new DicomDataset()
                .sequence(Tags.REFERENCED_SERIES_SEQUENCE, series)
                .string(Tags.STUDY_INSTANCE_UID, Vr.UI, studyUid);
    }
}
