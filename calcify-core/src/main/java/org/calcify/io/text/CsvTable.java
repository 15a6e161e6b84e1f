package org.calcify.io.text;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV table whose columns are known only at run time (one per class, or whatever columns a user's table has):
 * a header and rows of fields, read and written by the same CSV mapper as {@link CsvFiles}, with the same
 * quoting and number policy. Rows read are as long as the header (a shorter or longer row is an error).
 *
 * @param header the column names
 * @param rows   the fields of each row, as text
 */
public record CsvTable(List<String> header, List<List<String>> rows) {
    public CsvTable {
        header = List.copyOf(header);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    /** Reads {@code file}: its first row is the header; empty lines are skipped. */
    public static CsvTable read(Path file) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code file}, whose header row is optional: when its first line does not start with the first of
     * {@code header} (ignoring case), {@code header} is taken as its columns.
     */
    public static CsvTable readOptionalHeader(Path file, List<String> header) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean headed = text.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith(header.get(0).toLowerCase(java.util.Locale.ROOT));
        return parse(file, headed ? text : String.join(",", header) + "\n" + text);
    }

    /** Parses CSV {@code text} read from {@code source} (named in errors). */
    public static CsvTable parse(Path source, String text) throws InvalidInputException {
        List<String[]> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = CsvFiles.mapper().readerFor(String[].class).with(CsvReadFeature.WRAP_AS_ARRAY)
                .readValues(text)) {
            while (it.hasNextValue()) {
                String[] r = it.nextValue();
                if (!(r.length == 0 || r.length == 1 && r[0].isBlank())) {
                    lines.add(r);
                }
            }
        } catch (JacksonException e) {
            throw new InvalidInputException(source, "not a valid CSV table: " + e.getOriginalMessage());
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(source, "empty CSV (no header)");
        }
        String[] header = lines.get(0);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] r = lines.get(i);
            if (r.length != header.length) {
                throw new InvalidInputException(source, "row " + (i + 1) + " has " + r.length + " fields, the header " + header.length);
            }
            rows.add(Arrays.asList(r));
        }
        return new CsvTable(Arrays.stream(header).map(String::trim).toList(), rows);
    }

    /** The index of column {@code name}, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** The field of row {@code row} in column {@code name}, or null when there is no such column. */
    public String get(int row, String name) {
        int c = column(name);
        return c < 0 ? null : rows.get(row).get(c);
    }

    /** The numbers of column {@code name} by {@link NumberPolicy#parse} (NaN where a field is not a number; all NaN when there is no such column). */
    public double[] doubles(String name) {
        int c = column(name);
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = c < 0 ? Double.NaN : NumberPolicy.parse(rows.get(i).get(c));
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    private static CsvSchema schema(List<String> header) {
        CsvSchema.Builder b = CsvSchema.builder();
        for (String h : header) {
            b.addColumn(h);
        }
        return b.build().withHeader();
    }

    /**
     * A writer of rows of values under {@code header}, one {@code write(List)} per row, for tables too large to hold
     * (close it to flush; closing it closes {@code out}).
     */
    public static SequenceWriter rowWriter(Writer out, List<String> header) {
        return CsvFiles.mapper().writer(schema(header)).writeValues(out);
    }

    /** The CSV text of a header and rows of values (strings, numbers by {@link NumberPolicy}, null as empty). */
    public static String toCsv(List<String> header, List<? extends List<?>> rows) {
        for (List<?> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("a row of " + r.size() + " values under " + header.size() + " columns");
            }
        }
        return CsvFiles.mapper().writer(schema(header)).writeValueAsString(rows);
    }

    /** Writes a header and rows of values as CSV, atomically. */
    public static void write(Path file, List<String> header, List<? extends List<?>> rows) throws IOException {
        AtomicOutput.write(file, toCsv(header, rows).getBytes(StandardCharsets.UTF_8));
    }
}
