package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Set;
import org.calcify.app.detect.CohortDetection;
import org.calcify.app.detect.CohortRow;
import org.calcify.app.detect.DetectionOptions;
import org.calcify.app.detect.ScanDiscovery;
import org.calcify.app.detect.ScanItem;
import org.calcify.app.detect.ScanStatus;
import org.calcify.app.dicomweb.DicomWebClient;
import org.calcify.app.dicomweb.DicomWebPull;
import org.calcify.app.dicomweb.DicomWebSource;
import org.calcify.app.emr.EmrTable;
import org.calcify.app.export.DicomExport;
import org.calcify.app.failure.UsageException;
import org.calcify.io.InvalidInputException;
import org.calcify.io.dicom.DicomFormat;
import org.calcify.detect.BackgroundClassifier;
import org.calcify.detect.CandidateClassifier;
import org.calcify.detect.NoiseGate;
import org.calcify.nn.inference.Classifiers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify detect}: find, label and score coronary calcium over whole scans. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Finds coronary calcium in whole scans, labels it per artery and scores it.", "",
                "Each scan is checked (CT in HU, a chest in view) and its anatomy located (lungs, bone, the heart region);",
                "the protocol is screened (slice thickness, kVp, kernel, noise, contrast, field of view: contrast-enhanced",
                "scans and sharp kernels are refused). Candidates (>= 130 HU) inside the heart region are classified by the",
                "model (coronary or not first, then the artery) and painted into a label map (0 none, 1 LM, 2 LAD, 3 LCX,",
                "4 RCA, 5 other calcium). Per scan writes OUT/<scan>/labels.nii.gz, scores.json and report.html; for a folder",
                "also OUT/cohort.csv (one row per scan, as 'calcify evaluate' reads it).",
                "A folder of scans is processed in parallel and resumably (finished scans are read back, not redone)."})
