package org.calcify.app.dicomweb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.calcify.io.InvalidInputException;
import org.calcify.io.dicom.DicomFileChecker;

/**
 * Pushes DICOM files (SEG, SR, or a whole series) to a DICOMweb server with STOW-RS, in requests of at most
 * {@value #BATCH_FILES} files or {@value #BATCH_BYTES} bytes. Folders are searched for DICOM files (not
 * recursively: a series folder, or a detect scan folder with seg.dcm and sr.dcm). Every path is checked before
 * the first request: a missing file or one that is not DICOM is refused and nothing is sent.
 */
public final class DicomWebPush {
    static final int BATCH_FILES = 100;
    static final long BATCH_BYTES = 256L << 20;

    /** What the server stored and refused over all requests. */
    public record Result(int files, int stored, int failed, List<String> failures) {
    }

    private DicomWebPush() {
    }

    /** The DICOM files to send: each file given, and the DICOM files directly in each folder given (sorted). */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> inside;
                try (Stream<Path> s = Files.list(p)) {
                    inside = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(DicomFileChecker::isDicom).sorted().toList();
                }
                if (inside.isEmpty()) {
                    throw new InvalidInputException(p, "folder holds no DICOM files");
                }
                out.addAll(inside);
            } else if (!Files.exists(p)) {
                throw new InvalidInputException(p, "no such file or folder");
            } else if (!DicomFileChecker.isDicom(p)) {
                throw new InvalidInputException(p, "not a DICOM file");
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Stores {@code files} (see {@link #files}); throws when the server refuses the request. */
    public static Result push(DicomWebClient client, List<Path> files) throws IOException {
        int stored = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        List<Path> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i <= files.size(); i++) {
            long size = i < files.size() ? Files.size(files.get(i)) : 0;
            if (i == files.size() || !batch.isEmpty() && (batch.size() >= BATCH_FILES || bytes + size > BATCH_BYTES)) {
                DicomWebClient.Stored s = client.store(batch);
                stored += s.stored();
                failed += s.failed();
                failures.addAll(s.failures());
                batch.clear();
                bytes = 0;
            }
            if (i < files.size()) {
                batch.add(files.get(i));
                bytes += size;
            }
        }
        return new Result(files.size(), stored, failed, failures);
    }
}
