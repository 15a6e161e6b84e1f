package org.calcify.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.extract.PatchExtraction;
import org.calcify.io.InvalidInputException;
import org.calcify.io.numpy.NdArray;
import org.calcify.io.numpy.NpyHeader;
import org.calcify.io.numpy.NpyReader;
import org.calcify.io.text.CsvTable;
import org.calcify.nn.model.Architecture;
import org.calcify.patch.ContextCube;

/**
 * One shard folder of {@code calcify extract} or {@code seed-extract --format shards}: patches
 * ({@code cube.npy} or {@code axial/sagittal/coronal.npy}, uint8, memory-mapped), {@code labels.npy}
 * (integers), optional {@code emr.npy} (N x k floats) and {@code index.csv} (first column the scan,
 * then z, y, x). Lengths are checked against each other when opened.
 */
public final class ShardSet {
    private final Path dir;
    private final int rows;
    private final int[] patchZyx;
    private final MappedRows cube;
    private final MappedRows[] planes;
    private final long[] labels;
    private final double[][] emr;
    private final String[] scans;
    private final String[][] centres;
    private final MappedRows context;
    private final ContextCube contextCube;

    private ShardSet(Path dir, int rows, int[] patchZyx, MappedRows cube, MappedRows[] planes, long[] labels, double[][] emr,
                     String[] scans, String[][] centres, MappedRows context, ContextCube contextCube) {
        this.context = context;
        this.contextCube = contextCube;
        this.dir = dir;
        this.rows = rows;
        this.patchZyx = patchZyx;
        this.cube = cube;
        this.planes = planes;
        this.labels = labels;
        this.emr = emr;
        this.scans = scans;
        this.centres = centres;
    }

