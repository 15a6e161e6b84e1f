package org.calcify.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.calcify.app.io.JsonFiles;

/**
 * Writes a cohort table as {@code OUT/NAME.csv} (the project's CSV layer, one file, renamed into place) and
 * {@code OUT/NAME.parquet/} (Spark's writer into a temporary folder beside it, then renamed): a reader never sees
 * half a table, and a killed run leaves the previous table or none.
 */
final class CohortTables {
    private CohortTables() {
    }

    static <T extends Record> void write(SparkSession spark, Path out, String name, List<T> rows, Class<T> type) throws IOException {
        JsonFiles.writeCsv(out.resolve(name + ".csv"), rows, type);
        RecordTable<T> table = new RecordTable<>(type);
        Path target = out.resolve(name + ".parquet").toAbsolutePath();
        Path tmp = out.resolve("." + name + ".parquet." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp").toAbsolutePath();
        spark.createDataFrame(table.rows(rows), table.schema()).coalesce(1).write().parquet(tmp.toUri().toString());
        Path old = null;
        if (Files.exists(target)) {
            old = out.resolve("." + name + ".parquet." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".old").toAbsolutePath();
            Files.move(target, old);
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Removes temporary tables a killed run left in {@code out}. */
    static void removeLeftovers(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\..+\\.parquet\\.\\d+-\\d+\\.(tmp|old)")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString().replaceAll(".*\\.parquet\\.(\\d+)-.*", "$1"));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
