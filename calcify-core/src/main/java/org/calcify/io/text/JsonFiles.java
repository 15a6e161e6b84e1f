package org.calcify.io.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON file Calcify writes or reads: one mapper, bound to records (or maps for free-form sections).
 * Written indented by two spaces, {@code "key": value}, arrays on one line ({@code [1, 2]}), a newline at the
 * end; properties in the record's component order. Numbers follow {@link NumberPolicy}: not finite is
 * {@code null}, and {@code null} is read back into a {@code double} as NaN.
 */
public final class JsonFiles {
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(NumberPolicy.module())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .defaultPrettyPrinter(printer())
            .build();

    private JsonFiles() {
    }

    private static DefaultPrettyPrinter printer() {
        Separators s = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withArrayElementSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(s)
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance());
    }

    /** The JSON text of {@code value}, indented, ending in a newline. */
    public static String toJson(Object value) {
        return JSON.writeValueAsString(value) + "\n";
    }

    /** Writes {@code value} as JSON to {@code file}, atomically (a temporary file renamed into place). */
    public static void write(Path file, Object value) throws IOException {
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

    /** Reads a JSON file into a record or class; a file that does not fit is an {@link InvalidInputException} naming it. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8), type);
    }

    /** Reads a JSON file into a generic type ({@code new TypeReference<Map<String, Object>>() {}}). */
    public static <T> T read(Path file, TypeReference<T> type) throws IOException {
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses JSON text read from {@code source} (named in the error) into {@code type}. */
    public static <T> T parse(Path source, String text, Class<T> type) throws InvalidInputException {
        try {
            return JSON.readValue(text, type);
        } catch (JacksonException e) {
            throw new InvalidInputException(source, "not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** The mapper, for trees and custom readers. */
    public static JsonMapper mapper() {
        return JSON;
    }
}
