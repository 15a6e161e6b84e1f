package org.calcify.app.review;

import org.calcify.io.text.Rounding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.nifti.NiftiFormat;
import org.calcify.io.text.JsonFiles;
import org.calcify.score.CalciumLabel;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.volume.DataType;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;

/**
 * One scan under review: the model's label map, the reader's changes over it and the scores of the result, computed by
 * {@code calcify score}'s scorer after every change. Every change is checked against the version the reader saw (a
 * stale one is a {@link ReviewException.Reason#CONFLICT}), kept in {@code review.json} (written atomically) and
 * appended to {@code audit.jsonl}; {@link #sign} writes the reviewed label map beside the proposed one and regenerates
 * scores.json and report.html ({@link ReviewSigning}). Thread-safe: requests on one scan run one at a time.
 */
public final class ScanReview {
    /** An added lesion larger than this (voxels) is bone or contrast, not a plaque: refused. */
    static final int MAX_ADDED_VOXELS = 50_000;

    private final String name;
    private final ReviewFiles files;
    private final Path ctPath;
    private final Volume ct;
    private final Geometry grid;
    private final CalciumScorer scorer;
    private final byte[] proposedLabels;
    private final List<int[]> lesionVoxels = new ArrayList<>();
    private final List<CalciumLabel> proposedClass = new ArrayList<>();
    private final Map<Integer, Integer> lesionOf = new HashMap<>();
    private byte[] labels;
    private final List<CalciumLabel> currentClass = new ArrayList<>();
    private int proposedCount;
    private ReviewState state;
    private CalciumScore score;
    private double scoreMillis;
    /** The box (z, y, x) around every lesion voxel, one voxel of margin, and the scan cut to it: what is scored live. */
    private int[] boxMin;
    private Volume ctBox;
    private boolean boxStale = true;

    private ScanReview(String name, ReviewFiles files, Path ctPath, Volume ct, Volume proposed, CalciumScorer scorer, ReviewState state)
            throws InvalidInputException {
        this.name = name;
        this.files = files;
        this.ctPath = ctPath;
        this.ct = ct;
        this.grid = ct.geometry();
        this.scorer = scorer;
        if (!grid.sameGrid(proposed.geometry(), 1e-3)) {
            throw new InvalidInputException(files.proposedLabels(), "label map grid differs from the scan's (" + ctPath + ")");
        }
        this.proposedLabels = labelBytes(proposed, files.proposedLabels());
        this.labels = proposedLabels.clone();
        for (int[] voxels : LesionVoxels.componentsOf(proposedLabels, grid)) {
            CalciumLabel proposedLabel = CalciumLabel.of(LesionVoxels.majority(proposedLabels, voxels));
            addLesion(voxels, proposedLabel, proposedLabel);
        }
        this.proposedCount = lesionVoxels.size();
        this.state = state;
        for (ReviewEdit e : state.edits()) {
            try {
                apply(e);
            } catch (ReviewException ex) {
                throw new InvalidInputException(files.state(), "cannot replay the review (" + ex.getMessage() + "): the scan or its label map changed");
            }
        }
        try {
            rescore();
        } catch (IllegalStateException e) {
            throw new InvalidInputException(ctPath, e.getMessage());
        }
    }

    /**
     * Opens a scan's review: reads the scan, the proposed label map and {@code review.json} (when a review was started),
     * and replays the edits.
     *
     * @param model what proposed the map (recorded in a new review)
     */
    static ScanReview open(String name, ReviewFiles files, Path ctPath, CalciumScorer scorer, String model) throws IOException {
        Volume ct = org.calcify.score.AxialSlices.of(VolumeIO.read(ctPath)); // on the grid detect proposed on
        Volume proposed = VolumeIO.read(files.proposedLabels());
        ReviewState state = Files.isRegularFile(files.state()) ? JsonFiles.read(files.state(), ReviewState.class) : ReviewState.fresh(model);
        return new ScanReview(name, files, ctPath, ct, proposed, scorer, state);
    }

    private static byte[] labelBytes(Volume labels, Path file) throws InvalidInputException {
        Volume b = labels.type() == DataType.UINT8 ? labels : labels.convertTo(DataType.UINT8);
        byte[] out = b.bytes().clone();
        for (int i = 0; i < out.length; i++) {
            if (!CalciumLabel.isLabel(out[i] & 0xFF)) {
                throw new InvalidInputException(file, "label " + (out[i] & 0xFF) + " at voxel " + i + " is outside 0-5");
            }
        }
        return out;
    }

    public String name() {
        return name;
    }

    public Path ctPath() {
        return ctPath;
    }

    ReviewFiles files() {
        return files;
    }

