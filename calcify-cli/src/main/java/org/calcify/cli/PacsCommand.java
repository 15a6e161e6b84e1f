package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.calcify.app.dicomweb.DicomWebClient;
import org.calcify.app.dicomweb.DicomWebPull;
import org.calcify.app.dicomweb.DicomWebPush;
import org.calcify.app.dicomweb.SeriesRecord;
import org.calcify.app.dicomweb.StudyRecord;
import org.calcify.app.failure.UsageException;
import org.calcify.app.io.JsonFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code calcify pacs query|pull|push}: a DICOMweb server (QIDO-RS, WADO-RS, STOW-RS). */
@Command(name = "pacs", mixinStandardHelpOptions = true,
        description = {"Talks to a PACS or archive over DICOMweb: search (QIDO-RS), retrieve (WADO-RS), store (STOW-RS).", "",
                "--url is the service's root, e.g. http://localhost:8042/dicom-web for Orthanc. Credentials come from files",
                "(--user with --password-file, or --token-file). A request that cannot connect, times out or gets a 5xx answer",
                "is tried again; a failure is one line naming the request's URL, exit code 2 (docs/dicom-out.md)."},
        subcommands = {PacsCommand.Query.class, PacsCommand.Pull.class, PacsCommand.Push.class})
final class PacsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code calcify pacs query}. */
    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Lists studies (QIDO-RS), or with --study that study's series.")
    static final class Query implements Callable<Integer> {
        @Option(names = "--url", required = true, paramLabel = "URL", description = "The DICOMweb service's root URL.")
        String url;

        @Option(names = "--study", paramLabel = "UID", description = "List the series of this study.")
        String study;

        @Option(names = "--patient-id", paramLabel = "ID", description = "Only the studies of this PatientID.")
        String patientId;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Mixin
        DicomWebOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            DicomWebClient client = connection.client(DicomWebOptions.url(url));
            PrintWriter out = spec.commandLine().getOut();
            if (study != null) {
                requireUid(study, "--study");
                List<SeriesRecord> series = client.searchSeries(study);
                if (json) {
                    out.println(JsonFiles.toJson(series));
                } else {
                    out.println("series_uid\tmodality\tnumber\tinstances\tdescription");
                    for (SeriesRecord s : series) {
                        out.println(String.join("\t", s.seriesInstanceUid(), s.modality(), str(s.seriesNumber()), str(s.instanceCount()), s.description()));
                    }
                }
            } else {
                Map<String, String> match = new LinkedHashMap<>();
                if (patientId != null) {
                    match.put("PatientID", patientId);
                }
                List<StudyRecord> studies = client.searchStudies(match);
                if (json) {
                    out.println(JsonFiles.toJson(studies));
                } else {
                    out.println("study_uid\tpatient_id\tstudy_date\tmodalities\tseries\tinstances\tdescription");
                    for (StudyRecord s : studies) {
                        out.println(String.join("\t", s.studyInstanceUid(), s.patientId(), s.studyDate(), String.join("\\", s.modalities()),
                                str(s.seriesCount()), str(s.instanceCount()), s.description()));
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code calcify pacs pull}. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Retrieves a study's series, or one series (WADO-RS), into OUT/<SeriesInstanceUID>/<SOPInstanceUID>.dcm.",
                    "Instances are streamed to disk as they arrive; a series folder appears only when the whole pull succeeded."})
    static final class Pull implements Callable<Integer> {
        @Option(names = "--url", required = true, paramLabel = "URL", description = "The DICOMweb service's root URL.")
        String url;

        @Option(names = "--study", required = true, paramLabel = "UID", description = "The study to retrieve.")
        String study;

        @Option(names = "--series", paramLabel = "UID", description = "Only this series of the study.")
        String series;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Mixin
        DicomWebOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            requireUid(study, "--study");
            if (series != null) {
                requireUid(series, "--series");
            }
            DicomWebClient client = connection.client(DicomWebOptions.url(url));
            PrintWriter pw = spec.commandLine().getOut();
            for (DicomWebPull.PulledSeries p : DicomWebPull.pull(client, study, series, Set.of(), out)) {
                pw.println(p.folder() + ": " + p.instances() + " instance" + (p.instances() == 1 ? "" : "s") + ", " + p.bytes() + " bytes"
                        + (p.series().modality().isEmpty() ? "" : " (" + p.series().modality() + ")"));
            }
            pw.flush();
            return 0;
        }
    }

    /** {@code calcify pacs push}. */
    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Stores DICOM files (STOW-RS): SEG and SR from 'calcify export' or 'detect --dicom-out', or a series.",
                    "A folder stands for the DICOM files directly in it. Every file is checked before anything is sent."})
    static final class Push implements Callable<Integer> {
        @Option(names = "--url", required = true, paramLabel = "URL", description = "The DICOMweb service's root URL.")
        String url;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files or folders of them.")
        List<Path> files;

        @Mixin
        DicomWebOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Path> dicom = DicomWebPush.files(files);
            DicomWebClient client = connection.client(DicomWebOptions.url(url));
            DicomWebPush.Result r = DicomWebPush.push(client, dicom);
            PrintWriter pw = spec.commandLine().getOut();
            pw.println("stored " + r.stored() + " of " + r.files() + " instance" + (r.files() == 1 ? "" : "s") + " at " + client.base());
            pw.flush();
            if (r.failed() > 0) {
                throw new org.calcify.app.dicomweb.DicomWebException(java.net.URI.create(client.base() + "/studies"),
                        "the server refused " + r.failed() + " of " + r.files() + " instances: " + String.join("; ", r.failures()));
            }
            return 0;
        }
    }

    static void requireUid(String uid, String option) {
        if (!DicomWebClient.isUid(uid)) {
            throw new UsageException(option + " '" + uid + "' is not a DICOM UID (digits and dots, at most 64 characters)");
        }
    }

    private static String str(Integer i) {
        return i == null ? "" : i.toString();
    }
}
