package org.calcify.io.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ParallelMap;

/**
 * Finds DICOM files (recursively in folders; non-DICOM files and DICOMDIR skipped), parses their
 * headers in parallel and groups them by SeriesInstanceUID.
 */
public final class DicomScanner {
    private DicomScanner() {
    }

    /** The DICOM files under {@code folder}, sorted by path. */
    public static List<Path> dicomFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(org.calcify.io.FolderContents.walkRoot(folder))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .sorted()
                    .filter(DicomFileChecker::isDicom)
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** True if {@code folder} holds at least one DICOM file (stops at the first one found). */
    public static boolean containsDicom(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(org.calcify.io.FolderContents.walkRoot(folder))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .anyMatch(DicomFileChecker::isDicom);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Headers of {@code files}, parsed in parallel, DICOMDIR files left out. */
    public static List<DicomHeader> readHeaders(List<Path> files) throws IOException {
        List<DicomHeader> headers = parallel(files, DicomParser::readHeader);
        return headers.stream().filter(h -> !h.isDicomDir()).toList();
    }

    /** Headers grouped by SeriesInstanceUID, in order of first appearance. */
    public static Map<String, List<DicomHeader>> bySeries(List<DicomHeader> headers) {
        Map<String, List<DicomHeader>> m = new LinkedHashMap<>();
        for (DicomHeader h : headers) {
            m.computeIfAbsent(h.seriesInstanceUid(), k -> new ArrayList<>()).add(h);
        }
        return m;
    }

    /** One summary per series, largest first. */
    public static List<DicomSeriesSummary> summarize(Map<String, List<DicomHeader>> series) {
        List<DicomSeriesSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<DicomHeader>> e : series.entrySet()) {
            DicomHeader first = e.getValue().get(0);
            int images = (int) e.getValue().stream().filter(h -> h.pixelData() != null).count();
            out.add(new DicomSeriesSummary(e.getKey(), first.modality(), first.seriesDescription(), e.getValue().size(), images));
        }
        out.sort(Comparator.comparingInt(DicomSeriesSummary::fileCount).reversed());
        return out;
    }

    /** Lists every series found in a folder (or a file): UID, modality, description, file count. */
    public static List<DicomSeriesSummary> listSeries(Path path) throws IOException {
        List<Path> files = Files.isDirectory(path) ? dicomFiles(path) : List.of(path);
        return summarize(bySeries(readHeaders(files)));
    }

    /** An I/O step that may fail with an {@link IOException}. */
    interface IoFunction<T, R> {
        R apply(T t) throws IOException;
    }

    /** Applies {@code f} to every item on a small thread pool (at most 8 threads); results in input order. */
    static <T, R> List<R> parallel(List<T> items, IoFunction<T, R> f) throws IOException {
        return ParallelMap.map(items, 8, "calcify-dicom", f::apply);
    }

    static InvalidInputException noDicom(Path folder) {
        return new InvalidInputException(folder, "no DICOM files found in folder");
    }
}
