package org.calcify.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.io.JsonFiles;
import org.calcify.extract.PatchExtraction;
import org.calcify.extract.ScanInput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;
import org.calcify.seed.ProgressListener;
import org.calcify.seed.ShardWriter;

/**
 * One partition of {@code cohort extract}: its scans cut by the patch engine of {@code calcify extract}
 * ({@link PatchExtraction}) into one shard folder, {@code OUT/part-NNNNN/}, then its {@code scans.csv} (one
 * {@link ExtractRow} a scan), written last: a partition with a {@code scans.csv} is finished and read back by a
 * rerun. A scan that cannot be read is left out with its error and the partition cut again without it.
 */
final class ExtractTask implements Function2<Integer, Iterator<ScanRef>, Iterator<ExtractRow>> {
    private static final long serialVersionUID = 1L;
    static final String SCANS = "scans.csv";
    private final ExtractSettings settings;
    private final String out;

    ExtractTask(ExtractSettings settings, String out) {
        this.settings = settings;
        this.out = out;
    }

    static String partName(int partition) {
        return String.format(Locale.ROOT, "part-%05d", partition);
    }

    @Override
    public Iterator<ExtractRow> call(Integer partition, Iterator<ScanRef> scans) throws IOException {
        String part = partName(partition);
        Path dir = Path.of(out).resolve(part);
        Path done = dir.resolve(SCANS);
        if (Files.isRegularFile(done)) {
            return JsonFiles.readCsv(done, ExtractRow.class).iterator();
        }
        long t0 = System.nanoTime();
        List<ScanRef> todo = new ArrayList<>();
        scans.forEachRemaining(todo::add);
        Map<String, ExtractRow> failed = new HashMap<>();
        for (ScanRef s : todo) {
            if (s.labels() == null) {
                failed.put(s.name(), row(s, ScanStatus.FAILED, null, null, t0, s.path()
                        + ": no label map (list it in a labels column, or put labels.nii.gz beside ct.nii.gz)"));
            }
        }
        // scans on a file system read through Hadoop are copied here first (RemoteScans), and deleted after
        Map<String, RemoteScans.Staged> staged = new HashMap<>();
        try {
            for (ScanRef s : todo) {
                if (s.remote() && !failed.containsKey(s.name())) {
                    try {
                        staged.put(s.name(), RemoteScans.stage(s));
                    } catch (InvalidInputException e) {
                        failed.put(s.name(), row(s, ScanStatus.FAILED, null, null, t0, e.getMessage()));
                    }
                }
            }
            return extract(part, dir, done, todo, failed, staged, t0);
        } finally {
            for (RemoteScans.Staged st : staged.values()) {
                st.close();
            }
        }
    }

    private Iterator<ExtractRow> extract(String part, Path dir, Path done, List<ScanRef> todo, Map<String, ExtractRow> failed,
                                         Map<String, RemoteScans.Staged> staged, long t0) throws IOException {
        Map<String, Long> patches = Map.of();
        while (true) {
            List<ScanInput> inputs = new ArrayList<>();
            for (ScanRef s : todo) {
                if (!failed.containsKey(s.name())) {
                    RemoteScans.Staged st = staged.get(s.name());
                    inputs.add(st == null ? new ScanInput(s.name(), Path.of(s.path()), Path.of(s.labels()))
                            : new ScanInput(s.name(), st.listed().scan().path(), st.listed().labels()));
                }
            }
            if (inputs.isEmpty()) {
                break;
            }
            try {
                new PatchExtraction(settings.options(), ProgressListener.NONE).run(inputs, List.of(), dir);
                patches = countByScan(dir);
                break;
            } catch (InvalidInputException e) {
                ScanRef bad = culprit(todo, staged, e.file());
                if (bad == null || failed.containsKey(bad.name())) {
                    throw e; // not one scan's fault: the task fails (and Spark retries it)
                }
                RemoteScans.Staged st = staged.get(bad.name());
                failed.put(bad.name(), row(bad, ScanStatus.FAILED, null, null, t0, st == null ? e.getMessage() : st.shown(e.getMessage())));
            } catch (IOException | RuntimeException e) {
                // a scan the engine could not cut for another reason: every remaining scan of the partition carries the error
                for (ScanInput in : inputs) {
                    failed.put(in.name(), row(todo.stream().filter(s -> s.name().equals(in.name())).findFirst().orElseThrow(),
                            ScanStatus.FAILED, null, null, t0, "partition " + part + ": internal error: " + e));
                }
            }
        }
        List<ExtractRow> rows = new ArrayList<>();
        for (ScanRef s : todo) {
            ExtractRow f = failed.get(s.name());
            rows.add(f != null ? f : row(s, ScanStatus.OK, part, patches.getOrDefault(s.name(), 0L), t0, ""));
        }
        Files.createDirectories(dir);
        JsonFiles.writeCsv(done, rows, ExtractRow.class);
        return rows.iterator();
    }

    private static ExtractRow row(ScanRef s, ScanStatus status, String part, Long patches, long t0, String message) {
        return new ExtractRow(s.name(), status, part, patches, Math.round((System.nanoTime() - t0) / 1e7) / 100.0, message);
    }

    /** The scan whose file (scan or label map) an error names, or null. */
    private static ScanRef culprit(List<ScanRef> scans, Map<String, RemoteScans.Staged> staged, Path file) {
        if (file == null) {
            return null;
        }
        String f = file.toAbsolutePath().normalize().toString();
        for (ScanRef s : scans) {
            RemoteScans.Staged st = staged.get(s.name());
            String path = st == null ? s.path() : st.listed().scan().path().toString();
            String labels = st == null ? s.labels() : st.listed().labels() == null ? null : st.listed().labels().toString();
            if (f.startsWith(path) || labels != null && f.startsWith(labels)) {
                return s;
            }
        }
        return null;
    }

    /** Patches per scan in a finished shard folder's index.csv (its first column names the scan). */
    static Map<String, Long> countByScan(Path dir) throws IOException {
        Map<String, Long> n = new HashMap<>();
        if (!ShardWriter.isComplete(dir)) {
            return n;
        }
        CsvTable index = CsvTable.read(dir.resolve("index.csv"));
        for (List<String> r : index.rows()) {
            n.merge(r.get(0), 1L, Long::sum);
        }
        return n;
    }
}
