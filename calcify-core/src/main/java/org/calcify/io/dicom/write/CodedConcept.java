package org.calcify.io.dicom.write;

/**
 * A coded concept (PS3.3 section 8.8): a code value, its coding scheme designator and its meaning, as a
 * Code Sequence item writes them. SCT and DCM codes come from PS3.16; codes Calcify had to make up use the
 * private scheme {@link #CALCIFY_SCHEME}, documented in docs/dicom-out.md.
 */
public record CodedConcept(String value, String scheme, String meaning) {
    /** The private coding scheme designator of the concepts the standard has no code for ("99" + name, PS3.16 section 8). */
    public static final String CALCIFY_SCHEME = "99CALCIFY";

    public CodedConcept {
        if (value.isEmpty() || value.length() > 16 || scheme.isEmpty() || meaning.isEmpty() || meaning.length() > 64) {
            throw new IllegalArgumentException("bad coded concept (" + value + ", " + scheme + ", \"" + meaning + "\")");
        }
    }

    /** The Code Sequence item: CodeValue (0008,0100), CodingSchemeDesignator (0008,0102), CodeMeaning (0008,0104). */
    public DicomDataset item() {
        return new DicomDataset()
                .string(0x00080100, Vr.SH, value)
                .string(0x00080102, Vr.SH, scheme)
                .string(0x00080104, Vr.LO, meaning);
    }

    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
