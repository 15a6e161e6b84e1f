package org.calcify.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.calcify.io.FolderContents;
import org.calcify.io.InvalidInputException;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/**
 * DICOM: a folder of slices (searched recursively; DICOMDIR skipped; other files skipped with a
 * warning that names them, see {@link FolderContents#skippedWarning()}), a list of files, or one
 * file. Files are grouped by SeriesInstanceUID; {@link ReadOptions#seriesUid()} picks a series,
 * else the CT series with the most slices (or, without CT, the series with the most slices). See
 * {@link DicomSeriesAssembler} for the voxel type and metadata and {@link SliceGeometry} for the grid.
 *
 * <p>Transfer syntaxes: implicit VR LE, explicit VR LE and BE, deflated explicit VR LE, RLE
 * Lossless, JPEG Lossless (process 14 and SV1) and JPEG 2000; others fail naming the syntax.
 * Grayscale only (SamplesPerPixel 1, MONOCHROME1 or MONOCHROME2); MONOCHROME1 values are kept as
 * stored (not inverted), as pydicom's {@code pixel_array} keeps them. A single file with
 * NumberOfFrames > 1 is read as a stack of frames (with a warning: per-frame positions are not read).
 */
public final class DicomFormat implements VolumeFormat {

    @Override
    public String name() {
        return "DICOM";
    }

    @Override
    public boolean canRead(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return DicomScanner.containsDicom(path);
        }
        return DicomFileChecker.isDicom(path);
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            FolderContents contents = FolderContents.of(path);
            if (contents.dicomFiles().isEmpty()) {
                throw new InvalidInputException(path, "no DICOM files found in folder (it holds " + contents.describe() + ")");
            }
            return withSkipped(readFiles(path, contents.dicomFiles(), options), List.of(contents));
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, "no such file or folder");
        }
        if (SegmentationReader.isSegmentation(path)) {
            throw new InvalidInputException(path, "a DICOM Segmentation (SEG) is a label map, not a scan: give it as the label map"
                    + " of its scan (score --labels, render scan --labels) or convert it with --reference SCAN");
        }
        return readFiles(path, List.of(path), options);
    }

    @Override
    public Volume read(List<Path> paths, ReadOptions options) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
        List<Path> files = new ArrayList<>();
        List<FolderContents> folders = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                FolderContents c = FolderContents.of(p);
                folders.add(c);
                files.addAll(c.dicomFiles());
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw DicomScanner.noDicom(paths.get(0));
        }
        return withSkipped(readFiles(paths.get(0), files, options), folders);
    }

    /** Adds a warning naming the non-DICOM files skipped in the folders read. */
    private static Volume withSkipped(Volume v, List<FolderContents> folders) {
        List<String> warnings = new ArrayList<>(v.warnings());
        for (FolderContents c : folders) {
            String w = c.skippedWarning();
            if (w != null) {
                warnings.add(w);
            }
        }
        return warnings.size() == v.warnings().size() ? v : v.withWarnings(warnings);
    }

    /** Every series in a folder or file: UID, modality, description, file count (largest first). */
    public static List<DicomSeriesSummary> listSeries(Path path) throws IOException {
        return DicomScanner.listSeries(path);
    }

    private static Volume readFiles(Path where, List<Path> files, ReadOptions options) throws IOException {
        List<DicomHeader> headers = DicomScanner.readHeaders(files);
        if (headers.isEmpty()) {
            throw DicomScanner.noDicom(where);
        }
        Map<String, List<DicomHeader>> series = DicomScanner.bySeries(headers);
        List<DicomSeriesSummary> summaries = DicomScanner.summarize(series);
        List<DicomHeader> chosen = choose(where, series, summaries, options == null ? null : options.seriesUid());
        return DicomSeriesAssembler.assemble(chosen, summaries);
    }

    /**
     * The headers of the series {@link #read(Path, ReadOptions)} would read from a folder or a file: the one
     * of {@code seriesUid}, or when null the same choice as the reader's.
     */
    static List<DicomHeader> seriesHeaders(Path path, String seriesUid) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            files = FolderContents.of(path).dicomFiles();
            if (files.isEmpty()) {
                throw new InvalidInputException(path, "no DICOM files found in folder");
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new InvalidInputException(path, "no such file or folder");
        }
        List<DicomHeader> headers = DicomScanner.readHeaders(files);
        if (headers.isEmpty()) {
            throw DicomScanner.noDicom(path);
        }
        Map<String, List<DicomHeader>> series = DicomScanner.bySeries(headers);
        return choose(path, series, DicomScanner.summarize(series), seriesUid);
    }

    private static List<DicomHeader> choose(Path where, Map<String, List<DicomHeader>> series,
                                            List<DicomSeriesSummary> summaries, String uid) throws InvalidInputException {
        if (uid != null) {
            List<DicomHeader> s = series.get(uid);
            if (s == null) {
                throw new InvalidInputException(where, "series " + uid + " not found; series present: "
                        + summaries.stream().map(DicomSeriesSummary::toString).collect(Collectors.joining("; ")));
            }
            return s;
        }
        List<DicomSeriesSummary> images = summaries.stream().filter(s -> s.imageCount() > 0).toList();
        if (images.isEmpty()) {
            DicomHeader any = series.values().iterator().next().get(0);
            throw new InvalidInputException(any.file(), "no pixel data (PixelData 7FE0,0010 missing)"
                    + (series.size() == 1 && series.values().iterator().next().size() == 1 ? ""
                    : " in any of the " + series.values().stream().mapToInt(List::size).sum() + " DICOM files"));
        }
        Comparator<DicomSeriesSummary> bySize = Comparator.comparingInt(DicomSeriesSummary::imageCount);
        DicomSeriesSummary best = images.stream().filter(s -> s.modality().equals("CT")).max(bySize)
                .orElseGet(() -> images.stream().max(bySize).orElseThrow());
        return series.get(best.seriesInstanceUid());
    }
}
