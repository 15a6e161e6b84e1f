package org.calcify.io.joblib;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NdArray;

/**
 * The forum thread's cross-validation cohort: a folder holding, per fold K,
 * {@code cross_validation_ct_threshold_K.pkl} (a list of CT arrays (z, y, x) in HU),
 * {@code cross_validation_voxel_list_postprocess_K.pkl} (tuples {@code (image_index, z, y, x, answer)}) and
 * {@code emr_data_K.pkl} (one EMR feature row per scan), all written by {@code joblib.dump}.
 *
 * <p>A fold's CT pickle can hold gigabytes and cannot be read one scan at a time, so folds are loaded whole,
 * on demand, and this object keeps at most one loaded fold: asking for another releases the previous one.
 */
public final class SeedCohort {
    private static final Pattern CT = Pattern.compile("cross_validation_ct_threshold_(\\d+)\\.pkl");
    private static final Pattern VOXELS = Pattern.compile("cross_validation_voxel_list_postprocess_(\\d+)\\.pkl");
    private static final Pattern EMR = Pattern.compile("emr_data_(\\d+)\\.pkl");

    private final Path folder;
    private final List<Integer> folds;
    private CohortFold loaded;

    private SeedCohort(Path folder, List<Integer> folds) {
        this.folder = folder;
        this.folds = List.copyOf(folds);
    }

