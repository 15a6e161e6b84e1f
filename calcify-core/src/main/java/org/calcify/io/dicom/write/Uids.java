package org.calcify.io.dicom.write;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * UIDs of the objects Calcify writes. Every new UID is {@code 2.25.} followed by the decimal value of a
 * random (version 4) UUID, the UUID-derived root of PS3.5 section B.2: unique without a registered root.
 * The implementation class UID (0002,0012) is one such UID, fixed for Calcify. Documented in docs/dicom-out.md.
 */
public final class Uids {
    /** The root every UID Calcify makes starts with (PS3.5 B.2). */
    public static final String ROOT = "2.25.";
    /** (0002,0012) Implementation Class UID of Calcify's writer: a UUID-derived UID made once. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.216780262351771390137521796211361723437";
    /** (0002,0013) Implementation Version Name (at most 16 characters). */
    public static final String IMPLEMENTATION_VERSION_NAME = "CALCIFY";

    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    public static final String COMPREHENSIVE_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.33";
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private Uids() {
    }

    /** A new UID: {@code 2.25.} and a random UUID as an unsigned decimal integer (at most 44 characters). */
    public static String newUid() {
        return fromUuid(UUID.randomUUID());
    }

    /** The UID of {@code uuid} under {@link #ROOT}. */
    public static String fromUuid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ROOT + new BigInteger(1, b.array());
    }

    /** True when {@code uid} is a valid UID: at most 64 characters, dot-separated numbers without leading zeros. */
    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && uid.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    }
}
