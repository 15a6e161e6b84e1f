package org.calcify.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.text.CsvFiles;
import tools.jackson.databind.JsonNode;

/**
 * A record type as a table: the columns its CSV file has (names and order from the record, as the project's CSV
 * layer writes them), each of a {@link Kind} from its component's type; values as the record's JSON has them
 * (enums as their JSON text, a non-finite number as null). One definition of each table, for CSV and Parquet.
 */
final class RecordTable<T extends Record> {
    /** What a column holds. */
    enum Kind { TEXT, REAL, INT, LONG, BOOLEAN }

    private final List<String> columns;
    private final List<Kind> kinds;

    RecordTable(Class<T> type) {
        columns = CsvFiles.columns(type);
        kinds = new ArrayList<>();
        for (String c : columns) {
            kinds.add(kindOf(component(type, c).getType()));
        }
    }

    List<String> columns() {
        return columns;
    }

    List<Kind> kinds() {
        return kinds;
    }

    /** The values of one record, column by column (null where none). */
    Object[] values(T record) {
        JsonNode n = org.calcify.app.io.JsonFiles.json().valueToTree(record);
        Object[] v = new Object[columns.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode f = n.get(columns.get(i));
            if (f == null || f.isNull()) {
                continue;
            }
            v[i] = switch (kinds.get(i)) {
                case REAL -> f.asDouble();
                case INT -> f.asInt();
                case LONG -> f.asLong();
                case BOOLEAN -> f.asBoolean();
                case TEXT -> f.asString();
            };
        }
        return v;
    }

    private static RecordComponent component(Class<?> type, String column) {
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            if (c.getName().equals(column) || p != null && p.value().equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no component for column " + column);
    }

    private static Kind kindOf(Class<?> c) {
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return Kind.REAL;
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return Kind.INT;
        }
        if (c == Long.class || c == long.class) {
            return Kind.LONG;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Kind.BOOLEAN;
        }
        return Kind.TEXT;
    }
}
