package org.calcify.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.LesionRow;
import org.calcify.app.detect.ScanDetection;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.detect.SingleThreadLoops;
import org.calcify.app.export.DicomExport;

/**
 * One scan of {@code cohort detect}: exactly what {@code calcify detect} does for it ({@link ScanDetection}, into
 * {@code OUT/<scan>/}, skipped when its outputs are complete), with the JVM's classifier; the row and lesions come
 * back to the driver. A bad scan is a row with its error; only a model that cannot be loaded fails the task.
 */
final class DetectTask implements Function<ScanRef, ScanResult> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ModelSource> model;
    private final DetectSettings settings;
    private final String out;
    private final int engineThreads;
    private final Broadcast<java.util.HashMap<String, double[]>> emr;

    /** @param emr EMR features by scan name (empty: none), as {@code calcify detect --emr} reads them */
    DetectTask(Broadcast<ModelSource> model, DetectSettings settings, String out, int engineThreads,
               Broadcast<java.util.HashMap<String, double[]>> emr) {
        this.emr = emr;
        this.model = model;
        this.settings = settings;
        this.out = out;
        this.engineThreads = engineThreads;
    }

    @Override
    public ScanResult call(ScanRef scan) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Path.of(out).resolve(scan.name());
        if (!scan.remote()) {
            return detect(scan, scan.listed(), dir, t0, null);
        }
        if (ScanDetection.isDone(dir) && (settings.dicomOutVersion() == null || Files.isRegularFile(dir.resolve(DicomExport.SR_FILE)))) {
            return detect(scan, scan.listed(), dir, t0, null); // finished by an earlier run: nothing to copy
        }
        try (RemoteScans.Staged staged = RemoteScans.stage(scan)) {
            return detect(scan, staged.listed(), dir, t0, staged);
        } catch (org.calcify.io.InvalidInputException e) {
            return new ScanResult(CohortRow.notScored(scan.name(), ScanStatus.FAILED, (System.nanoTime() - t0) / 1e9, e.getMessage()), List.of());
        }
    }

    private ScanResult detect(ScanRef scan, org.calcify.app.detect.ListedScan local, Path dir, long t0, RemoteScans.Staged staged)
            throws IOException {
        ScanDetection detection = new ScanDetection(ExecutorModels.classifier(model.value(), engineThreads), settings.options());
        // the executor's other task slots process scans too: this scan's parallel loops on its own thread
        ScanDetection.Outcome o = SingleThreadLoops.call(() -> detection.run(local.scan(), dir, emr.value().get(scan.name())));
        if (o.ok() && settings.dicomOutVersion() != null && !Files.isRegularFile(dir.resolve(DicomExport.SR_FILE))) {
            // as detect --dicom-out: SEG and SR beside the label map when the scan is a DICOM series (a rerun keeps them)
            try {
                DicomExport.afterDetection(dir, local.scan().path(), settings.dicomOutVersion());
            } catch (IOException | RuntimeException e) {
                String m = "--dicom-out: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                return new ScanResult(CohortRow.notScored(scan.name(), ScanStatus.FAILED, (System.nanoTime() - t0) / 1e9,
                        staged == null ? m : staged.shown(m)), List.of());
            }
        }
        if (staged != null) {
            o = staged.restore(o, dir);
        }
        return withLesions(o, dir, scan, t0);
    }

    /** The outcome's row with its scan's lesions read from its scores.json (a scan whose file cannot be read becomes a failed row). */
    static ScanResult withLesions(ScanDetection.Outcome o, Path dir, ScanRef scan, long t0) {
        if (!o.ok()) {
            return new ScanResult(o.row(), List.of());
        }
        try {
            return new ScanResult(o.row(), LesionRow.fromScores(scan.name(), dir.resolve("scores.json")));
        } catch (java.io.IOException | RuntimeException e) {
            return new ScanResult(CohortRow.notScored(scan.name(), ScanStatus.FAILED, (System.nanoTime() - t0) / 1e9,
                    dir.resolve("scores.json") + ": " + e.getMessage()), List.of());
        }
    }
}
