package org.calcify.io.nrrd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.raw.TextHeader;

/**
 * A parsed NRRD header: the fields ({@code "field: value"}, keys lower-cased) and key/value pairs
 * ({@code "key:=value"}), and where the attached data starts.
 *
 * @param fields    NRRD fields by lower-case name ("sizes", "space directions", ...)
 * @param keyValues free-form key/value pairs
 * @param dataOffset offset of the first data byte in the header file (attached data)
 */
record NrrdHeader(Map<String, String> fields, Map<String, String> keyValues, long dataOffset) {

    static boolean hasMagic(byte[] head) {
        return head.length >= 8 && new String(head, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).matches("NRRD000\\d");
    }

    static NrrdHeader read(Path path) throws IOException {
        TextHeader text;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            text = TextHeader.read(in, path, s -> false, true);
        }
        List<String> lines = text.lines();
        if (lines.isEmpty() || !lines.get(0).matches("NRRD000\\d")) {
            throw new InvalidInputException(path, "not a NRRD file (no NRRD000x magic line)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> keyValues = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("#")) {
                continue;
            }
            int kv = line.indexOf(":=");
            int colon = line.indexOf(": ");
            if (kv >= 0 && (colon < 0 || kv < colon)) {
                keyValues.put(line.substring(0, kv), line.substring(kv + 2));
            } else if (colon > 0) {
                fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 2).trim());
            } else {
                throw new InvalidInputException(path, "bad NRRD header line '" + abbreviate(line) + "'");
            }
        }
        return new NrrdHeader(fields, keyValues, text.endOffset());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The field's value, or {@code null}. Field names are matched without spaces too ("datafile"). */
    String get(String name) {
        String v = fields.get(name);
        return v != null ? v : fields.get(name.replace(" ", ""));
    }

    String require(Path path, String name) throws InvalidInputException {
        String v = get(name);
        if (v == null) {
            throw new InvalidInputException(path, "NRRD header has no '" + name + "' field");
        }
        return v;
    }
}
