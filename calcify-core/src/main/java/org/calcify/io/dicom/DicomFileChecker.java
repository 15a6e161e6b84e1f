package org.calcify.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides cheaply (at most 256 bytes read) whether a file is DICOM: "DICM" at offset 128, or, for a
 * file without preamble, a first element that parses as a plausible group 0002 or 0008 element in
 * implicit or explicit VR (little or big endian).
 */
public final class DicomFileChecker {
    private static final int PROBE_BYTES = 256;

    private DicomFileChecker() {
    }

    /** True if {@code file} is a regular file that looks like DICOM; unreadable files are not. */
    public static boolean isDicom(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] b = new byte[PROBE_BYTES];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(b, 0, PROBE_BYTES);
        } catch (IOException e) {
            return false;
        }
        return looksLikeDicom(b, n, size);
    }

    static boolean looksLikeDicom(byte[] b, int n, long fileSize) {
        if (DicomParser.hasPreamble(b, n)) {
            return true;
        }
        if (n < 12) {
            return false;
        }
        int groupLe = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        int groupBe = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        boolean le = groupLe == 0x0002 || groupLe == 0x0008;
        boolean be = groupBe == 0x0008;
        if (!le && !be) {
            return false;
        }
        int element = le ? (b[2] & 0xFF) | (b[3] & 0xFF) << 8 : (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        if (element > 0x1FFF) {
            return false;
        }
        boolean vrLetters = b[4] >= 'A' && b[4] <= 'Z' && b[5] >= 'A' && b[5] <= 'Z';
        if (vrLetters) {
            return true; // explicit VR
        }
        if (!le) {
            return false;
        }
        long length = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
        return length <= fileSize - 8 && length < 65536; // implicit VR: a plausible short value
    }
}
