package org.calcify.app.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;

/**
 * The scans of a cohort's input: a folder (as {@code calcify detect} finds its scans), a list of scan paths
 * ({@code .txt}: one path a line, {@code #} comments; {@code .csv}: a {@code scan} column and optionally
 * {@code labels}, header optional, first column the scan), or a glob ({@code /data/ct/*.nii.gz},
 * {@code /data/**}{@code /ct.nii.gz}). Relative paths in a list are relative to the list's folder. A listed
 * path need not exist: a scan that cannot be read is its cohort row's error, not the end of the run. A case
 * folder's {@code labels.nii.gz} beside its {@code ct.nii.gz} is its label map.
 */
public final class CohortList {
    private static final long MAX_LIST_BYTES = 256L << 20;

    private CohortList() {
    }

    public static List<ListedScan> resolve(String input) throws IOException {
        Path p = Path.of(input);
        if (Files.isRegularFile(p) && isList(p)) {
            return named(p, fromList(p));
        }
        if (!Files.exists(p) && isGlob(input)) {
            return named(p, glob(input));
        }
        List<ListedScan> out = new ArrayList<>();
        for (ScanItem s : ScanDiscovery.find(p)) {
            out.add(new ListedScan(s, labelsBeside(s.path())));
        }
        return out;
    }

    /** True for a file the input names as a list of scans rather than a scan. */
    public static boolean isList(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".txt") || n.endsWith(".lst");
    }

    /** True for an input with glob characters ({@code * ? [ {}). */
    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static List<ListedScan> fromList(Path list) throws IOException {
        if (Files.size(list) > MAX_LIST_BYTES) {
            throw new InvalidInputException(list, "list of scans larger than 256 MiB");
        }
        Path base = list.toAbsolutePath().getParent();
        String text = Files.readString(list, StandardCharsets.UTF_8);
        List<ListedScan> out = new ArrayList<>();
        if (list.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            CsvTable t = CsvTable.parse(list, text);
            if (!t.header().get(0).equalsIgnoreCase("scan")) {
                List<String> header = new ArrayList<>(List.of("scan", "labels"));
                while (header.size() < t.header().size()) {
                    header.add("column" + (header.size() + 1));
                }
                t = CsvTable.parse(list, String.join(",", header.subList(0, t.header().size())) + "\n" + text);
            }
            int labels = t.column("labels");
            for (int i = 0; i < t.rows().size(); i++) {
                String scan = t.rows().get(i).get(0).trim();
                if (scan.isEmpty()) {
                    throw new InvalidInputException(list, "row " + (i + 2) + ": no scan path");
                }
                String lab = labels < 0 ? "" : t.rows().get(i).get(labels).trim();
                out.add(entry(base.resolve(scan), lab.isEmpty() ? null : base.resolve(lab)));
            }
        } else {
            for (String line : text.split("\r?\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    out.add(entry(base.resolve(s), null));
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(list, "lists no scans");
        }
        return out;
    }

    private static List<ListedScan> glob(String pattern) throws IOException {
        Path abs = Path.of(pattern).toAbsolutePath().normalize();
        Path base = abs.getRoot();
        for (Path part : abs) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        if (!Files.isDirectory(base)) {
            throw new InvalidInputException(Path.of(pattern), "no such folder: " + base);
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + abs);
        List<ListedScan> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.filter(m::matches).sorted().toList()) {
                out.add(entry(p, null));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(Path.of(pattern), "the glob matches no file or folder");
        }
        return out;
    }

    /** One listed path: a case folder (its ct.nii.gz and labels.nii.gz), its ct.nii.gz, or a scan file or DICOM folder. */
    private static ListedScan entry(Path p, Path labels) {
        Path scan = p;
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("ct.nii.gz"))) {
            scan = p.resolve("ct.nii.gz");
        }
        String name = isCaseCt(scan) ? scan.getParent().getFileName().toString() : ScanDiscovery.nameOf(scan);
        return new ListedScan(new ScanItem(name, scan), labels != null ? labels : labelsBeside(scan));
    }

    private static boolean isCaseCt(Path scan) {
        return scan.getFileName().toString().equals("ct.nii.gz") && scan.getParent() != null && scan.getParent().getFileName() != null;
    }

    private static Path labelsBeside(Path scan) {
        if (!isCaseCt(scan)) {
            return null;
        }
        Path l = scan.resolveSibling("labels.nii.gz");
        return Files.isRegularFile(l) ? l : null;
    }

    /** Checks that no two scans share a name (their outputs would share a folder). */
    private static List<ListedScan> named(Path input, List<ListedScan> scans) throws InvalidInputException {
        Set<String> names = new HashSet<>();
        for (ListedScan s : scans) {
            if (!names.add(s.scan().name())) {
                throw new InvalidInputException(input, "two scans named " + s.scan().name() + " (" + s.scan().path()
                        + "): their outputs would share a folder");
            }
        }
        return scans;
    }
}
