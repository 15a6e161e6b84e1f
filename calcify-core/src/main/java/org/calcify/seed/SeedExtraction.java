package org.calcify.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.joblib.CandidateVoxel;
import org.calcify.io.joblib.SeedCohort;
import org.calcify.io.joblib.StreamedFold;
import org.calcify.io.pickle.JoblibPickleWriter;
import org.calcify.io.text.CsvTable;
import org.calcify.patch.PatchShape;
import org.calcify.patch.PatchSource;
import org.calcify.patch.ThreadCompatibility;
import org.calcify.patch.TriplanarExtractor;
import org.calcify.volume.Volume;

/**
 * The forum thread's job, done right and fast: for every voxel of every fold of a joblib seed cohort,
 * the tri-planar patches of the window-levelled scan, its 7 EMR features and its label. Each scan is
 * loaded and window-levelled once (not once per voxel, as the script does), and scans are streamed
 * out of the CT pickle one at a time, so memory holds at most two scans (the one whose files are being
 * written and the next one, read meanwhile), not a fold or a cohort. Reruns skip
 * complete outputs (without reading the CT pickle when nothing is left to do); every file is written
 * under a temporary name and renamed when complete.
 */
public final class SeedExtraction {
    private final SeedExtractOptions options;
    private final ProgressListener progress;

    public SeedExtraction(SeedExtractOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    /** What a run did. */
    public record Report(int folds, long written, long skipped) {
    }

    public Report run(Path input, Path output) throws IOException {
        SeedCohort cohort = SeedCohort.open(input);
        List<Integer> folds = options.folds().isEmpty() ? cohort.foldNumbers() : options.folds();
        for (int k : folds) {
            if (!cohort.foldNumbers().contains(k)) {
                throw new InvalidInputException(input, "fold " + k + " not found (folds present: " + cohort.foldNumbers() + ")");
            }
        }
        Files.createDirectories(output);
        if (!Files.isWritable(output)) {
            throw new InvalidInputException(output, "output folder is not writable");
        }
        AtomicOutput.removeLeftovers(output);
        long written = 0;
        long skipped = 0;
        for (int k : folds) {
            Path foldDir = output.resolve("fold_" + k);
            AtomicOutput.removeLeftovers(foldDir); // temporary files of a killed run
            if (options.format() == SeedOutputFormat.SHARDS && ShardWriter.isComplete(foldDir)) {
                skipped += countShardRows(foldDir);
                continue;
            }
            StreamedFold fold = cohort.stream(k);
            long[] counts = options.format() == SeedOutputFormat.PKL ? extractPkl(input, fold, foldDir) : extractShards(input, fold, foldDir);
            written += counts[0];
            skipped += counts[1];
        }
        return new Report(folds.size(), written, skipped);
    }

    private static long countShardRows(Path foldDir) throws IOException {
        return CsvTable.read(foldDir.resolve("index.csv")).rows().size();
    }

    /** Candidate indexes grouped by scan, scans in order, voxels in file order. */
    private static Map<Integer, List<Integer>> byScan(List<CandidateVoxel> candidates) {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            m.computeIfAbsent(candidates.get(i).imageIndex(), s -> new ArrayList<>()).add(i);
        }
        return m;
    }

    /** The window-levelled patch source of one scan, and where its patches are centred (compat or correct). */
    private record PreparedScan(PatchSource source, int sizeZ, double[] emr) {
    }

    private PreparedScan prepare(Path input, StreamedFold fold, int scan, Volume ct) throws IOException {
        if (options.compat()) {
            String reason = ThreadCompatibility.unsupportedReason(ct.sizeZ(), ct.sizeY(), ct.sizeX());
            if (reason != null) {
                throw new InvalidInputException(fold.ctFile(), "fold " + fold.number() + ", scan " + scan + ": " + reason);
            }
        }
        double[] emr;
        try {
            emr = EmrFeatures.select(fold.emr(scan));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(input.resolve("emr_data_" + fold.number() + ".pkl"),
                    "fold " + fold.number() + ", scan " + scan + ": " + e.getMessage());
        }
        return new PreparedScan(PatchSource.of(options.window().applyToVolume(ct)), ct.sizeZ(), emr);
    }