    /** The scan as read (HU). */
    Volume ct() {
        return ct;
    }

    /** What the reader sees now. */
    public synchronized ReviewView view() {
        List<ReviewLesion> lesions = new ArrayList<>();
        for (int k = 0; k < lesionVoxels.size(); k++) {
            org.calcify.candidate.Component c = LesionVoxels.statistics(k + 1, lesionVoxels.get(k), ct);
            lesions.add(new ReviewLesion(k + 1, proposedClass.get(k).className(), currentClass.get(k).className(), k >= proposedCount,
                    c.voxels(), round(c.volumeMm3(), 3), (int) Math.round(c.peakHu()), c.peakZyx(),
                    new double[] {round(c.centroidZyx()[0], 2), round(c.centroidZyx()[1], 2), round(c.centroidZyx()[2], 2)},
                    rasMm(c.peakZyx())));
        }
        return new ReviewView(name, state.version(), state.status(), state.edits().size() > state.signedEdits(), state.model(),
                grid.shapeZyx(), lesions, scoresDocument(), round(scoreMillis, 1));
    }

    /** The centre of voxel (z, y, x) in RAS mm. */
    private double[] rasMm(int[] zyx) {
        double[] lps = grid.indexToWorld(zyx[2], zyx[1], zyx[0]);
        return new double[] {round(-lps[0], 3), round(-lps[1], 3), round(lps[2], 3)};
    }

    /** The voxel (z, y, x) holding the point {@code rasMm} (patient coordinates RAS, mm, as a NIfTI viewer gives a click). */
    public int[] voxelAt(double[] rasMm) throws ReviewException {
        if (rasMm == null || rasMm.length != 3 || !Double.isFinite(rasMm[0] + rasMm[1] + rasMm[2])) {
            throw ReviewException.invalid("a point needs three finite coordinates (RAS, mm)");
        }
        double[] ijk = grid.worldToIndex(-rasMm[0], -rasMm[1], rasMm[2]);
        return new int[] {(int) Math.round(ijk[2]), (int) Math.round(ijk[1]), (int) Math.round(ijk[0])};
    }

    public synchronized ReviewState state() {
        return state;
    }

    /** Sets lesion {@code lesion}'s class ({@code none}: not calcium). */
    public synchronized ReviewView reclassify(int expectedVersion, int lesion, CalciumLabel to, String reader) throws IOException, ReviewException {
        checkVersion(expectedVersion);
        if (lesion < 1 || lesion > lesionVoxels.size()) {
            throw ReviewException.notFound("scan " + name + " has no lesion " + lesion + " (it has " + lesionVoxels.size() + ")");
        }
        CalciumLabel from = currentClass.get(lesion - 1);
        if (from == to) {
            throw ReviewException.invalid("lesion " + lesion + " is " + to.className() + " already");
        }
        return commit(new ReviewEdit(ReviewEdit.Kind.RECLASSIFY, lesion, from, to, null, reader, now()));
    }

    /** Adds the lesion the model missed at voxel {@code zyx}: its component of voxels at or above the threshold, as {@code to}. */
    public synchronized ReviewView addLesion(int expectedVersion, int[] zyx, CalciumLabel to, String reader) throws IOException, ReviewException {
        checkVersion(expectedVersion);
        if (to == CalciumLabel.NONE) {
            throw ReviewException.invalid("an added lesion needs a class other than none");
        }
        return commit(new ReviewEdit(ReviewEdit.Kind.ADD, lesionVoxels.size() + 1, CalciumLabel.NONE, to, zyx.clone(), reader, now()));
    }

    /** Undoes the last edit since the last signature. */
    public synchronized ReviewView undo(int expectedVersion, String reader) throws IOException, ReviewException {
        checkVersion(expectedVersion);
        List<ReviewEdit> edits = state.edits();
        if (edits.size() <= state.signedEdits()) {
            throw ReviewException.invalid("nothing to undo" + (state.signedEdits() > 0 ? " since the last signature" : ""));
        }
        ReviewEdit last = edits.get(edits.size() - 1);
        ReviewState next = state.withEdits(edits.subList(0, edits.size() - 1));
        revert(last);
        rescore();
        persist(next, new AuditEntry(now(), reader, name, AuditEntry.Action.UNDO, last, next.version(), state.model(), score.total().agatston()));
        return view();
    }

