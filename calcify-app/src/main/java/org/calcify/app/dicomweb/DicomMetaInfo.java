package org.calcify.app.dicomweb;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the MediaStorageSOPInstanceUID (0002,0003) from a Part 10 file's meta information (explicit VR little endian). */
final class DicomMetaInfo {
    private DicomMetaInfo() {
    }

    /** The SOP Instance UID the file's meta information names, or "" when it has none (or is no Part 10 file). */
    static String sopInstanceUid(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            byte[] head = in.readNBytes(132);
            if (head.length < 132 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
                return "";
            }
            for (int i = 0; i < 64; i++) {
                byte[] h = in.readNBytes(8);
                if (h.length < 8) {
                    return "";
                }
                int group = u16(h, 0);
                int element = u16(h, 2);
                if (group != 2) {
                    return "";
                }
                String vr = new String(h, 4, 2, StandardCharsets.US_ASCII);
                long length;
                if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT") || vr.equals("UC")
                        || vr.equals("UR") || vr.equals("OD") || vr.equals("OF") || vr.equals("OL") || vr.equals("OV")) {
                    byte[] l = in.readNBytes(4);
                    if (l.length < 4) {
                        return "";
                    }
                    length = (u16(l, 0) | (long) u16(l, 2) << 16);
                } else {
                    length = u16(h, 6);
                }
                if (length > 1024) {
                    return "";
                }
                byte[] value = in.readNBytes((int) length);
                if (element == 3) {
                    return new String(value, StandardCharsets.US_ASCII).replace("\0", "").trim();
                }
            }
            return "";
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }
}
