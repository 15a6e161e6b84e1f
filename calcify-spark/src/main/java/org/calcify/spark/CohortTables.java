package org.calcify.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.calcify.app.io.JsonFiles;
import org.calcify.io.AtomicOutput;

/**
 * Writes a cohort table on the driver, where its rows were collected, as {@code OUT/NAME.csv} (the project's CSV
 * layer) and {@code OUT/NAME.parquet} (one Parquet file, written with Parquet's own writer: no Spark job, no Hadoop
 * file system), each under a temporary name and renamed: a reader never sees half a table, and a killed run leaves
 * the previous table or none. Spark, pandas, DuckDB and Arrow read the file as they read a Parquet folder.
 */
final class CohortTables {
    private CohortTables() {
    }

    static <T extends Record> void write(Path out, String name, List<T> rows, Class<T> type) throws IOException {
        JsonFiles.writeCsv(out.resolve(name + ".csv"), rows, type);
        writeParquet(out.resolve(name + ".parquet"), rows, new RecordTable<>(type));
    }

    static <T extends Record> void writeParquet(Path target, List<T> rows, RecordTable<T> table) throws IOException {
        MessageType schema = schema(table);
        Path tmp = AtomicOutput.temporaryFor(target);
        try {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp)).withType(schema)
                    .withConf(new PlainParquetConfiguration()).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
                for (T r : rows) {
                    Object[] v = table.values(r);
                    Group g = groups.newGroup();
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] == null) {
                            continue;
                        }
                        String c = table.columns().get(i);
                        switch (table.kinds().get(i)) {
                            case REAL -> g.append(c, (Double) v[i]);
                            case INT -> g.append(c, (Integer) v[i]);
                            case LONG -> g.append(c, (Long) v[i]);
                            case BOOLEAN -> g.append(c, (Boolean) v[i]);
                            case TEXT -> g.append(c, (String) v[i]);
                        }
                    }
                    w.write(g);
                }
            }
            AtomicOutput.moveIntoPlace(tmp, target);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    private static MessageType schema(RecordTable<?> table) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int i = 0; i < table.columns().size(); i++) {
            String c = table.columns().get(i);
            switch (table.kinds().get(i)) {
                case REAL -> b.optional(PrimitiveTypeName.DOUBLE).named(c);
                case INT -> b.optional(PrimitiveTypeName.INT32).named(c);
                case LONG -> b.optional(PrimitiveTypeName.INT64).named(c);
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c);
                case TEXT -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c);
            }
        }
        return b.named("calcify");
    }

    static void deleteTree(Path p) throws IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(f);
            }
        }
    }
}
