package org.calcify.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.calcify.app.detect.CohortList;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.ListedScan;
import org.calcify.app.detect.ScanDetection;
import org.calcify.app.detect.ScanScores;
import org.calcify.app.io.JsonFiles;
import org.calcify.app.detect.ScanDiscovery;
import org.calcify.app.detect.ScanItem;
import org.calcify.io.InvalidInputException;
import scala.Tuple2;

/**
 * Scans on a file system that Spark reads through Hadoop ({@code hdfs://}, {@code s3a://}, {@code abfs://},
 * {@code gs://}, ... and {@code file://}): listed on the driver (a folder, a glob, or one scan), each copied by the
 * task that reads it into a local folder of its executor, read there as any scan, and deleted after. The outputs go
 * to {@code --out}, a folder on storage every executor writes (a shared mount).
 *
 * <p>What a listed path is: a folder holding {@code ct.nii.gz} is a case folder (named after it, with its
 * {@code labels.nii.gz}); a folder of files none of which has a volume's extension is one DICOM series; a folder of
 * such folders and volume files (the input itself, without a glob) is a cohort, each entry a scan; a file with a
 * volume's extension ({@code .nii.gz}, {@code .nii}, {@code .mhd}, {@code .mha}, {@code .nrrd}, {@code .npy}) is a
 * scan named after its stem. File system settings (credentials, endpoints) come from {@code spark.hadoop.*} settings
 * ({@code --conf}), as everywhere in Spark; a scheme whose file system is not on the class path (s3a needs
 * hadoop-aws) is refused with Hadoop's reason.
 */
final class RemoteScans {
    private static final Pattern URI_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    private RemoteScans() {
    }

    /** True for an input given as a URI with a scheme ({@code hdfs://nn/data/*}, {@code file:///data}), read through Hadoop. */
    static boolean isUri(String input) {
        return input != null && URI_PREFIX.matcher(input).matches();
    }

