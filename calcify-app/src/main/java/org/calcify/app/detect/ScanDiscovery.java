package org.calcify.app.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.DicomFileChecker;

/** Finds the scans of a {@code --input}: one readable scan, or the scans inside a folder. */
public final class ScanDiscovery {
    private ScanDiscovery() {
    }

    public static List<ScanItem> find(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new InvalidInputException(input, "no such file or folder");
        }
        if (Files.isRegularFile(input)) {
            return List.of(new ScanItem(nameOf(input), input));
        }
        if (holdsDicomFiles(input)) {
            // a DICOM series, maybe with label maps or notes beside it: one scan (VolumeIO skips the rest, with a warning)
            return List.of(new ScanItem(nameOf(input), input));
        }
        List<ScanItem> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(input)) {
            for (Path p : entries.sorted().toList()) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isDirectory(p)) {
                    if (Files.isRegularFile(p.resolve("ct.nii.gz"))) {
                        out.add(new ScanItem(p.getFileName().toString(), p.resolve("ct.nii.gz")));
                    } else if (looksReadable(p)) {
                        out.add(new ScanItem(p.getFileName().toString(), p));
                    }
                } else if (hasVolumeExtension(n)) {
                    out.add(new ScanItem(nameOf(p), p));
                }
            }
        }
        if (out.isEmpty()) {
            if (looksReadable(input)) {
                return List.of(new ScanItem(nameOf(input), input));
            }
            throw new InvalidInputException(input, "folder holds no scans (files .nii/.nii.gz/.mhd/.mha/.nrrd/.npy, DICOM folders or case folders with ct.nii.gz)");
        }
        return out;
    }

    /** True if DICOM files lie directly in {@code folder} (not only in its subfolders). */
    private static boolean holdsDicomFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .anyMatch(DicomFileChecker::isDicom);
        }
    }

    private static boolean looksReadable(Path p) {
        try {
            VolumeIO.formatOf(p);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The file name endings of the volume formats a folder's scan files are found by. */
    private static final String[] VOLUME_EXTENSIONS = {".nii.gz", ".nii", ".mhd", ".mha", ".nrrd", ".npy"};

    /** True for a file name with a volume format's ending ({@code .nii.gz}, {@code .nii}, {@code .mhd}, ...). */
    public static boolean hasVolumeExtension(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        for (String ext : VOLUME_EXTENSIONS) {
            if (n.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    public static String nameOf(Path p) {
        String n = p.getFileName().toString();
        for (String ext : VOLUME_EXTENSIONS) {
            if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }
}
