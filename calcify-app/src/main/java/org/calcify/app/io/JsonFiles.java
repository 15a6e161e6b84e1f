package org.calcify.app.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Every JSON and CSV file the application layer writes or reads goes through here: one mapper per
 * format, bound to records. The NaN policy is one: a number that is not finite is written as
 * {@code null} (JSON) or an empty field (CSV), which is why row records hold boxed numbers that are
 * null when unknown. CSV fields are quoted as RFC 4180 says (a message with commas stays one field).
 */
public final class JsonFiles {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final CsvMapper CSV = CsvMapper.builder().build();

    private JsonFiles() {
    }

    /** The JSON text of {@code value}, indented, ending in a newline. */
    public static String toJson(Object value) {
        return JSON.writeValueAsString(value) + "\n";
    }

    /** Writes {@code value} as JSON to {@code file}, atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        AtomicOutput.write(file, toJson(value).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a JSON file as a tree; a malformed file is an {@link InvalidInputException} naming it. */
    public static JsonNode readTree(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads a JSON file into a record or class. */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** The CSV text of {@code rows} with a header row, columns in the record's component order. */
    public static <T> String toCsv(List<T> rows, Class<T> type) {
        CsvSchema schema = CSV.schemaFor(type).withHeader();
        return CSV.writer(schema).writeValueAsString(rows);
    }

    /** Writes {@code rows} as CSV with a header, atomically. */
    public static <T> void writeCsv(Path file, List<T> rows, Class<T> type) throws IOException {
        AtomicOutput.write(file, toCsv(rows, type).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a CSV file with a header row into records (columns by name; unknown columns are an error). */
    public static <T> List<T> readCsv(Path file, Class<T> type) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (var it = CSV.readerFor(type).with(schema).<T>readValues(Files.readString(file, StandardCharsets.UTF_8))) {
            return it.readAll();
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not a valid CSV table: " + e.getOriginalMessage());
        }
    }

    /** The mapper, for callers that need a tree or a custom reader. */
    public static JsonMapper json() {
        return JSON;
    }

    /** The CSV mapper. */
    public static CsvMapper csv() {
        return CSV;
    }
}