    /** The scans an input URI names, in path order (the driver's Hadoop settings: {@code spark.hadoop.*} of {@code conf}). */
    static List<ScanRef> list(String input, SparkConf conf) throws IOException {
        java.nio.file.Path shown = shown(input);
        Path pattern = new Path(uri(input, shown));
        FileSystem fs = fileSystem(pattern, hadoop(conf), shown);
        FileStatus[] matched = fs.globStatus(pattern);
        if (matched == null || matched.length == 0) {
            throw new InvalidInputException(shown, CohortList.isGlob(input) ? "the glob matches no file or folder" : "no such file or folder");
        }
        List<ScanRef> out = new ArrayList<>();
        if (matched.length == 1 && !CohortList.isGlob(input) && matched[0].isDirectory() && isCohortFolder(fs, matched[0].getPath())) {
            for (FileStatus s : sorted(fs.listStatus(matched[0].getPath()))) {
                ScanRef r = entry(fs, s);
                if (r != null) {
                    out.add(r);
                }
            }
        } else {
            for (FileStatus s : sorted(matched)) {
                ScanRef r = entry(fs, s);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(shown, "holds no scans (volume files, DICOM folders or case folders with ct.nii.gz)");
        }
        Set<String> names = new HashSet<>();
        for (ScanRef r : out) {
            if (!names.add(r.name())) {
                throw new InvalidInputException(shown, "two scans named " + r.name() + " (" + r.path() + "): their outputs would share a folder");
            }
        }
        return out;
    }

    /**
     * A scan copied from its file system into a new local folder of this JVM (its file names kept: they say its format);
     * {@link #close} deletes the copy.
     */
    static final class Staged implements AutoCloseable {
        private final java.nio.file.Path dir;
        private final ListedScan listed;
        private final ScanRef source;

        private Staged(java.nio.file.Path dir, ListedScan listed, ScanRef source) {
            this.dir = dir;
            this.listed = listed;
            this.source = source;
        }

        /** The local copy, as a scan to read. */
        ListedScan listed() {
            return listed;
        }

        /** {@code text} with the local copy's paths given as the scan's own (for messages). */
        String shown(String text) {
            if (text == null) {
                return null;
            }
            String out = text.replace(listed.scan().path().toString(), source.path());
            return listed.labels() == null ? out : out.replace(listed.labels().toString(), source.labels());
        }

        /**
         * The outcome as the scan's own: the row's message, and {@code scores.json}'s scan path and label map
         * (written by this run in {@code dir}), name the scan where it lies, not the local copy.
         */
        ScanDetection.Outcome restore(ScanDetection.Outcome o, java.nio.file.Path out) throws IOException {
            java.nio.file.Path scores = out.resolve("scores.json");
            if (o.ok() && Files.isRegularFile(scores)) {
                ScanScores j = JsonFiles.readJson(scores, ScanScores.class);
                ScanScores.ScanSection sc = j.scan();
                if (sc != null && sc.path() != null && !sc.path().equals(source.path())) {
                    ScanScores.ScanSection fixed = new ScanScores.ScanSection(sc.name(), shown(sc.path()), shown(sc.labels()), sc.shapeZyx(),
                            sc.spacingZyxMm(), sc.acquisition(), sc.readerWarnings() == null ? null
                            : sc.readerWarnings().stream().map(this::shown).toList());
                    JsonFiles.writeJson(scores, new ScanScores(shown(j.summary()), fixed, j.score(), j.detections(), j.protocol(),
                            j.anatomy(), j.model(), j.review(), j.disclaimer(), j.timingMs()));
                }
            }
            return new ScanDetection.Outcome(shown(o.row()), o.cause());
        }

        private CohortRow shown(CohortRow r) {
            return r == null ? null : new CohortRow(r.caseName(), r.status(), r.agatston(), r.volumeMm3(), r.massMg(), r.category(),
                    r.lesions(), r.otherCalcium(), r.agatstonLm(), r.agatstonLad(), r.agatstonLcx(), r.agatstonRca(), r.sliceThicknessMm(),
                    r.kvp(), r.kernel(), r.noiseHu(), r.bloodPoolHu(), shown(r.warnings()), r.seconds(), shown(r.message()));
        }

        @Override
        public void close() throws IOException {
            try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
                for (java.nio.file.Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Copies a listed remote scan (and its label map) here, with the executor's Hadoop settings. */
    static Staged stage(ScanRef scan) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("calcify-scan-");
        try {
            Configuration conf = hadoop(SparkEnv.get() == null ? new SparkConf() : SparkEnv.get().conf());
            java.nio.file.Path ct = copy(scan.path(), dir.resolve("scan"), conf);
            java.nio.file.Path labels = scan.labels() == null ? null : copy(scan.labels(), dir.resolve("labels"), conf);
            return new Staged(dir, new ListedScan(new ScanItem(scan.name(), ct), labels), scan);
        } catch (IOException | RuntimeException e) {
            new Staged(dir, null, scan).close();
            throw e;
        }
    }

    private static java.nio.file.Path copy(String from, java.nio.file.Path into, Configuration conf) throws IOException {
        java.nio.file.Path shown = shown(from);
        Path src = new Path(uri(from, shown));
        FileSystem fs = fileSystem(src, conf, shown);
        Files.createDirectories(into);
        java.nio.file.Path local = into.resolve(src.getName());
        try {
            // the raw local file system: no .crc files beside the copy
            fs.copyToLocalFile(false, src, new Path(local.toUri()), true);
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidInputException(shown, "no such file or folder");
        }
        return local;
    }

    private static ScanRef entry(FileSystem fs, FileStatus s) throws IOException {
        Path p = s.getPath();
        if (s.isDirectory()) {
            Path ct = new Path(p, "ct.nii.gz");
            if (fs.isFile(ct)) {
                Path labels = new Path(p, "labels.nii.gz");
                return new ScanRef(p.getName(), ct.toString(), fs.isFile(labels) ? labels.toString() : null, true);
            }
            return new ScanRef(p.getName(), p.toString(), null, true); // a DICOM series (or not a scan: its row says so)
        }
        String n = p.getName();
        if (n.equals("ct.nii.gz") && p.getParent() != null && !p.getParent().isRoot()) {
            Path labels = new Path(p.getParent(), "labels.nii.gz");
            return new ScanRef(p.getParent().getName(), p.toString(), fs.isFile(labels) ? labels.toString() : null, true);
        }
        return ScanDiscovery.hasVolumeExtension(n) ? new ScanRef(ScanDiscovery.nameOf(java.nio.file.Path.of(n)), p.toString(), null, true) : null;
    }

    /** A folder whose entries are scans (subfolders or volume files), not the files of one DICOM series. */
    private static boolean isCohortFolder(FileSystem fs, Path dir) throws IOException {
        if (fs.isFile(new Path(dir, "ct.nii.gz"))) {
            return false;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() || ScanDiscovery.hasVolumeExtension(s.getPath().getName())) {
                return true;
            }
        }
        return false;
    }

    private static List<FileStatus> sorted(FileStatus[] s) {
        List<FileStatus> out = new ArrayList<>(List.of(s));
        out.sort(Comparator.comparing(f -> f.getPath().toString()));
        return out;
    }

    /** A URI as a path for messages ({@code hdfs:/nn/data}: the form error lines name files in). */
    private static java.nio.file.Path shown(String uri) {
        return java.nio.file.Path.of(uri.replace("://", ":/"));
    }

    private static URI uri(String text, java.nio.file.Path shown) throws InvalidInputException {
        try {
            // Hadoop's own parsing: glob characters and spaces stay as they are
            return new Path(text).toUri();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(shown, "not a file system URI: " + e.getMessage());
        }
    }

    private static FileSystem fileSystem(Path p, Configuration conf, java.nio.file.Path shown) throws IOException {
        try {
            return p.getFileSystem(conf);
        } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
            throw new InvalidInputException(shown, "no file system for scheme '" + p.toUri().getScheme() + "' on the class path (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(shown, "cannot open its file system: " + e.getMessage());
        }
    }

    /** Hadoop settings as Spark makes them: the defaults, with every {@code spark.hadoop.K=V} setting as {@code K=V}. */
    static Configuration hadoop(SparkConf conf) {
        Configuration c = new Configuration();
        for (Tuple2<String, String> kv : conf.getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                c.set(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        return c;
    }
}
