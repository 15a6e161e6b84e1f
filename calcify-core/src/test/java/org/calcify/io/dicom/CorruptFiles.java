package org.calcify.io.dicom;

import java.nio.charset.StandardCharsets;

/** Byte-level edits of real DICOM files, for the error tests. */
final class CorruptFiles {
    private CorruptFiles() {
    }

    /** Index of the first occurrence of {@code needle} in {@code hay}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Replaces the UID value {@code from} (and its element length) by {@code to}. */
    static byte[] replaceUid(byte[] file, String from, String to) {
        byte[] f = pad(from);
        byte[] t = pad(to);
        int at = indexOf(file, f, 0);
        if (at < 0) {
            throw new AssertionError("UID not found");
        }
        byte[] out = new byte[file.length - f.length + t.length];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(t, 0, out, at, t.length);
        System.arraycopy(file, at + f.length, out, at + t.length, file.length - at - f.length);
        // explicit VR LE "UI" + 2-byte length just before the value
        if (out[at - 4] == 'U' && out[at - 3] == 'I') {
            out[at - 2] = (byte) t.length;
            out[at - 1] = (byte) (t.length >> 8);
        } else {
            out[at - 4] = (byte) t.length;
            out[at - 3] = (byte) (t.length >> 8);
        }
        return out;
    }

    private static byte[] pad(String uid) {
        String s = uid.length() % 2 == 1 ? uid + "\0" : uid;
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Offset of the value of element (group, element) in an explicit VR LE file with a short-length VR. */
    static int shortValueOffset(byte[] file, int group, int element, String vr) {
        byte[] tag = {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8), (byte) vr.charAt(0), (byte) vr.charAt(1)};
        int at = indexOf(file, tag, 132);
        if (at < 0) {
            throw new AssertionError("element not found");
        }
        return at + 8;
    }
}
