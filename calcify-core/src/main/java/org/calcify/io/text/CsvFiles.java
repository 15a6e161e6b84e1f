package org.calcify.io.text;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Every CSV file Calcify writes or reads with a fixed set of columns: one record type per file, its components
 * (or its {@code @JsonPropertyOrder}) the columns in order, a header row, {@code \n} line ends. Fields are quoted
 * only when they must be (a separator, quote or line break inside; RFC 4180). Numbers follow
 * {@link NumberPolicy}: not finite is an empty field, and an empty field is read into a {@code double} as NaN.
 * Tables whose columns are known only at run time are {@link CsvTable}s.
 */
public final class CsvFiles {
    private static final CsvMapper CSV = CsvMapper.builder()
            .addModule(NumberPolicy.module())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .build();

    private CsvFiles() {
    }

    /** The columns of {@code type}'s CSV file, in order. */
    public static List<String> columns(Class<?> type) {
        CsvSchema s = CSV.schemaFor(type);
        return java.util.stream.StreamSupport.stream(s.spliterator(), false).map(CsvSchema.Column::getName).toList();
    }

    /** The CSV text of {@code rows}, with a header row. */
    public static <T> String toCsv(List<T> rows, Class<T> type) {
        return CSV.writer(CSV.schemaFor(type).withHeader()).writeValueAsString(rows);
    }

    /** Writes {@code rows} with a header row, atomically (a temporary file renamed into place). */
    public static <T> void write(Path file, List<T> rows, Class<T> type) throws IOException {
        AtomicOutput.write(file, toCsv(rows, type).getBytes(StandardCharsets.UTF_8));
    }

    /** A writer of rows of {@code type} to {@code out}, one at a time after the header; close it to flush. */
    public static <T> SequenceWriter rowWriter(Writer out, Class<T> type) {
        return CSV.writer(CSV.schemaFor(type).withHeader()).writeValues(out);
    }

    /**
     * Reads a CSV file with a header row into records, columns by name. A column the record lacks, a value of
     * the wrong type or a broken quote is an {@link InvalidInputException} naming the file.
     */
    public static <T> List<T> read(Path file, Class<T> type) throws IOException {
        try (var it = CSV.readerFor(type).with(CsvSchema.emptySchema().withHeader())
                .<T>readValues(Files.readString(file, StandardCharsets.UTF_8))) {
            return it.readAll();
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not a valid CSV table for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** The mapper, for readers and writers with a schema of their own ({@link CsvTable}). */
    static CsvMapper mapper() {
        return CSV;
    }
}
