package org.calcify.io.dicom.write;

import java.util.ArrayList;
import java.util.List;

/**
 * One content item of a structured report (PS3.3 C.17.3): a relationship to its parent, a value type, a
 * concept name and a value, with children. Built with the static factories, written by
 * {@link StructuredReport}. Immutable.
 *
 * @param relationship RelationshipType to the parent (CONTAINS, HAS CONCEPT MOD, HAS OBS CONTEXT, ...), null for the root
 * @param valueType    ValueType (CONTAINER, TEXT, CODE, NUM, UIDREF, PNAME, IMAGE)
 * @param concept      ConceptNameCodeSequence, or null (an image library entry has none)
 * @param value        the value-type specific attributes
 * @param children     the items below, in order
 */
public record SrItem(String relationship, String valueType, CodedConcept concept, DicomDataset value, List<SrItem> children) {
    public static final String CONTAINS = "CONTAINS";
    public static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
    public static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";

    public SrItem {
        children = List.copyOf(children);
    }

    /** A CONTAINER with SEPARATE continuity. */
    public static SrItem container(String relationship, CodedConcept concept, List<SrItem> children) {
        return new SrItem(relationship, "CONTAINER", concept, new DicomDataset().string(Tags.CONTINUITY_OF_CONTENT, Vr.CS, "SEPARATE"), children);
    }

    /** A TEXT item (ASCII, at most 1024 characters: longer text is cut). */
    public static SrItem text(String relationship, CodedConcept concept, String text) {
        String t = DicomDataset.ascii(text);
        return new SrItem(relationship, "TEXT", concept,
                new DicomDataset().string(Tags.TEXT_VALUE, Vr.UT, t.length() > 1024 ? t.substring(0, 1021) + "..." : t), List.of());
    }

    /**
     * A PNAME item: a person's name as DICOM writes it ({@code Family^Given}); a name typed as "Given Family" or as a
     * login is kept as one component, ASCII, at most 64 characters.
     */
    public static SrItem personName(String relationship, CodedConcept concept, String name) {
        String n = DicomDataset.ascii(name).replace('\\', '/').trim();
        return new SrItem(relationship, "PNAME", concept,
                new DicomDataset().string(Tags.PERSON_NAME, Vr.PN, n.length() > 64 ? n.substring(0, 64) : n), List.of());
    }

    /** A CODE item. */
    public static SrItem code(String relationship, CodedConcept concept, CodedConcept value, List<SrItem> children) {
        return new SrItem(relationship, "CODE", concept, new DicomDataset().sequence(Tags.CONCEPT_CODE_SEQUENCE, value.item()), children);
    }

    /** A UIDREF item. */
    public static SrItem uid(String relationship, CodedConcept concept, String uid) {
        return new SrItem(relationship, "UIDREF", concept, new DicomDataset().string(Tags.UID, Vr.UI, uid), List.of());
    }

    /** A NUM item: {@code value} in {@code unit} (a UCUM code). */
    public static SrItem num(String relationship, CodedConcept concept, double value, CodedConcept unit, List<SrItem> children) {
        DicomDataset measured = new DicomDataset()
                .sequence(Tags.MEASUREMENT_UNITS_CODE_SEQUENCE, unit.item())
                .ds(Tags.NUMERIC_VALUE, value);
        return new SrItem(relationship, "NUM", concept, new DicomDataset().sequence(Tags.MEASURED_VALUE_SEQUENCE, measured), children);
    }

    /** An IMAGE item referencing an image, or with {@code segmentNumber} &gt; 0 one segment of a SEG. */
    public static SrItem image(String relationship, CodedConcept concept, String sopClassUid, String sopInstanceUid, int segmentNumber) {
        DicomDataset ref = new DicomDataset()
                .string(Tags.REFERENCED_SOP_CLASS_UID, Vr.UI, sopClassUid)
                .string(Tags.REFERENCED_SOP_INSTANCE_UID, Vr.UI, sopInstanceUid);
        if (segmentNumber > 0) {
            ref.us(Tags.REFERENCED_SEGMENT_NUMBER, segmentNumber);
        }
        return new SrItem(relationship, "IMAGE", concept, new DicomDataset().sequence(Tags.REFERENCED_SOP_SEQUENCE, ref), List.of());
    }

    /** This item as a Content Sequence item (with RelationshipType) or, for the root, the document's content attributes. */
    DicomDataset encode(DicomDataset into) {
        if (relationship != null) {
            into.string(Tags.RELATIONSHIP_TYPE, Vr.CS, relationship);
        }
        into.string(Tags.VALUE_TYPE, Vr.CS, valueType);
        if (concept != null) {
            into.sequence(Tags.CONCEPT_NAME_CODE_SEQUENCE, concept.item());
        }
        DicomDataset v = value.copy();
        for (var e : v.elements().entrySet()) {
            DicomDataset.Element el = e.getValue();
            if (el.items() != null) {
                into.sequence(e.getKey(), el.items());
            } else {
                into.put(e.getKey(), el);
            }
        }
        if (!children.isEmpty()) {
            List<DicomDataset> items = new ArrayList<>();
            for (SrItem c : children) {
                items.add(c.encode(new DicomDataset()));
            }
            into.sequence(Tags.CONTENT_SEQUENCE, items);
        }
        return into;
    }
}
