package org.calcify.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.calcify.app.score.ScanScoring;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.JsonFiles;
import org.calcify.protocol.Finding;
import org.calcify.report.dicom.LabelMapReader;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.score.Lesion;
import org.calcify.score.ScoreTriple;
import org.calcify.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code calcify score --ct CT --labels LABELS}: Agatston, volume and mass scores. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Agatston, volume and mass calcium scores, total and per artery, with the risk category and the lesions.", "",
                "Labels: 0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 non-coronary calcium (not scored).",
                "The scan is screened as `calcify detect` screens it (slice thickness, kVp, kernel, noise, contrast, field of view):",
                "its findings follow the scores (and are under \"protocol\" with --json); contrast and sharp kernels are refused",
                "unless allowed.",
                "Definitions and references: docs/scoring.md."})
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--ct", required = true, paramLabel = "CT", description = "CT volume in HU (any readable format).")
    Path ct;

    @Option(names = "--labels", required = true, paramLabel = "LABELS", description = {"Label map on the CT's grid (values 0-5), or a DICOM Segmentation (SEG) of the CT: its frames are",
            "placed on the CT's slices and its segments become labels (docs/dicom-out.md, Reading a SEG)."})
    Path labels;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--allow-contrast", description = "Score contrast-enhanced scans (with a warning) instead of refusing them.")
    boolean allowContrast;

    @Option(names = "--allow-sharp-kernel", description = "Score scans reconstructed with a sharp (lung or bone) kernel instead of refusing them.")
    boolean allowSharpKernel;

    @Mixin
    ScoringOptions scoring;

    @Spec
    CommandSpec spec;

    /** What {@code --json} prints: the scores, then the protocol screen. */
    record ScoreJson(@com.fasterxml.jackson.annotation.JsonUnwrapped org.calcify.score.ScoreDocument score,
                     org.calcify.protocol.ProtocolDocument protocol) {
    }

    @Override
    public Integer call() throws Exception {
        Volume scan = VolumeIO.read(ct);
        ScanScoring.ScoredScan scored = new ScanScoring(new CalciumScorer(scoring.parameters()), allowContrast, allowSharpKernel)
                .score(ct, scan, labels, LabelMapReader.read(labels, ct, scan));
        CalciumScore s = scored.score();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(JsonFiles.toJson(new ScoreJson(s.document(), scored.protocol().document())));
        } else {
            out.print(text(s));
            for (Finding f : scored.protocol().findings()) {
                out.printf(Locale.ROOT, "protocol %s: %s%n", f.severity().name().toLowerCase(Locale.ROOT), f.message());
            }
        }
        out.flush();
        return 0;
    }

    static String text(CalciumScore s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-7s %10s %12s %10s%n", "", "Agatston", "volume mm3", "mass mg"));
        line(sb, "total", s.total());
        for (Artery a : Artery.values()) {
            line(sb, a.name(), s.artery(a));
        }
        sb.append(String.format(Locale.ROOT, "category: %s%n", s.category().label()));
        sb.append(String.format(Locale.ROOT, "lesions: %d%n", s.lesions().size()));
        for (Lesion l : s.lesions()) {
            sb.append(String.format(Locale.ROOT, "  #%-3d %-3s %5d voxels %8.2f mm3 peak %5d HU  Agatston %7.2f  centre (z,y,x) %.1f,%.1f,%.1f  LPS %.1f,%.1f,%.1f mm%n",
                    l.id(), l.artery().name(), l.voxels(), l.scores().volumeMm3(), l.peakHu(), l.scores().agatston(),
                    l.centroidZyx()[0], l.centroidZyx()[1], l.centroidZyx()[2],
                    l.centroidLpsMm()[0], l.centroidLpsMm()[1], l.centroidLpsMm()[2]));
        }
        sb.append(String.format(Locale.ROOT, "thickness factor: %.4f (slice spacing / %.1f mm%s)%n", s.thicknessFactor(),
                s.parameters().referenceThicknessMm(), s.parameters().normaliseThickness() ? "" : ", off"));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, ScoreTriple t) {
        sb.append(String.format(Locale.ROOT, "%-7s %10.1f %12.1f %10.1f%n", name, t.agatston(), t.volumeMm3(), t.massMg()));
    }
}
