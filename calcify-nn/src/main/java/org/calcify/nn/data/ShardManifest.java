package org.calcify.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;

/**
 * {@code shards.csv}: the one file that makes a folder of shard folders (one a partition of
 * {@code calcify cohort extract}) one DATA for {@code calcify train}. Columns {@code shards} (a folder relative to
 * the manifest's) and {@code rows}; the folders are read in the manifest's order, and their scans are assigned to
 * folds by name, as for a single shard folder.
 */
public final class ShardManifest {
    /** The manifest's file name in a DATA folder. */
    public static final String FILE = "shards.csv";

    private ShardManifest() {
    }

    /** One listed shard folder. */
    public record Entry(String shards, long rows) {
    }

    public static boolean isManifestFolder(Path data) {
        return Files.isRegularFile(data.resolve(FILE));
    }

    /** Writes {@code data/shards.csv} (atomically). */
    public static void write(Path data, List<Entry> entries) throws IOException {
        List<List<?>> rows = new ArrayList<>();
        for (Entry e : entries) {
            rows.add(List.of(e.shards(), e.rows()));
        }
        org.calcify.io.AtomicOutput.write(data.resolve(FILE),
                CsvTable.toCsv(List.of("shards", "rows"), rows).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The shard folders a manifest lists, each checked to be one. */
    public static List<Path> folders(Path data) throws IOException {
        Path file = data.resolve(FILE);
        CsvTable t = CsvTable.read(file);
        int col = t.column("shards");
        if (col < 0) {
            throw new InvalidInputException(file, "no shards column");
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            String rel = t.rows().get(i).get(col).trim();
            Path dir = data.resolve(rel).normalize();
            if (rel.isEmpty() || !dir.startsWith(data.normalize()) || !ShardSet.isShardFolder(dir)) {
                throw new InvalidInputException(file, "row " + (i + 2) + ": " + rel + " is not a shard folder inside " + data);
            }
            out.add(dir);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file, "lists no shard folders");
        }
        return out;
    }
}
