package org.calcify.app.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.calcify.app.detect.CohortRow;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.CsvFiles;
import org.calcify.io.text.JsonFiles;
import org.calcify.score.CalciumScorer;
import tools.jackson.databind.JsonNode;

/**
 * The review of a {@code calcify detect} output folder: its worklist, and one {@link ScanReview} per scan opened. A scan
 * is named by its folder's name, which must be a plain name (letters, digits, {@code . _ -}) of a folder directly inside
 * the cohort whose real path (symbolic links resolved) stays inside it: no name from a request reaches a file outside.
 * The worklist reads only each scan's scores.json and review.json (cached by modification time), never a volume.
 */
public final class ReviewCohort {
    private static final Pattern SCAN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    /** Scans kept open (their volumes in memory); the least recently used is closed past this. */
    private static final int OPEN_SCANS = 3;

    private final Path dir;
    private final CalciumScorer scorer;
    private final Map<String, CachedRow> rows = new ConcurrentHashMap<>();
    private final Map<String, ScanReview> open = new LinkedHashMap<>(16, 0.75f, true);

    private record CachedRow(long scoresModified, long stateModified, WorklistRow row) {
    }

    /** cohort.csv's rows, kept while the file is unchanged. */
    private volatile CachedTable cohortTable;

    private record CachedTable(long modified, List<CohortRow> rows) {
    }