    /**
     * Signs the review: the reviewed label map beside the proposed one, scores.json and report.html regenerated (the
     * proposal's kept as scores-proposed.json and report-proposed.html), the signature in review.json and the audit log.
     */
    public synchronized ReviewView sign(int expectedVersion, String reader) throws IOException, ReviewException {
        checkVersion(expectedVersion);
        ReviewState next = state.signed(reader, now());
        ReviewSigning.write(this, labelVolume(), next, reader);
        persist(next, new AuditEntry(next.signedAt(), reader, name, AuditEntry.Action.SIGN, null, next.version(), state.model(),
                score.total().agatston()));
        return view();
    }

    /** The current label map (uint8, 0-5) on the scan's grid: a copy. */
    public synchronized Volume labelVolume() {
        return Volume.ofBytes(grid, labels.clone());
    }

    /** Writes the current label map as .nii.gz bytes to {@code out}; returns the version written. */
    public int writeLabelsNifti(OutputStream out) throws IOException {
        Volume v;
        int version;
        synchronized (this) {
            v = labelVolume();
            version = state.version();
        }
        NiftiFormat.writeTo(v, out, true);
        return version;
    }

    public synchronized int version() {
        return state.version();
    }

    synchronized CalciumScore score() {
        return score;
    }

    /** The classes of the lesions now, by lesion (index 0 is lesion 1). */
    synchronized List<int[]> lesionVoxels() {
        return List.copyOf(lesionVoxels);
    }

    synchronized List<CalciumLabel> currentClasses() {
        return List.copyOf(currentClass);
    }

    synchronized List<CalciumLabel> proposedClasses() {
        return List.copyOf(proposedClass);
    }

    private void checkVersion(int expected) throws ReviewException, IOException {
        if (expected != state.version()) {
            throw new ReviewException(ReviewException.Reason.CONFLICT, "scan " + name + " is at version " + state.version() + ", not "
                    + expected + ": someone else changed it; reload to see their changes");
        }
        // review.json is the truth: a review opened again after this one was put aside, or another server, may have moved on
        if (Files.isRegularFile(files.state())) {
            int onDisk = JsonFiles.read(files.state(), ReviewState.class).version();
            if (onDisk != state.version()) {
                throw new ReviewException(ReviewException.Reason.CONFLICT, "scan " + name + " was changed elsewhere (version " + onDisk
                        + " on disk): reload to see the changes");
            }
        }
    }

    private ReviewView commit(ReviewEdit edit) throws IOException, ReviewException {
        apply(edit);
        ReviewState next = state.withEdits(append(state.edits(), edit));
        try {
            rescore();
            persist(next, new AuditEntry(edit.at(), edit.reader(), name, AuditEntry.Action.EDIT, edit, next.version(), state.model(),
                    score.total().agatston()));
        } catch (IOException | RuntimeException e) {
            revert(edit); // what is in memory stays what review.json says
            rescore();
            throw e;
        }
        return view();
    }

    private void persist(ReviewState next, AuditEntry entry) throws IOException {
        JsonFiles.write(files.state(), next);
        appendAudit(files.audit(), entry);
        state = next;
    }

