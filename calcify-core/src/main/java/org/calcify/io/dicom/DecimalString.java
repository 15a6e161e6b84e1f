package org.calcify.io.dicom;

import java.nio.file.Path;
import org.calcify.io.InvalidInputException;

/** DICOM decimal strings (DS): backslash-separated numbers, each finite, or the file is refused naming the tag. */
final class DecimalString {
    private DecimalString() {
    }

    /** The values of {@code text} (tag {@code tag}'s whole value), split on backslashes. */
    static String[] split(String text) {
        return text.split("\\\\", -1);
    }

    /** The first {@code n} of {@code parts} (split from {@code text}, the tag's value) as finite numbers. */
    static double[] parse(Path file, int tag, String text, String[] parts, int n) throws InvalidInputException {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file, DicomParser.tagName(tag) + " value '" + text + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException(file, DicomParser.tagName(tag) + " value '" + text + "' is not finite");
            }
        }
        return v;
    }
}
