package org.calcify.io.dicom.write;

/**
 * The value representations the writer uses (PS3.5 section 6.2), with how explicit VR little endian
 * encodes their length and what pads an odd value.
 */
public enum Vr {
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OW, PN, SH, SQ, SS, ST, TM, UI, UL, UN, US, UT;

    /** True for the VRs with a reserved 2 bytes and a 4-byte length (PS3.5 table 7.1-1). */
    boolean longLength() {
        return switch (this) {
            case OB, OW, SQ, UN, UT -> true;
            default -> false;
        };
    }

    /** The byte that pads a value to even length: NUL for UI and binary VRs, space for text. */
    byte padding() {
        return switch (this) {
            case UI, OB, OW, UN -> 0;
            default -> ' ';
        };
    }

    /** True for VRs whose values are text (padded with {@link #padding()}). */
    boolean text() {
        return switch (this) {
            case AT, FD, FL, OB, OW, SQ, SS, UL, UN, US -> false;
            default -> true;
        };
    }
}
