package org.calcify.io.dicom;

import java.util.Map;

/**
 * The DICOM transfer syntaxes Calcify knows: how a data set is encoded (VR explicit or implicit, byte
 * order, deflate) and, for encapsulated pixel data, which {@link PixelDecoder} decodes the frames.
 * Transfer syntaxes outside this enum are named by {@link #describe(String)} in error messages.
 */
public enum TransferSyntax {
    IMPLICIT_VR_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, Encoding.NATIVE),
    EXPLICIT_VR_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, Encoding.NATIVE),
    DEFLATED_EXPLICIT_VR_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, Encoding.NATIVE),
    EXPLICIT_VR_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, Encoding.NATIVE),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, Encoding.RLE),
    JPEG_LOSSLESS_P14("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false,
            Encoding.JPEG_LOSSLESS),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)",
            true, false, false, Encoding.JPEG_LOSSLESS),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, false,
            Encoding.JPEG_2000),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, false, Encoding.JPEG_2000);

    /** How the pixel data of a transfer syntax is stored. */
    public enum Encoding { NATIVE, RLE, JPEG_LOSSLESS, JPEG_2000 }

    private static final Map<String, String> OTHER_NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)"),
            Map.entry("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12)"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
            Map.entry("1.2.840.10008.1.2.4.94", "JPIP Referenced"),
            Map.entry("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            Map.entry("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            Map.entry("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation"));

    private final String uid;
    private final String title;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final Encoding encoding;

    TransferSyntax(String uid, String title, boolean explicitVr, boolean bigEndian, boolean deflated, Encoding encoding) {
        this.uid = uid;
        this.title = title;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encoding = encoding;
    }

    public String uid() { return uid; }
    public String title() { return title; }
    public boolean explicitVr() { return explicitVr; }
    public boolean bigEndian() { return bigEndian; }
    public boolean deflated() { return deflated; }
    public Encoding encoding() { return encoding; }
    public boolean encapsulated() { return encoding != Encoding.NATIVE; }

    /** The supported transfer syntax with this UID, or null. */
    public static TransferSyntax byUid(String uid) {
        for (TransferSyntax ts : values()) {
            if (ts.uid.equals(uid)) {
                return ts;
            }
        }
        return null;
    }

    /** "UID (name)" for any transfer syntax UID, supported or not. */
    public static String describe(String uid) {
        TransferSyntax ts = byUid(uid);
        String name = ts != null ? ts.title : OTHER_NAMES.getOrDefault(uid, "unknown transfer syntax");
        return uid + " (" + name + ")";
    }

    @Override
    public String toString() {
        return describe(uid);
    }
}