final class DetectCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = Classifiers.DEFAULT, paramLabel = "DIR|default|baseline",
            description = "A trained model folder (calcify train); 'default' (the default): the model that ships with Calcify (see"
                    + " docs/models.md); 'baseline': every candidate in the heart region counted as coronary.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "SCAN_OR_FOLDER|dicomweb://...",
            description = {"A scan, or a folder of scans (files, DICOM folders, or case folders holding ct.nii.gz); or a study on a DICOMweb"
                    + " server, dicomweb://HOST:PORT/PATH?StudyInstanceUID=UID[&SeriesInstanceUID=UID] (dicomwebs:// for HTTPS): its CT series"
                    + " (or the series named) are pulled into OUT/dicomweb/<StudyInstanceUID>/ and detected there."})
    String inputArg;

    @Option(names = "--dicom-out", description = "Also write seg.dcm and sr.dcm (DICOM SEG and TID 1500 SR, as 'calcify export') into the"
            + " folder of each scan that is a DICOM series.")
    boolean dicomOut;

    @Mixin
    DicomWebOptions connection;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--emr", paramLabel = "CSV", description = "EMR features per scan: a CSV whose first column names the scan (e.g. calcify phantom's cohort.csv).")
    Path emr;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Scans processed at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--voxels-per-lesion", paramLabel = "N", defaultValue = "8",
            description = "Voxels classified per candidate component, the peak and others spread over it; their probabilities are averaged,"
                    + " and the component is coronary when its summed artery probabilities beat none plus other calcium (default: ${DEFAULT-VALUE}).")
    int voxelsPerLesion;

    @Option(names = "--min-significance", paramLabel = "S", defaultValue = "4",
            description = "Candidates in the heart region whose peak rise above the blood pool, times the square root of their voxel count"
                    + " (as --noise-voxels counts it), over the noise measured in the heart is below S are taken for noise and never classified"
                    + " (0 keeps all; default: ${DEFAULT-VALUE}; 8 suits --noise-voxels EVERY).")
    double minSignificance;

    @Option(names = "--min-noise-excess", paramLabel = "Z", defaultValue = "3",
            description = "Candidates in the heart region whose mean HU lies less than Z standard errors above the mean that the measured noise"
                    + " alone gives blood-pool voxels above 130 HU are taken for noise and never classified; asked only of scans whose noise lifts"
                    + " heart-region voxels over 130 HU at all (0 keeps all; default: ${DEFAULT-VALUE}).")
    double minNoiseExcess;

    @Option(names = "--noise-background", paramLabel = "FROM", defaultValue = "LOCAL",
            description = "What the two noise tests measure a candidate's rise from: LOCAL, the upper quartile of the HU of the tissue within 2 mm of it"
                    + " (fat around an artery, blood around a speck of noise), or BLOOD_POOL, the blood pool's HU for every candidate"
                    + " (default: ${DEFAULT-VALUE}).")
    NoiseGate.Background noiseBackground;

    @Option(names = "--min-smoothed-rise", paramLabel = "Z", defaultValue = "4.5",
            description = "Candidates that fail the two noise tests are kept all the same when the scan smoothed in-plane over about 1 mm"
                    + " (a Gaussian of 0.6 mm) peaks within them at least Z times its own noise above their surroundings: faint plaques"
                    + " under heavy noise (0 keeps none of them; default: ${DEFAULT-VALUE}).")
    double minSmoothedRise;

    @Option(names = "--noise-voxels", paramLabel = "COUNT", defaultValue = "INDEPENDENT",
            description = "How a candidate's voxels count as draws of the noise in the two noise tests: EVERY voxel (as if the noise were"
                    + " white; the detector before 2026-12-04, with --min-significance 8), or INDEPENDENT, the voxels over the area the scan's"
                    + " noise is correlated over, at least one (measured in the heart's blood; a soft kernel correlates it over several voxels)"
                    + " (default: ${DEFAULT-VALUE}).")
    NoiseGate.VoxelCount noiseVoxels;

    @Option(names = "--allow-contrast", description = "Score contrast-enhanced scans (with a warning) instead of refusing them.")
    boolean allowContrast;

    @Option(names = "--allow-sharp-kernel", description = "Score sharp-kernel (lung, bone) reconstructions (with a warning) instead of refusing them.")
    boolean allowSharpKernel;

    @Option(names = "--anatomy", description = "Also write the located anatomy per scan as anatomy.nii.gz (1 body, 2 lung, 3 bone, 5 heart region).")
    boolean anatomy;

    @Option(names = "--candidates", description = {"Also write every candidate found around the heart region per scan as candidates.csv: "
            + "what became of it (outside_heart_region, in_bone, noise, classified, classified_for_smoothed_rise), the gate's measures "
            + "(share in the heart region and in bone, tissue HU, significance, noise excess, smoothed rise) and the class decided with the "
            + "network's mean probability of each class: why a lesion was missed."})
    boolean candidates;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** The detection options these settings give ({@link IllegalArgumentException} naming a bad one). */
    DetectionOptions options() {
        return DetectionOptions.builder().threads(threads).voxelsPerLesion(voxelsPerLesion).allowContrast(allowContrast)
                .allowSharpKernel(allowSharpKernel).writeAnatomy(anatomy).writeCandidates(candidates).minSignificance(minSignificance).minNoiseExcess(minNoiseExcess)
                .noiseBackground(noiseBackground).minSmoothedRise(minSmoothedRise).noiseVoxels(noiseVoxels).build();
    }

    @Override
    public Integer call() throws Exception {
        DetectionOptions options = UsageException.fromOptions(this::options);
        Path input;
        List<ScanItem> scans;
        boolean cohort;
        if (DicomWebSource.isDicomWeb(inputArg)) {
            DicomWebSource source = UsageException.fromOptions(() -> DicomWebSource.parse(inputArg));
            DicomWebClient client = connection.client(source.base());
            input = out.resolve("dicomweb").resolve(source.studyUid());
            List<DicomWebPull.PulledSeries> pulled = DicomWebPull.pull(client, source.studyUid(), source.seriesUid(),
                    source.seriesUid() == null ? Set.of("CT") : Set.of(), input);
            scans = pulled.stream().map(p -> new ScanItem(p.series().seriesInstanceUid(), p.folder())).toList();
            cohort = scans.size() > 1;
        } else {
            input = Path.of(inputArg);
            scans = ScanDiscovery.find(input);
            cohort = scans.size() > 1 || Files.isDirectory(input) && !scans.get(0).path().equals(input);
        }
        if (dicomOut && scans.size() == 1 && !new DicomFormat().canRead(scans.get(0).path())) {
            throw new InvalidInputException(scans.get(0).path(), "not a DICOM series: --dicom-out needs one (a DICOM SEG and SR reference its UIDs)");
        }
        Map<String, double[]> emrRows = emr == null ? Map.of() : EmrTable.read(emr);
        CohortDetection.Result result;
        // the model loads on a background thread while the first scan is read and its anatomy located
        try (CandidateClassifier classifier = new BackgroundClassifier(() -> Classifiers.load(model))) {
            result = new CohortDetection(classifier, options).run(scans, out, emrRows, cohort, ConsoleProgress.forStderr(quiet));
        }
        PrintWriter err = spec.commandLine().getErr();
        List<CohortRow> rows = result.rows();
        if (scans.size() == 1 && result.failed() == 1) {
            throw result.outcomes().get(0).cause();
        }
        for (CohortRow r : rows) {
            if (r.status() != ScanStatus.OK) {
                err.println("calcify: " + r.status().jsonName() + ": " + r.message());
            }
        }
        if (dicomOut) {
            String version = ExportCommand.version();
            for (ScanItem scan : scans) {
                boolean ok = rows.stream().anyMatch(r -> r.caseName().equals(scan.name()) && r.status() == ScanStatus.OK);
                if (!ok) {
                    continue;
                }
                DicomExport.afterDetection(out.resolve(scan.name()), scan.path(), version)
                        .ifPresent(why -> err.println("calcify: no --dicom-out for " + scan.name() + ": " + why));
            }
        }
        err.flush();
        var pw = spec.commandLine().getOut();
        long failed = result.failed();
        pw.printf(Locale.ROOT, "detected %d scan(s), %d failed or refused -> %s%n", scans.size() - failed, failed, out);
        pw.flush();
        if (result.firstBug() != null) {
            throw result.firstBug();
        }
        return failed == 0 ? 0 : 1;
    }
}
