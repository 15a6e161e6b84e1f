package org.calcify.app.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.text.CsvFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application layer's name for Calcify's JSON and CSV codec, which lives in calcify-core
 * ({@link org.calcify.io.text.JsonFiles}, {@link CsvFiles}) so that core and nn files share it: one mapper per
 * format, bound to records, one number policy (not finite is written as null or an empty CSV field and read
 * back as NaN), CSV quoted as RFC 4180 says.
 */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** The JSON text of {@code value}, indented, ending in a newline. */
    public static String toJson(Object value) {
        return org.calcify.io.text.JsonFiles.toJson(value);
    }

    /** Writes {@code value} as JSON to {@code file}, atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        org.calcify.io.text.JsonFiles.write(file, value);
    }

    /** Reads a JSON file as a tree; a malformed file is an InvalidInputException naming it. */
    public static JsonNode readTree(Path file) throws IOException {
        return org.calcify.io.text.JsonFiles.readTree(file);
    }

    /** Reads a JSON file into a record or class. */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return org.calcify.io.text.JsonFiles.read(file, type);
    }

    /** The CSV text of {@code rows} with a header row, columns in the record's component order. */
    public static <T> String toCsv(List<T> rows, Class<T> type) {
        return CsvFiles.toCsv(rows, type);
    }

    /** Writes {@code rows} as CSV with a header, atomically. */
    public static <T> void writeCsv(Path file, List<T> rows, Class<T> type) throws IOException {
        CsvFiles.write(file, rows, type);
    }

    /** Reads a CSV file with a header row into records (columns by name; unknown columns are an error). */
    public static <T> List<T> readCsv(Path file, Class<T> type) throws IOException {
        return CsvFiles.read(file, type);
    }

    /** The JSON mapper. */
    public static JsonMapper json() {
        return org.calcify.io.text.JsonFiles.mapper();
    }
}
