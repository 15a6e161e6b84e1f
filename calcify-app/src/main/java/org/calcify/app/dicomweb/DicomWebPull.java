package org.calcify.app.dicomweb;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pulls a study's series, or one series, from a DICOMweb server into {@code OUT/<SeriesInstanceUID>/} (one
 * {@code <SOPInstanceUID>.dcm} per instance). Each series is received into a hidden temporary folder in
 * {@code OUT} ({@code .<SeriesInstanceUID>.<pid>-<random>.part}); only when every requested series has arrived
 * are they renamed into place (replacing an earlier pull of the same series). A failed pull removes its
 * temporary folders and leaves {@code OUT} as it was.
 */
public final class DicomWebPull {
    private static final long PID = ProcessHandle.current().pid();

    /** One series pulled: its record, its folder and how many files and bytes it holds. */
    public record PulledSeries(SeriesRecord series, Path folder, int instances, long bytes) {
    }

    private DicomWebPull() {
    }

    /**
     * Pulls {@code seriesUid} of {@code studyUid}, or (when it is null) every series of the study whose modality is
     * in {@code modalities} (every series when that is empty).
     */
    public static List<PulledSeries> pull(DicomWebClient client, String studyUid, String seriesUid, Set<String> modalities, Path out)
            throws IOException {
        List<SeriesRecord> wanted = new ArrayList<>();
        if (seriesUid != null) {
            wanted.add(new SeriesRecord(studyUid, seriesUid, "", null, "", null));
        } else {
            List<SeriesRecord> all = client.searchSeries(studyUid);
            for (SeriesRecord s : all) {
                if (!DicomWebClient.isUid(s.seriesInstanceUid())) {
                    throw new DicomWebException(seriesUri(client, studyUid), "the server names a series '" + s.seriesInstanceUid()
                            + "' that is not a DICOM UID");
                }
                if (modalities.isEmpty() || modalities.contains(s.modality().toUpperCase(Locale.ROOT))) {
                    wanted.add(s);
                }
            }
            if (wanted.isEmpty()) {
                throw new DicomWebException(seriesUri(client, studyUid), all.isEmpty() ? "the server has no such study (no series found)"
                        : "the study has no series of modality " + String.join(" or ", modalities) + " (it has " + all.size() + " series)");
            }
        }
        removeLeftovers(out);
        Files.createDirectories(out);
        List<Path> temps = new ArrayList<>();
        List<PulledSeries> pulled = new ArrayList<>();
        boolean done = false;
        try {
            List<DicomWebClient.Retrieved> got = new ArrayList<>();
            for (SeriesRecord s : wanted) {
                Path tmp = Files.createTempDirectory(out, "." + s.seriesInstanceUid() + "." + PID + "-");
                temps.add(tmp);
                got.add(client.retrieveSeries(studyUid, s.seriesInstanceUid(), tmp));
            }
            for (int i = 0; i < wanted.size(); i++) {
                Path target = out.resolve(wanted.get(i).seriesInstanceUid());
                replace(temps.get(i), target);
                pulled.add(new PulledSeries(wanted.get(i), target, got.get(i).files().size(), got.get(i).bytes()));
            }
            done = true;
        } finally {
            if (!done) {
                for (Path t : temps) {
                    deleteTree(t);
                }
            }
        }
        return pulled;
    }

    private static URI seriesUri(DicomWebClient client, String studyUid) {
        return URI.create(client.base() + "/studies/" + studyUid + "/series");
    }

    /** Moves the folder {@code tmp} to {@code target}, replacing a folder there. */
    private static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "." + PID + "-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Removes temporary folders that pulls of processes no longer running left in {@code out}. */
    private static void removeLeftovers(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> s = Files.list(out)) {
            stale = s.filter(Files::isDirectory).filter(p -> {
                String n = p.getFileName().toString();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.[0-9.]+\\.(\\d+)-\\d+").matcher(n);
                if (!m.matches()) {
                    return false;
                }
                long pid = Long.parseLong(m.group(1));
                return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
            }).toList();
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
