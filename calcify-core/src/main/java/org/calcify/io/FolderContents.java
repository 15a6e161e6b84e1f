package org.calcify.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.calcify.io.dicom.DicomFileChecker;
import org.calcify.io.dicom.DicomFormat;

/**
 * What a folder holds, searched recursively and sorted by path: its DICOM files, the files another
 * format reads (by content, as {@link VolumeIO} decides), and everything else. DICOMDIR files are
 * left out (they index DICOM files, they are not images). The half of a NIfTI {@code .hdr}/{@code .img}
 * pair that holds the voxels is not counted on its own.
 *
 * <p>{@link VolumeIO} uses it to make folders well defined: a folder holding DICOM files is a DICOM
 * series (the other files are skipped, with {@link #skippedWarning()}); a folder without DICOM
 * holding one image file is that file; anything else is an {@link InvalidInputException} that says
 * what the folder holds ({@link #describe()}).
 *
 * @param folder      the folder
 * @param dicomFiles  DICOM files
 * @param images      other image files by format name ("NRRD", "NIfTI", ...), in the order formats are asked
 * @param otherFiles  files no format reads (text, licences, JSON, detached voxel data, ...)
 */
public record FolderContents(Path folder, List<Path> dicomFiles, Map<String, List<Path>> images, List<Path> otherFiles) {
    /** Names listed per group in messages; the rest are counted. */
    static final int NAMES_SHOWN = 5;

    public FolderContents {
        dicomFiles = List.copyOf(dicomFiles);
        Map<String, List<Path>> copy = new LinkedHashMap<>();
        images.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        images = java.util.Collections.unmodifiableMap(copy);
        otherFiles = List.copyOf(otherFiles);
    }

    /**
     * Where a walk of {@code folder} starts: the folder a symbolic link points to when {@code folder} is one
     * (Files.walk does not follow a link it starts on: a linked DICOM folder would look empty). Links inside
     * the folder are still not followed.
     */
    public static Path walkRoot(Path folder) throws IOException {
        return Files.isSymbolicLink(folder) ? folder.toRealPath() : folder;
    }

    /** Lists {@code folder}, asking every known format about each file that is not DICOM. */
    public static FolderContents of(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(walkRoot(folder))) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> dicom = new ArrayList<>();
        Map<String, List<Path>> images = new LinkedHashMap<>();
        List<Path> other = new ArrayList<>();
        for (Path f : files) {
            if (DicomFileChecker.isDicom(f)) {
                dicom.add(f);
                continue;
            }
            if (isNiftiPairData(f)) {
                continue;
            }
            VolumeFormat format = otherFormat(f);
            if (format == null) {
                other.add(f);
            } else {
                images.computeIfAbsent(familyName(format), k -> new ArrayList<>()).add(f);
            }
        }
        return new FolderContents(folder, dicom, images, other);
    }

    private static VolumeFormat otherFormat(Path f) {
        for (VolumeFormat format : VolumeIO.formats()) {
            if (format instanceof DicomFormat) {
                continue;
            }
            try {
                if (Files.size(f) > 0 && format.canRead(f)) {
                    return format;
                }
            } catch (IOException e) {
                return null; // unreadable: counted with the other files
            }
        }
        return null;
    }

    /** "NIfTI" for NIfTI-1 and NIfTI-2 alike. */
    private static String familyName(VolumeFormat f) {
        String n = f.name();
        return n.startsWith("NIfTI") ? "NIfTI" : n;
    }

    /** The .img of an Analyze/NIfTI pair: its .hdr is the image. */
    private static boolean isNiftiPairData(Path f) {
        String n = f.getFileName().toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".img") && !lower.endsWith(".img.gz")) {
            return false;
        }
        String stem = n.replaceFirst("(?i)\\.img(\\.gz)?$", "");
        return Files.isRegularFile(f.resolveSibling(stem + ".hdr"));
    }

    /** Every file that is not DICOM: images of other formats, then the rest. */
    public List<Path> nonDicomFiles() {
        List<Path> out = new ArrayList<>();
        images.values().forEach(out::addAll);
        out.addAll(otherFiles);
        return out;
    }

    /** Image files of formats other than DICOM, all formats together. */
    public List<Path> imageFiles() {
        List<Path> out = new ArrayList<>();
        images.values().forEach(out::addAll);
        return out;
    }

    /**
     * The warning a DICOM series read from this folder carries when other files were skipped, e.g.
     * {@code "skipped 7 non-DICOM files: 3 NRRD (heart_seg.nrrd, liver_seg.nrrd, spine_seg.nrrd), 4 other (LICENSE.txt, ...)"};
     * null when every file was DICOM.
     */
    public String skippedWarning() {
        int n = nonDicomFiles().size();
        if (n == 0) {
            return null;
        }
        return "skipped " + n + " non-DICOM file" + (n == 1 ? "" : "s") + ": " + groups();
    }

    /** What the folder holds, for an error: {@code "3 NRRD files (a.nrrd, b.nrrd, c.nrrd) and 2 other files (...)"}. */
    public String describe() {
        if (dicomFiles.isEmpty() && images.isEmpty() && otherFiles.isEmpty()) {
            return "no files";
        }
        List<String> parts = new ArrayList<>();
        if (!dicomFiles.isEmpty()) {
            parts.add(count(dicomFiles.size(), "DICOM file") + " (" + names(dicomFiles) + ")");
        }
        images.forEach((format, files) -> parts.add(count(files.size(), format + " file") + " (" + names(files) + ")"));
        if (!otherFiles.isEmpty()) {
            parts.add(count(otherFiles.size(), "other file") + " (" + names(otherFiles) + ")");
        }
        return join(parts);
    }

    private String groups() {
        List<String> parts = new ArrayList<>();
        images.forEach((format, files) -> parts.add(files.size() + " " + format + " (" + names(files) + ")"));
        if (!otherFiles.isEmpty()) {
            parts.add(otherFiles.size() + " other (" + names(otherFiles) + ")");
        }
        return String.join(", ", parts);
    }

    /** Up to {@link #NAMES_SHOWN} paths relative to the folder, then how many more. */
    private String names(List<Path> files) {
        String shown = files.stream().limit(NAMES_SHOWN).map(p -> relative(p)).collect(Collectors.joining(", "));
        return files.size() > NAMES_SHOWN ? shown + " and " + (files.size() - NAMES_SHOWN) + " more" : shown;
    }

    private String relative(Path p) {
        try {
            return folder.relativize(p).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
