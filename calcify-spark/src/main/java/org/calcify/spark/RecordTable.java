package org.calcify.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.calcify.io.text.CsvFiles;
import tools.jackson.databind.JsonNode;

/**
 * A record type as a Spark table: the columns its CSV file has (names and order from the record, as the project's
 * CSV layer writes them), typed from its components (text, whole numbers, real numbers; enums as the text their
 * JSON has). One definition of each table, for CSV and Parquet alike.
 */
final class RecordTable<T extends Record> {
    private final List<String> columns;
    private final List<DataType> types;

    RecordTable(Class<T> type) {
        columns = CsvFiles.columns(type);
        types = new ArrayList<>();
        for (String c : columns) {
            types.add(typeOf(component(type, c).getType()));
        }
    }

    StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.add(DataTypes.createStructField(columns.get(i), types.get(i), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The Spark rows of {@code records}, values as their JSON has them (a non-finite number is null). */
    List<Row> rows(List<T> records) {
        List<Row> out = new ArrayList<>(records.size());
        for (T r : records) {
            JsonNode n = org.calcify.app.io.JsonFiles.json().valueToTree(r);
            Object[] v = new Object[columns.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode f = n.get(columns.get(i));
                DataType t = types.get(i);
                if (f == null || f.isNull()) {
                    v[i] = null;
                } else if (t == DataTypes.DoubleType) {
                    v[i] = f.asDouble();
                } else if (t == DataTypes.IntegerType) {
                    v[i] = f.asInt();
                } else if (t == DataTypes.LongType) {
                    v[i] = f.asLong();
                } else if (t == DataTypes.BooleanType) {
                    v[i] = f.asBoolean();
                } else {
                    v[i] = f.asString();
                }
            }
            out.add(RowFactory.create(v));
        }
        return out;
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

    private static DataType typeOf(Class<?> c) {
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return DataTypes.DoubleType;
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return DataTypes.IntegerType;
        }
        if (c == Long.class || c == long.class) {
            return DataTypes.LongType;
        }
        if (c == Boolean.class || c == boolean.class) {
            return DataTypes.BooleanType;
        }
        return DataTypes.StringType;
    }
}