    /** True if {@code dir} is a folder holding at least one {@code cross_validation_ct_threshold_K.pkl}. */
    public static boolean isCohortFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> CT.matcher(p.getFileName().toString()).matches());
        }
    }

    /** Finds the folds of a cohort folder; every fold must have all three files. */
    public static SeedCohort open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "not a folder");
        }
        Map<Integer, boolean[]> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                Pattern[] patterns = {CT, VOXELS, EMR};
                for (int k = 0; k < 3; k++) {
                    Matcher m = patterns[k].matcher(name);
                    if (m.matches()) {
                        int fold;
                        try {
                            fold = Integer.parseInt(m.group(1));
                        } catch (NumberFormatException e) {
                            throw new InvalidInputException(p, "fold number out of range");
                        }
                        found.computeIfAbsent(fold, f -> new boolean[3])[k] = true;
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(dir, "no seed cohort here (no cross_validation_ct_threshold_K.pkl)");
        }
        for (Map.Entry<Integer, boolean[]> e : found.entrySet()) {
            int k = e.getKey();
            String[] names = {ctName(k), voxelName(k), emrName(k)};
            for (int i = 0; i < 3; i++) {
                if (!e.getValue()[i]) {
                    throw new InvalidInputException(dir, "fold " + k + " lacks " + names[i]);
                }
            }
        }
        return new SeedCohort(dir, new ArrayList<>(found.keySet()));
    }

    private static String ctName(int k) {
        return "cross_validation_ct_threshold_" + k + ".pkl";
    }

    private static String voxelName(int k) {
        return "cross_validation_voxel_list_postprocess_" + k + ".pkl";
    }

    private static String emrName(int k) {
        return "emr_data_" + k + ".pkl";
    }

    public Path folder() {
        return folder;
    }

    /** The fold numbers K, ascending. */
    public List<Integer> foldNumbers() {
        return folds;
    }

    /** Loads and validates fold {@code k}, first releasing the fold held before. */
    public CohortFold fold(int k) throws IOException {
        if (!folds.contains(k)) {
            throw new InvalidInputException(folder, "no fold " + k + " (folds: " + folds + ")");
        }
        if (loaded != null && loaded.number() == k) {
            return loaded;
        }
        loaded = null; // never hold two folds
        Path ctFile = folder.resolve(ctName(k));
        List<NdArray> scans = scans(ctFile, JoblibReader.load(ctFile));
        Path voxelFile = folder.resolve(voxelName(k));
        List<CandidateVoxel> candidates = candidates(k, voxelFile, JoblibReader.load(voxelFile), scans);
        Path emrFile = folder.resolve(emrName(k));
        List<double[]> emr = emrRows(emrFile, JoblibReader.load(emrFile));
        if (emr.size() != scans.size()) {
            throw new InvalidInputException(emrFile, "has " + emr.size() + " EMR rows but fold " + k + " has "
                    + scans.size() + " scans");
        }
        loaded = new CohortFold(k, ctFile, scans, candidates, emr);
        return loaded;
    }

    /**
     * Opens fold {@code k} for streaming: its voxel list and EMR rows are read now, its CT scans one at a time by
     * {@link StreamedFold#forEachScan}, so that memory holds one scan, not the fold.
     */
    public StreamedFold stream(int k) throws IOException {
        if (!folds.contains(k)) {
            throw new InvalidInputException(folder, "no fold " + k + " (folds: " + folds + ")");
        }
        loaded = null;
        Path voxelFile = folder.resolve(voxelName(k));
        List<CandidateVoxel> candidates = candidates(k, voxelFile, JoblibReader.load(voxelFile));
        Path emrFile = folder.resolve(emrName(k));
        List<double[]> emr = emrRows(emrFile, JoblibReader.load(emrFile));
        return new StreamedFold(k, folder.resolve(ctName(k)), voxelFile, emrFile, candidates, emr);
    }

    /** Loads every fold in turn (one at a time) and summarises it. */
    public CohortSummary summary() throws IOException {
        List<CohortSummary.Fold> out = new ArrayList<>();
        for (int k : folds) {
            out.add(fold(k).summary());
        }
        loaded = null;
        return new CohortSummary(folder, out);
    }

    private static List<NdArray> scans(Path file, Object content) throws InvalidInputException {
        if (!(content instanceof List<?> list)) {
            throw new InvalidInputException(file, "expected a list of CT arrays, found " + kind(content));
        }
        List<NdArray> scans = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof NdArray a) || a.ndim() != 3 || a.size() == 0) {
                throw new InvalidInputException(file, "item " + i + " is " + kind(list.get(i)) + ", not a non-empty 3D array (z, y, x)");
            }
            scans.add(a);
        }
        return scans;
    }

    private static List<CandidateVoxel> candidates(int fold, Path file, Object content, List<NdArray> scans) throws InvalidInputException {
        List<CandidateVoxel> out = candidates(fold, file, content);
        for (int i = 0; i < out.size(); i++) {
            CandidateVoxel v = out.get(i);
            checkVoxel(fold, file, i, v, scans.size(), v.imageIndex() < scans.size() ? scans.get(v.imageIndex()) : null);
        }
        return out;
    }

    /** Checks that entry {@code i} lies inside its scan ({@code scan} null when its index is out of range). */
    static void checkVoxel(int fold, Path file, int i, CandidateVoxel v, int scanCount, NdArray scan) throws InvalidInputException {
        if (v.imageIndex() < 0 || v.imageIndex() >= scanCount || scan == null) {
            throw new InvalidInputException(file, "fold " + fold + ", entry " + i + ": image_index " + v.imageIndex() + " is out of range (fold has "
                    + scanCount + " scans)");
        }
        int[] shape = scan.shape();
        if (v.z() >= shape[0] || v.y() >= shape[1] || v.x() >= shape[2]) {
            throw new InvalidInputException(file, "fold " + fold + ", entry " + i + ": voxel (z, y, x) = (" + v.z() + ", " + v.y() + ", "
                    + v.x() + ") is outside scan " + v.imageIndex() + " of shape " + scan.shapeText());
        }
    }

    /** Parses a voxel list, checking types and signs but not the scans (see {@link #checkVoxel}). */
    static List<CandidateVoxel> candidates(int fold, Path file, Object content) throws InvalidInputException {
        if (!(content instanceof List<?> list)) {
            throw new InvalidInputException(file, "expected a list of (image_index, z, y, x, answer), found " + kind(content));
        }
        List<CandidateVoxel> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> t) || t.size() != 5) {
                throw new InvalidInputException(file, "fold " + fold + ", entry " + i + " is " + kind(list.get(i)) + ", not (image_index, z, y, x, answer)");
            }
            long[] idx = new long[4];
            for (int j = 0; j < 4; j++) {
                Long v = integer(t.get(j));
                if (v == null) {
                    throw new InvalidInputException(file, "fold " + fold + ", entry " + i + " has a non-integer index " + PythonText.str(t.get(j)));
                }
                idx[j] = v;
            }
            if (idx[0] < 0 || idx[1] < 0 || idx[2] < 0 || idx[3] < 0 || idx[0] > Integer.MAX_VALUE || idx[1] > Integer.MAX_VALUE
                    || idx[2] > Integer.MAX_VALUE || idx[3] > Integer.MAX_VALUE) {
                throw new InvalidInputException(file, "fold " + fold + ", entry " + i + ": index out of range in (image_index, z, y, x) = ("
                        + idx[0] + ", " + idx[1] + ", " + idx[2] + ", " + idx[3] + ")");
            }
            Object answer = t.get(4);
            if (!(answer instanceof Long || answer instanceof Boolean || answer instanceof Double
                    || answer instanceof NumpyScalar || answer instanceof BigInteger)) {
                throw new InvalidInputException(file, "fold " + fold + ", entry " + i + " has an answer of unsupported type (" + kind(answer) + ")");
            }
            out.add(new CandidateVoxel((int) idx[0], (int) idx[1], (int) idx[2], (int) idx[3], answer, PythonText.str(answer)));
        }
        return out;
    }

    private static Long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof NumpyScalar s && s.value() instanceof Long l && s.dtype().kind() != 'b') {
            return l;
        }
        return null;
    }

    private static List<double[]> emrRows(Path file, Object content) throws InvalidInputException {
        List<double[]> rows = new ArrayList<>();
        if (content instanceof NdArray a) {
            if (a.ndim() != 2) {
                throw new InvalidInputException(file, "EMR array has shape " + a.shapeText() + ", expected (scans, features)");
            }
            int[] s = a.shape();
            for (int r = 0; r < s[0]; r++) {
                double[] row = new double[s[1]];
                for (int c = 0; c < s[1]; c++) {
                    row[c] = a.getDouble(r * s[1] + c);
                }
                rows.add(row);
            }
            return rows;
        }
        if (!(content instanceof List<?> list)) {
            throw new InvalidInputException(file, "expected EMR rows (a list or a 2D array), found " + kind(content));
        }
        for (int r = 0; r < list.size(); r++) {
            Object row = list.get(r);
            if (row instanceof NdArray a && a.ndim() == 1) {
                double[] values = new double[a.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = a.getDouble(c);
                }
                rows.add(values);
            } else if (row instanceof List<?> items) {
                double[] values = new double[items.size()];
                for (int c = 0; c < values.length; c++) {
                    Double d = number(items.get(c));
                    if (d == null) {
                        throw new InvalidInputException(file, "EMR row " + r + " item " + c + " is not a number (" + kind(items.get(c)) + ")");
                    }
                    values[c] = d;
                }
                rows.add(values);
            } else {
                throw new InvalidInputException(file, "EMR row " + r + " is " + kind(row) + ", not a list or 1D array");
            }
        }
        return rows;
    }

    private static Double number(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof BigInteger b) {
            return b.doubleValue();
        }
        if (v instanceof NumpyScalar s) {
            return s.doubleValue();
        }
        if (v instanceof NdArray a && a.ndim() == 0) {
            return a.getDouble(0);
        }
        return null;
    }

    private static String kind(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof NdArray a) {
            return "a " + a.dtype().numpyName() + " array of shape " + a.shapeText();
        }
        if (o instanceof List<?> l) {
            return "a sequence of " + l.size() + " items";
        }
        return "a " + o.getClass().getSimpleName();
    }
}