    /** True if {@code dir} looks like a shard folder (has labels.npy and index.csv). */
    public static boolean isShardFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("labels.npy")) && Files.isRegularFile(dir.resolve("index.csv"));
    }

    /** Opens a shard folder, validating every file against the others. */
    public static ShardSet open(Path dir) throws IOException {
        if (!isShardFolder(dir)) {
            throw new InvalidInputException(dir, "not a shard folder (needs labels.npy and index.csv from calcify extract or seed-extract)");
        }
        Path labelFile = dir.resolve("labels.npy");
        NdArray lab = NpyReader.read(labelFile);
        if (lab.ndim() != 1 || !(lab.dtype().kind() == 'i' || lab.dtype().kind() == 'u' || lab.dtype().kind() == 'b')) {
            throw new InvalidInputException(labelFile, "labels must be a 1-D integer array, found " + lab.dtype().numpyName() + " " + lab.shapeText());
        }
        int n = lab.shape()[0];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (long) lab.getDouble(i);
        }
        MappedRows cube = null;
        MappedRows[] planes = null;
        int[] zyx;
        Path cubeFile = dir.resolve("cube.npy");
        Path axialFile = dir.resolve("axial.npy");
        if (Files.isRegularFile(cubeFile)) {
            long[] s = NpyReader.readHeader(cubeFile).shape();
            if (s.length != 4) {
                throw new InvalidInputException(cubeFile, "cube patches must be (N, z, y, x)");
            }
            zyx = new int[] {dim(cubeFile, s[1]), dim(cubeFile, s[2]), dim(cubeFile, s[3])};
            cube = checkRows(MappedRows.open(cubeFile, zyx), n, labelFile);
        } else if (Files.isRegularFile(axialFile)) {
            NpyHeader a = NpyReader.readHeader(axialFile);
            Path sagFile = dir.resolve("sagittal.npy");
            if (!Files.isRegularFile(sagFile) || !Files.isRegularFile(dir.resolve("coronal.npy"))) {
                throw new InvalidInputException(dir, "axial.npy without sagittal.npy and coronal.npy");
            }
            long[] as = a.shape();
            long[] ss = NpyReader.readHeader(sagFile).shape();
            if (as.length != 3 || ss.length != 3) {
                throw new InvalidInputException(axialFile, "planes must be (N, rows, columns)");
            }
            zyx = new int[] {dim(sagFile, ss[1]), dim(axialFile, as[1]), dim(axialFile, as[2])};
            planes = new MappedRows[] {
                checkRows(MappedRows.open(axialFile, zyx[1], zyx[2]), n, labelFile),
                checkRows(MappedRows.open(sagFile, zyx[0], zyx[1]), n, labelFile),
                checkRows(MappedRows.open(dir.resolve("coronal.npy"), zyx[0], zyx[2]), n, labelFile)};
        } else {
            throw new InvalidInputException(dir, "no patches (cube.npy or axial/sagittal/coronal.npy)");
        }
        double[][] emr = null;
        Path emrFile = dir.resolve("emr.npy");
        if (Files.isRegularFile(emrFile)) {
            NdArray e = NpyReader.read(emrFile);
            if (e.ndim() != 2 || e.shape()[0] != n) {
                throw new InvalidInputException(emrFile, "EMR shape " + e.shapeText() + " does not match " + n + " labels");
            }
            int k = e.shape()[1];
            emr = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    double v = e.getDouble(i * k + j);
                    if (!Double.isFinite(v)) {
                        throw new InvalidInputException(emrFile, "EMR feature " + j + " of row " + i + " is " + v + " (NaN or infinite)");
                    }
                    emr[i][j] = v;
                }
            }
        }
        MappedRows context = null;
        ContextCube contextCube = null;
        Path contextFile = dir.resolve("context.npy");
        if (Files.isRegularFile(contextFile)) {
            Path spec = dir.resolve(PatchExtraction.CONTEXT_FILE);
            if (!Files.isRegularFile(spec)) {
                throw new InvalidInputException(dir, "context.npy without " + PatchExtraction.CONTEXT_FILE + " (its geometry)");
            }
            try {
                contextCube = ContextCube.parse(Files.readString(spec, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(spec, e.getMessage());
            }
            long[] s = NpyReader.readHeader(contextFile).shape();
            if (s.length != 4 || s[1] != contextCube.sizeZ() || s[2] != contextCube.sizeY() || s[3] != contextCube.sizeX()) {
                throw new InvalidInputException(contextFile, "context patches must be (N, " + contextCube.sizeZ() + ", " + contextCube.sizeY()
                        + ", " + contextCube.sizeX() + ") as " + PatchExtraction.CONTEXT_FILE + " says");
            }
            context = checkRows(MappedRows.open(contextFile, contextCube.sizesZyx()), n, labelFile);
        }
        String[] scans = new String[n];
        String[][] centres = new String[n][];
        readIndex(dir.resolve("index.csv"), n, scans, centres);
        return new ShardSet(dir, n, zyx, cube, planes, labels, emr, scans, centres, context, contextCube);
    }

    private static int dim(Path f, long v) throws InvalidInputException {
        if (v < 1 || v > 4096) {
            throw new InvalidInputException(f, "patch extent " + v + " out of range");
        }
        return (int) v;
    }

    private static MappedRows checkRows(MappedRows m, int n, Path labelFile) throws InvalidInputException {
        if (m.rows() != n) {
            throw new InvalidInputException(m.file(), m.rows() + " patches but " + labelFile.getFileName() + " has " + n + " labels");
        }
        return m;
    }

    private static void readIndex(Path csv, int n, String[] scans, String[][] centres) throws IOException {
        CsvTable t = CsvTable.read(csv);
        if (t.header().size() < 4 || !t.header().get(0).toLowerCase(java.util.Locale.ROOT).startsWith("scan")) {
            throw new InvalidInputException(csv, "first line must be a header scan,z,y,x,...");
        }
        if (t.rows().size() != n) {
            throw new InvalidInputException(csv, t.rows().size() + " rows but labels.npy has " + n + " labels");
        }
        for (int i = 0; i < n; i++) {
            List<String> f = t.rows().get(i);
            scans[i] = f.get(0);
            centres[i] = new String[] {f.get(1), f.get(2), f.get(3)};
        }
    }

    public Path dir() {
        return dir;
    }

    public int rows() {
        return rows;
    }

    /** Patch sizes (z, y, x) in voxels. */
    public int[] patchZyx() {
        return patchZyx.clone();
    }

    /**
     * True when the folder holds patches for {@code a}: cubes for cnn3d; planes or cubes for triplanar, which
     * cuts its planes from the cube's centre (after augmentation, so that in-plane rotations are exact).
     */
    public boolean supports(Architecture a) {
        return a == Architecture.CNN3D ? cube != null : planes != null || cube != null;
    }

    /** True when the folder has tri-planar patches (axial/sagittal/coronal.npy). */
    boolean hasPlanes() {
        return planes != null;
    }

    /** The context cube of {@code context.npy}, or null when the folder has none. */
    public ContextCube contextCube() {
        return contextCube;
    }

    /** Copies the context cube (z, y, x) of {@code row}. */
    void copyContext(int row, byte[] dst) {
        context.copy(row, dst, 0);
    }

    public boolean hasEmr() {
        return emr != null;
    }

    public int emrFeatures() {
        return emr == null ? 0 : emr[0].length;
    }

    public long label(int row) {
        return labels[row];
    }

    public String scan(int row) {
        return scans[row];
    }

    /** "z,y,x" of the patch centre as written in index.csv. */
    public String centre(int row) {
        return String.join(",", centres[row]);
    }

    /** The z, y and x fields of the patch centre as written in index.csv. */
    public List<String> centreZyx(int row) {
        return List.of(centres[row]);
    }

    /** The raw EMR features of a row (copy), or an empty array. */
    public double[] emr(int row) {
        return emr == null ? new double[0] : emr[row].clone();
    }

    /** Copies the cube (z, y, x) of {@code row}. */
    void copyCube(int row, byte[] dst) {
        cube.copy(row, dst, 0);
    }

    /** Copies plane {@code p} (0 axial, 1 sagittal, 2 coronal) of {@code row}. */
    void copyPlane(int p, int row, byte[] dst) {
        planes[p].copy(row, dst, 0);
    }

    /** Opens DATA: a shard folder, a folder with a {@link ShardManifest} ({@code cohort extract}), or a folder of {@code fold_K} shard folders (seed layout). */
    public static List<ShardSet> openAll(Path data) throws IOException {
        List<ShardSet> out = new ArrayList<>();
        if (!Files.isDirectory(data)) {
            throw new InvalidInputException(data, "no such data folder");
        }
        if (isShardFolder(data)) {
            out.add(open(data));
            return out;
        }
        if (ShardManifest.isManifestFolder(data)) {
            for (Path d : ShardManifest.folders(data)) {
                out.add(open(d));
            }
            return out;
        }
        for (Path d : foldFolders(data)) {
            out.add(open(d));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(data, "no shards (labels.npy, index.csv) here nor in fold_K subfolders");
        }
        return out;
    }

    /** The {@code fold_K} subfolders holding shards, by K. */
    static List<Path> foldFolders(Path data) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (var s = Files.list(data)) {
            s.filter(p -> p.getFileName().toString().matches("fold_\\d{1,6}") && isShardFolder(p)).forEach(dirs::add);
        }
        dirs.sort(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(5))));
        return dirs;
    }

    /** The fold number of a {@code fold_K} folder, or -1. */
    int foldNumber() {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.matches("fold_\\d{1,6}") ? Integer.parseInt(name.substring(5)) : -1;
    }
}
