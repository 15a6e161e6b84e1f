package org.calcify.app.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The order a cohort's scans are started in: the largest on disk first (longest processing time first), so that the
 * last scans to start are the small ones and the workers finish together, instead of one 600-slice series running
 * alone after every other scan is done. Outputs and tables keep the input order; only the start order changes.
 */
public final class LargestFirst {
    private LargestFirst() {
    }

    /** Indexes into {@code bytes}, the largest first; equal sizes keep their input order. */
    public static int[] order(long[] bytes) {
        return IntStream.range(0, bytes.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> bytes[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    /** The start order of {@code paths} (scan files, DICOM folders), by {@link #bytesOnDisk}. */
    public static int[] order(List<Path> paths) {
        return order(paths.stream().mapToLong(LargestFirst::bytesOnDisk).toArray());
    }

    /**
     * A scan's size as its files say, which the work follows: a file's length; for a folder (a DICOM series, one file a
     * slice) its entries times the length of the first file among them — one listing and one file's attributes, not
     * every file's (thousands of series on shared storage would otherwise cost a stat per slice). 0 when it cannot be
     * read: such a scan fails quickly anyway.
     */
    public static long bytesOnDisk(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                return Files.size(path);
            }
            if (Files.isDirectory(path)) {
                List<Path> entries;
                try (Stream<Path> s = Files.list(path)) {
                    entries = s.toList();
                }
                for (Path p : entries) {
                    if (Files.isRegularFile(p)) {
                        return entries.size() * Files.size(p);
                    }
                }
            }
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return 0;
        }
        return 0;
    }
}