    /** The slice a voxel's patch is centred on: its own, or the thread's unshifted one under --compat. */
    private int centreZ(PreparedScan s, CandidateVoxel v) {
        return options.compat() ? ThreadCompatibility.centreSlice(s.sizeZ(), v.z()) : v.z();
    }

    private long intAnswer(Path input, StreamedFold fold, CandidateVoxel v) throws InvalidInputException {
        try {
            return SeedVoxel.intAnswer(v);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidInputException(input.resolve("cross_validation_voxel_list_postprocess_" + fold.number() + ".pkl"),
                    "fold " + fold.number() + ", voxel (" + v.imageIndex() + ", " + v.z() + ", " + v.y() + ", " + v.x() + "): "
                            + e.getMessage());
        }
    }

    private long[] extractPkl(Path input, StreamedFold fold, Path foldDir) throws IOException {
        Files.createDirectories(foldDir);
        List<CandidateVoxel> cands = fold.candidates();
        progress.start("fold " + fold.number(), cands.size());
        AtomicLong written = new AtomicLong();
        long skipped = 0;
        TriplanarExtractor extractor = new TriplanarExtractor(options.shape());
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            java.util.Set<String> present = fileNames(foldDir); // one listing, not a lookup per voxel
            Map<Integer, List<Integer>> todoByScan = new TreeMap<>();
            for (Map.Entry<Integer, List<Integer>> e : byScan(cands).entrySet()) {
                List<Integer> todo = new ArrayList<>();
                for (int i : e.getValue()) {
                    CandidateVoxel v = cands.get(i);
                    String name = SeedVoxel.fileName(fold.number(), v);
                    if (present.contains(name) && Files.isRegularFile(foldDir.resolve(name))) {
                        skipped++;
                    } else {
                        todo.add(i);
                        intAnswer(input, fold, v); // validate before any work
                    }
                }
                progress.advance(e.getValue().size() - todo.size());
                if (!todo.isEmpty()) {
                    todoByScan.put(e.getKey(), todo);
                }
            }
            if (!todoByScan.isEmpty()) {
                // one scan's files are written while the next scan is inflated and window-levelled: the reader is
                // one thread (one zlib stream), the writers the others, so neither waits for the other
                List<Future<?>> writing = new ArrayList<>();
                fold.forEachScan((index, ct) -> {
                    List<Integer> todo = todoByScan.get(index);
                    if (todo != null) {
                        PreparedScan scan = prepare(input, fold, index, ct);
                        await(writing); // at most two scans held: the one being written and the one just read
                        writing.clear();
                        writing.addAll(submitPkl(fold, foldDir, cands, todo, scan, extractor, pool, written));
                    }
                });
                await(writing);
            }
        } finally {
            stop(pool);
            progress.finish();
        }
        return new long[] {written.get(), skipped};
    }

    /** The names in a folder. */
    private static java.util.Set<String> fileNames(Path dir) throws IOException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }

    /** Stops the workers and waits for those still writing, so that no file is written after the command has returned. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts writing one scan's files on the workers; returns their jobs. */
    private List<Future<?>> submitPkl(StreamedFold fold, Path foldDir, List<CandidateVoxel> cands, List<Integer> todo, PreparedScan scan,
                                      TriplanarExtractor extractor, ExecutorService pool, AtomicLong written) {
        int chunk = Math.max(1, (todo.size() + options.threads() - 1) / options.threads());
        List<Future<?>> jobs = new ArrayList<>();
        for (int from = 0; from < todo.size(); from += chunk) {
            List<Integer> part = todo.subList(from, Math.min(todo.size(), from + chunk));
            jobs.add(pool.submit(() -> {
                PatchShape sh = options.shape();
                byte[] a = new byte[sh.axialLength()];
                byte[] s = new byte[sh.sagittalLength()];
                byte[] c = new byte[sh.coronalLength()];
                for (int i : part) {
                    CandidateVoxel v = cands.get(i);
                    extractor.extract(scan.source(), centreZ(scan, v), v.y(), v.x(), a, 0, s, 0, c, 0);
                    byte[] pkl = new JoblibPickleWriter(a.length + s.length + c.length + 1024)
                            .uint8Array(a, 0, a.length, sh.sizeY(), sh.sizeX())
                            .uint8Array(s, 0, s.length, sh.sizeZ(), sh.sizeY())
                            .uint8Array(c, 0, c.length, sh.sizeZ(), sh.sizeX())
                            .float64Array(scan.emr(), EmrFeatures.count())
                            .integer(SeedVoxel.intAnswer(v))
                            .toByteArray();
                    try {
                        AtomicOutput.write(foldDir.resolve(SeedVoxel.fileName(fold.number(), v)), pkl);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    written.incrementAndGet();
                    progress.advance(1);
                }
                return null;
            }));
        }
        return jobs;
    }

    private long[] extractShards(Path input, StreamedFold fold, Path foldDir) throws IOException {
        List<CandidateVoxel> cands = fold.candidates();
        for (CandidateVoxel v : cands) {
            intAnswer(input, fold, v);
        }
        progress.start("fold " + fold.number(), cands.size());
        PatchShape sh = options.shape();
        TriplanarExtractor extractor = new TriplanarExtractor(sh);
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        List<ShardWriter.Plane> planes = List.of(new ShardWriter.Plane("axial.npy", sh.sizeY(), sh.sizeX()),
                new ShardWriter.Plane("sagittal.npy", sh.sizeZ(), sh.sizeY()), new ShardWriter.Plane("coronal.npy", sh.sizeZ(), sh.sizeX()));
        try (ShardWriter out = new ShardWriter(foldDir, cands.size(), planes, EmrFeatures.count(), List.of("scan", "z", "y", "x", "answer"))) {
            Map<Integer, List<Integer>> groups = byScan(cands);
            fold.forEachScan((index, ct) -> {
                List<Integer> idx = groups.get(index);
                if (idx == null) {
                    return;
                }
                PreparedScan scan = prepare(input, fold, index, ct);
                int n = idx.size();
                byte[] a = new byte[n * sh.axialLength()];
                byte[] s = new byte[n * sh.sagittalLength()];
                byte[] c = new byte[n * sh.coronalLength()];
                int chunk = Math.max(1, (n + options.threads() - 1) / options.threads());
                List<Future<?>> jobs = new ArrayList<>();
                for (int from = 0; from < n; from += chunk) {
                    int lo = from;
                    int hi = Math.min(n, from + chunk);
                    jobs.add(pool.submit(() -> {
                        for (int j = lo; j < hi; j++) {
                            CandidateVoxel v = cands.get(idx.get(j));
                            extractor.extract(scan.source(), centreZ(scan, v), v.y(), v.x(),
                                    a, j * sh.axialLength(), s, j * sh.sagittalLength(), c, j * sh.coronalLength());
                        }
                        return null;
                    }));
                }
                await(jobs);
                for (int j = 0; j < n; j++) {
                    CandidateVoxel v = cands.get(idx.get(j));
                    out.append(new byte[][] {a, s, c}, new int[] {j * sh.axialLength(), j * sh.sagittalLength(), j * sh.coronalLength()},
                            scan.emr(), SeedVoxel.intAnswer(v), List.of(v.imageIndex(), v.z(), v.y(), v.x(), v.answerText()));
                }
                progress.advance(n);
            });
            out.commit();
        } finally {
            stop(pool);
            progress.finish();
        }
        return new long[] {cands.size(), 0};
    }

    private static void await(List<Future<?>> jobs) throws IOException {
        try {
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(t);
        }
    }
}