    /** @param dir what {@code calcify detect --out} wrote */
    public ReviewCohort(Path dir, CalciumScorer scorer) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "not a folder (give the --out folder of calcify detect)");
        }
        this.dir = dir.toRealPath();
        this.scorer = scorer;
    }

    public ReviewCohort(Path dir) throws IOException {
        this(dir, new CalciumScorer());
    }

    public Path dir() {
        return dir;
    }

    /** Every scan: the folders with a scores.json, then the scans cohort.csv lists as refused or failed. */
    public List<WorklistRow> worklist() throws IOException {
        List<WorklistRow> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (!SCAN_NAME.matcher(name).matches()) {
                continue;
            }
            ReviewFiles f = new ReviewFiles(folder);
            long scoresModified = modified(f.scores());
            if (scoresModified < 0) {
                continue;
            }
            long stateModified = modified(f.state());
            CachedRow cached = rows.get(name);
            if (cached == null || cached.scoresModified != scoresModified || cached.stateModified != stateModified) {
                cached = new CachedRow(scoresModified, stateModified, row(name, f));
                rows.put(name, cached);
            }
            out.add(cached.row);
            seen.add(name);
        }
        Path cohortCsv = dir.resolve("cohort.csv");
        long csvModified = modified(cohortCsv);
        if (csvModified >= 0) {
            CachedTable table = cohortTable;
            if (table == null || table.modified != csvModified) {
                table = new CachedTable(csvModified, CsvFiles.read(cohortCsv, CohortRow.class));
                cohortTable = table;
            }
            for (CohortRow r : table.rows) {
                if (!seen.contains(r.caseName())) {
                    out.add(new WorklistRow(r.caseName(), ReviewStatus.NOT_REVIEWED, r.status().jsonName(), null, null, null, r.warnings(), null, 0,
                            null, r.message()));
                }
            }
        }
        return out;
    }

    private static long modified(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile() ? a.lastModifiedTime().toMillis() * 1000 + (a.size() % 1000) : -1;
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
    }

    private static WorklistRow row(String name, ReviewFiles f) throws IOException {
        JsonNode scores = JsonFiles.readTree(f.scores());
        JsonNode summaryNode = scores.get("summary");
        if (summaryNode == null) {
            throw new InvalidInputException(f.scores(), "has no summary (written by an older Calcify?)");
        }
        CohortRow s = JsonFiles.mapper().treeToValue(summaryNode, CohortRow.class);
        ReviewState state = Files.isRegularFile(f.state()) ? JsonFiles.read(f.state(), ReviewState.class) : null;
        String model = state != null ? state.model() : scores.path("model").asString(null);
        return new WorklistRow(name, state == null ? ReviewStatus.NOT_REVIEWED : state.status(), s.status().jsonName(), s.agatston(),
                s.category(), s.lesions(), s.warnings(), model, state == null ? 0 : state.version(), state == null ? null : state.signedBy(),
                s.message());
    }

    /**
     * The folder of scan {@code scan}, checked: a plain name, a folder directly inside the cohort whose real path is inside
     * it, holding a scores.json.
     */
    public ReviewFiles files(String scan) throws IOException, ReviewException {
        if (scan == null || !SCAN_NAME.matcher(scan).matches()) {
            throw ReviewException.notFound("no scan named '" + org.calcify.io.PrintableText.escape(String.valueOf(scan)) + "'");
        }
        Path folder = dir.resolve(scan).normalize();
        if (!folder.getParent().equals(dir) || !Files.isDirectory(folder)) {
            throw ReviewException.notFound("no scan named '" + scan + "'");
        }
        Path real = folder.toRealPath();
        Path scores = folder.resolve("scores.json");
        if (!real.getParent().equals(dir) || !Files.isRegularFile(scores) || !scores.toRealPath().startsWith(dir)) {
            throw ReviewException.notFound("no scan named '" + scan + "'");
        }
        return new ReviewFiles(real);
    }

    /** Scan {@code scan}'s report.html, when it is a file inside the cohort (not a link to one elsewhere). */
    public Path report(String scan) throws IOException, ReviewException {
        Path report = files(scan).report();
        if (!Files.isRegularFile(report) || !report.toRealPath().startsWith(dir)) {
            throw ReviewException.notFound("scan " + scan + " has no report");
        }
        return report;
    }

    /**
     * The review of scan {@code scan}, opened (read and replayed) on first use and kept among the last few used. A review put
     * aside and opened again is read from review.json; one still held by a request that started before refuses its change
     * when review.json has moved on ({@link ReviewException.Reason#CONFLICT}).
     */
    public ScanReview open(String scan) throws IOException, ReviewException {
        ReviewFiles f = files(scan);
        synchronized (open) {
            ScanReview r = open.get(scan);
            if (r != null) {
                return r;
            }
        }
        JsonNode scores = JsonFiles.readTree(f.scores());
        ScanReview r = ScanReview.open(scan, f, ctPath(f, scores), scorer, scores.path("model").asString("unknown"));
        synchronized (open) {
            ScanReview raced = open.get(scan);
            if (raced != null) {
                return raced;
            }
            open.put(scan, r);
            if (open.size() > OPEN_SCANS) {
                open.remove(open.keySet().iterator().next());
            }
            return r;
        }
    }

    /**
     * The scan as a .nii.gz file for the viewer: the scan's own file when it is one, else a conversion written once
     * beside the scan's outputs ({@code view-ct.nii.gz}, remade when the scan is newer).
     */
    public Path viewerVolume(String scan) throws IOException, ReviewException {
        ReviewFiles f = files(scan);
        Path ct = ctPath(f, JsonFiles.readTree(f.scores()));
        if (Files.isRegularFile(ct) && ct.getFileName().toString().endsWith(".nii.gz")) {
            return ct;
        }
        synchronized (this) {
            Path cache = f.viewCache();
            if (!Files.isRegularFile(cache) || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(ct)) < 0) {
                AtomicOutput.removeLeftovers(f.folder());
                VolumeIO.write(VolumeIO.read(ct), cache);
            }
            return cache;
        }
    }

    /** The scan detection read, as its scores.json names it (a relative path: from the working folder, else from the cohort). */
    private Path ctPath(ReviewFiles f, JsonNode scores) throws InvalidInputException {
        String p = scores.path("scan").path("path").asString(null);
        if (p == null || p.isEmpty()) {
            throw new InvalidInputException(f.scores(), "does not name the scan it was made from (scan.path)");
        }
        Path ct = Path.of(p);
        if (!ct.isAbsolute() && !Files.exists(ct)) {
            ct = dir.resolve(p);
        }
        if (!Files.exists(ct)) {
            throw new InvalidInputException(f.scores(), "names the scan " + p + ", which is not there any more");
        }
        return ct;
    }
}