    /** Appends one line to the audit log in a single write (append-only: earlier lines are never rewritten). */
    static void appendAudit(Path log, AuditEntry entry) throws IOException {
        String line = JsonFiles.mapper().writer().without(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(entry)
                .replace("\n", " ") + "\n";
        Files.write(log, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    private void apply(ReviewEdit e) throws ReviewException {
        switch (e.kind()) {
            case RECLASSIFY -> {
                if (e.lesion() < 1 || e.lesion() > lesionVoxels.size()) {
                    throw ReviewException.notFound("no lesion " + e.lesion());
                }
                paint(e.lesion(), e.to());
            }
            case ADD -> {
                int[] voxels = componentAt(e.seedZyx());
                if (e.lesion() != lesionVoxels.size() + 1) {
                    throw ReviewException.invalid("added lesion " + e.lesion() + " out of order");
                }
                addLesion(voxels, CalciumLabel.NONE, e.to());
                paint(e.lesion(), e.to());
            }
        }
    }

    private void revert(ReviewEdit e) {
        switch (e.kind()) {
            case RECLASSIFY -> paint(e.lesion(), e.from());
            case ADD -> {
                paint(e.lesion(), CalciumLabel.NONE);
                int k = lesionVoxels.size() - 1;
                for (int i : lesionVoxels.get(k)) {
                    lesionOf.remove(i);
                }
                lesionVoxels.remove(k);
                boxStale = true;
                proposedClass.remove(k);
                currentClass.remove(k);
            }
        }
    }

    private int[] componentAt(int[] zyx) throws ReviewException {
        if (zyx == null || zyx.length != 3 || !grid.contains(zyx[0], zyx[1], zyx[2])) {
            throw ReviewException.invalid("voxel " + java.util.Arrays.toString(zyx) + " (z,y,x) is outside the scan "
                    + java.util.Arrays.toString(grid.shapeZyx()));
        }
        int seed = grid.index(zyx[0], zyx[1], zyx[2]);
        Integer owner = lesionOf.get(seed);
        if (owner != null) {
            throw ReviewException.invalid("voxel " + java.util.Arrays.toString(zyx) + " belongs to lesion " + owner + ": set its class instead");
        }
        int threshold = scorer.parameters().thresholdHu();
        double hu = ct.valueAt(seed);
        if (hu < threshold) {
            throw ReviewException.invalid(String.format(java.util.Locale.ROOT, "voxel %s is %.0f HU, below the %d HU calcium threshold",
                    java.util.Arrays.toString(zyx), hu, threshold));
        }
        int[] voxels = LesionVoxels.grow(seed, grid, i -> ct.valueAt(i) >= threshold && !lesionOf.containsKey(i), new BitSet(),
                MAX_ADDED_VOXELS);
        if (voxels == null) {
            throw ReviewException.invalid("the component at " + java.util.Arrays.toString(zyx) + " has more than " + MAX_ADDED_VOXELS
                    + " voxels at or above " + threshold + " HU: bone or contrast, not a plaque");
        }
        return voxels;
    }

    private void addLesion(int[] voxels, CalciumLabel proposed, CalciumLabel current) {
        boxStale = true;
        lesionVoxels.add(voxels);
        proposedClass.add(proposed);
        currentClass.add(current);
        LesionVoxels.index(lesionOf, lesionVoxels.size(), voxels);
    }

    private void paint(int lesion, CalciumLabel to) {
        byte v = (byte) to.label();
        for (int i : lesionVoxels.get(lesion - 1)) {
            labels[i] = v;
        }
        currentClass.set(lesion - 1, to);
    }

    /**
     * Scores the current map as {@code calcify score} does, on the box around the lesions: every labelled voxel is a lesion
     * voxel, so the scorer sees every voxel that can count and gives the scores of the whole scan (Agatston, volume and mass
     * per artery, the lesions with their patient coordinates), at the cost of the box rather than of the 65 million voxels
     * of a 512×512×250 scan. Only the lesions' voxel centroids are relative to the box; {@link #scoresDocument} shifts them back.
     */
    private void rescore() {
        long t0 = System.nanoTime();
        if (boxStale) {
            cutBox();
        }
        Geometry g = ctBox.geometry();
        byte[] boxLabels = new byte[g.voxelCount()];
        for (int z = 0; z < g.sizeZ(); z++) {
            for (int y = 0; y < g.sizeY(); y++) {
                System.arraycopy(labels, grid.index(boxMin[0] + z, boxMin[1] + y, boxMin[2]), boxLabels, (z * g.sizeY() + y) * g.sizeX(), g.sizeX());
            }
        }
        try {
            score = scorer.score(ctBox, Volume.ofBytes(g, boxLabels));
        } catch (InvalidScanException e) {
            throw new IllegalStateException("scan " + name + " cannot be scored: " + e.getMessage(), e);
        }
        scoreMillis = (System.nanoTime() - t0) / 1e6;
    }

    private void cutBox() {
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {-1, -1, -1};
        int sx = grid.sizeX();
        int plane = sx * grid.sizeY();
        for (int[] voxels : lesionVoxels) {
            for (int i : voxels) {
                int[] zyx = {i / plane, (i % plane) / sx, i % sx};
                for (int a = 0; a < 3; a++) {
                    min[a] = Math.min(min[a], zyx[a]);
                    max[a] = Math.max(max[a], zyx[a]);
                }
            }
        }
        int[] shape = grid.shapeZyx();
        boxMin = new int[3];
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            boxMin[a] = max[a] < 0 ? 0 : Math.max(0, min[a] - 1);
            size[a] = max[a] < 0 ? 1 : Math.min(shape[a], max[a] + 2) - boxMin[a];
        }
        Volume box = ct.crop(boxMin, size);
        ctBox = box.type() == DataType.INT16 || box.type() == DataType.UINT8 ? box : box.convertTo(DataType.INT16);
        boxStale = false;
    }

    /** The scores as {@code calcify score --json} gives them, lesion centroids in the scan's voxel indices. */
    private org.calcify.score.ScoreDocument scoresDocument() {
        return score.document().shifted(boxMin);
    }

    private static List<ReviewEdit> append(List<ReviewEdit> edits, ReviewEdit e) {
        List<ReviewEdit> out = new ArrayList<>(edits);
        out.add(e);
        return out;
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static double round(double v, int digits) {
        return Rounding.toDecimals(v, digits);
    }
}
