package org.calcify.report;

import org.calcify.io.text.Rounding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.calcify.candidate.Component;
import org.calcify.detect.DetectedLesion;
import org.calcify.detect.Detection;
import org.calcify.render.LabelColors;
import org.calcify.render.LesionCrops;
import org.calcify.render.ScanViews;
import org.calcify.score.Artery;
import org.calcify.protocol.Finding;
import org.calcify.protocol.ScanProtocol;
import org.calcify.score.CalciumLabel;
import org.calcify.score.CalciumScore;
import org.calcify.score.Lesion;
import org.calcify.volume.Acquisition;
import org.calcify.score.ScoreTriple;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.calcify.window.WindowPreset;

/**
 * What {@code calcify detect} says about one scan: the detections as JSON-ready maps (artery,
 * probability, centroid in voxels and mm, bounding box) and a self-contained HTML page (images
 * inlined as PNG data URIs) with the scan's identity, the category, the scores per artery, the
 * protocol findings, a table of lesions and, for each lesion, axial/coronal/sagittal crops at true
 * aspect with the detection outlined.
 */
public final class DetectionReport {
    /** At most this many lesions get crops (a report of a very noisy scan stays small and quick). */
    static final int MAX_CROPS = 40;

    private DetectionReport() {
    }

    /** The detected calcium (every component not classified as none), as {@code scores.json} lists it. */
    public static List<DetectionEntry> detections(Detection d, Geometry g) {
        List<DetectionEntry> out = new ArrayList<>();
        int n = 0;
        for (DetectedLesion l : calcium(d)) {
            Component c = l.component();
            double[] zyx = c.centroidZyx();
            double[] mm = g.indexToWorld(zyx[2], zyx[1], zyx[0]);
            out.add(new DetectionEntry(++n, name(l.label()), round(l.probability(), 4), c.voxels(), round(c.volumeMm3(), 3), c.peakHu(),
                    new double[] {round(zyx[0], 2), round(zyx[1], 2), round(zyx[2], 2)},
                    new double[] {round(mm[0], 2), round(mm[1], 2), round(mm[2], 2)}, c.boxMinZyx(), c.boxMaxZyx()));
        }
        return out;
    }

    /**
     * One calcium detection as {@code scores.json} lists it (largest first).
     *
     * @param artery        the class the network gave (LM, LAD, LCX, RCA or other calcium)
     * @param probability   the network's probability of that class, 4 decimals
     * @param centroidZyx   centroid in voxel indices (z, y, x), 2 decimals
     * @param centroidLpsMm centroid in patient coordinates (LPS), mm, 2 decimals
     * @param bboxMinZyx    inclusive lower corner of its bounding box
     * @param bboxMaxZyx    inclusive upper corner
     */
    public record DetectionEntry(int id, String artery, double probability, int voxels, double volumeMm3, double peakHu, double[] centroidZyx,
                                 double[] centroidLpsMm, int[] bboxMinZyx, int[] bboxMaxZyx) {
    }

    private static List<DetectedLesion> calcium(Detection d) {
        List<DetectedLesion> out = new ArrayList<>();
        for (DetectedLesion l : d.lesions()) {
            if (l.label() != CalciumLabel.NONE) {
                out.add(l);
            }
        }
        out.sort((a, b) -> Double.compare(b.component().volumeMm3(), a.component().volumeMm3()));
        return out;
    }

    private static String name(CalciumLabel c) {
        return c.className();
    }

    /**
     * The HTML page: who and what was scanned (as the file says, never invented), the category and
     * the scores per artery, the protocol findings, an overview, every coronary lesion that counts in
     * the score (the same lesions as scores.json and cohort.csv) and every other-calcium detection with
     * crops at true aspect, and how it was made.
     *
     * @param model      what classified the candidates
     * @param timings    stage name to milliseconds
     * @param acq        the acquisition as the file gives it
     * @param protocol   the protocol screen's findings
     * @param disclaimer what the model was trained on and what it is not for
     */
    public static String html(String scanName, Volume ct, Detection d, CalciumScore score, String model,
                              Map<String, Double> timings, Acquisition acq, ScanProtocol protocol, String disclaimer) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calcify: ").append(esc(scanName))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1300px;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}"
                        + "th{background:#eee}.cat{font-size:2em;font-weight:bold}.sw{display:inline-block;width:12px;height:12px;margin-right:4px}"
                        + ".warning{color:#8a4b00}.refusal{color:#a00}.note{color:#555}.disclaimer{border:2px solid #c00;padding:.5em 1em;background:#fff4f4}"
                        + "td.l,th.l{text-align:left}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>Coronary calcium: ").append(esc(scanName)).append("</h1>\n");
        h.append("<p class=\"disclaimer\">").append(esc(disclaimer)).append("</p>\n");
        identity(h, acq, ct);
        h.append("<p class=\"cat\">Agatston ").append(fmt(score.total().agatston())).append(" &mdash; category ")
                .append(esc(score.category().label())).append("</p>\n");
        h.append("<table><tr><th>artery</th><th>Agatston</th><th>volume (mm&sup3;)</th><th>mass (mg)</th></tr>\n");
        for (Artery a : Artery.values()) {
            row(h, swatch(a.ordinal() + 1) + a.name(), score.artery(a));
        }
        row(h, "<b>total</b>", score.total());
        h.append("</table>\n");
        h.append("<h2>Protocol</h2>\n");
        if (protocol.findings().isEmpty()) {
            h.append("<p>The scan matches the calcium-scoring protocol: non-contrast, 120 kVp, 2.5&ndash;3 mm slices, a soft-tissue kernel.</p>\n");
        } else {
            h.append("<ul>\n");
            for (Finding f : protocol.findings()) {
                String cls = f.severity().name().toLowerCase(Locale.ROOT);
                h.append("<li class=\"").append(cls).append("\"><b>").append(cls).append("</b>: ").append(esc(f.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p>Measured in the heart: noise ").append(Double.isNaN(protocol.noiseHu()) ? "not measured" : fmt(protocol.noiseHu()) + " HU")
                .append(", blood pool ").append(Double.isNaN(protocol.bloodPoolHu()) ? "not measured" : fmt(protocol.bloodPoolHu()) + " HU")
                .append(". Candidates outside the heart region (bone, cartilage, aorta outside the pericardium): ")
                .append(d.outsideHeartRegion()).append(", never classified.</p>\n");
        List<DetectedLesion> lesions = calcium(d);
        Geometry g = ct.geometry();
        List<Lesion> coronary = score.lesions();
        int[] overview = !coronary.isEmpty() ? round(coronary.get(0).centroidZyx())
                : !lesions.isEmpty() ? lesions.get(0).component().peakZyx() : null;
        if (overview != null) {
            h.append("<h2>Overview</h2>\n<img alt=\"views\" src=\"").append(png(ScanViews.render(ct, WindowPreset.MEDIASTINUM.window(),
                    overview[0], overview[1], overview[2], d.labels(), 360))).append("\">\n");
        }
        h.append("<h2>Coronary lesions (").append(coronary.size()).append(")</h2>\n");
        if (coronary.isEmpty()) {
            h.append("<p>No coronary calcium detected.</p>\n");
        } else {
            h.append("<table><tr><th>#</th><th class=\"l\">artery</th><th>Agatston</th><th>volume (mm&sup3;)</th><th>mass (mg)</th>"
                    + "<th>peak HU</th><th>centroid (z, y, x)</th><th>centroid LPS (mm)</th><th>crops (axial, coronal, sagittal)</th></tr>\n");
            java.util.Set<Lesion> drawn = new java.util.HashSet<>(coronary.stream()
                    .sorted((x, y) -> Double.compare(y.scores().agatston(), x.scores().agatston())).limit(MAX_CROPS).toList());
            for (Lesion l : coronary) {
                double[] zyx = l.centroidZyx();
                double[] mm = l.centroidLpsMm();
                int[] p = round(zyx);
                h.append("<tr><td>").append(l.id()).append("</td><td class=\"l\">").append(swatch(l.artery().ordinal() + 1))
                        .append(l.artery().name()).append("</td><td>").append(fmt(l.scores().agatston())).append("</td><td>")
                        .append(fmt(l.scores().volumeMm3())).append("</td><td>").append(fmt(l.scores().massMg())).append("</td><td>")
                        .append(l.peakHu()).append("</td><td>").append(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", zyx[0], zyx[1], zyx[2]))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", mm[0], mm[1], mm[2]))
                        .append("</td><td>").append(drawn.contains(l) ? crop(ct, d, p, "lesion " + l.id()) : "(not drawn)").append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (coronary.size() > MAX_CROPS) {
                h.append("<p>Crops are drawn for the ").append(MAX_CROPS).append(" lesions with the highest Agatston scores.</p>\n");
            }
        }
        List<DetectedLesion> other = lesions.stream().filter(l -> l.label() == CalciumLabel.OTHER_CALCIUM).toList();
        if (!other.isEmpty()) {
            h.append("<h2>Other calcium (").append(other.size()).append(", not scored").append(other.size() > MAX_CROPS
                    ? "; the " + MAX_CROPS + " largest listed" : "").append(")</h2>\n");
            h.append("<table><tr><th>#</th><th>probability</th><th>voxels</th><th>volume (mm&sup3;)</th><th>peak HU</th>"
                    + "<th>centroid (z, y, x)</th><th>crops (axial, coronal, sagittal)</th></tr>\n");
            int n = 0;
            for (DetectedLesion l : other.subList(0, Math.min(other.size(), MAX_CROPS))) {
                Component c = l.component();
                double[] zyx = c.centroidZyx();
                h.append("<tr><td>").append(++n).append("</td><td>").append(String.format(Locale.ROOT, "%.3f", l.probability()))
                        .append("</td><td>").append(c.voxels()).append("</td><td>").append(fmt(c.volumeMm3())).append("</td><td>")
                        .append(fmt(c.peakHu())).append("</td><td>").append(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", zyx[0], zyx[1], zyx[2]))
                        .append("</td><td>").append(crop(ct, d, c.peakZyx(), "other " + n)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>How</h2>\n<p>Model: ").append(esc(model)).append("</p>\n<p>Scan: ").append(ct.sizeZ()).append(" &times; ")
                .append(ct.sizeY()).append(" &times; ").append(ct.sizeX()).append(" voxels (z, y, x), spacing ")
                .append(String.format(Locale.ROOT, "%.3f &times; %.3f &times; %.3f mm (x, y, z)", g.spacingX(), g.spacingY(), g.spacingZ()))
                .append("</p>\n<p>Time per stage: ");
        List<String> parts = new ArrayList<>();
        timings.forEach((k, v) -> parts.add(esc(k) + " " + String.format(Locale.ROOT, "%.0f ms", v)));
        h.append(String.join(", ", parts)).append("</p>\n</body></html>\n");
        return h.toString();
    }

    /** Who and what was scanned, as far as the file says. */
    private static void identity(StringBuilder h, Acquisition acq, Volume ct) {
        Map<String, String> rows = new LinkedHashMap<>();
        put(rows, "patient ID", acq.patientId());
        put(rows, "study date", acq.studyLocalDate().map(Object::toString).orElse(acq.studyDate()));
        put(rows, "series", acq.seriesDescription() == null ? null
                : acq.seriesDescription() + (acq.seriesNumber() == null ? "" : " (series " + acq.seriesNumber() + ")"));
        String scanner = acq.manufacturer() == null ? null
                : acq.manufacturer() + (acq.manufacturerModelName() == null ? "" : " " + acq.manufacturerModelName());
        put(rows, "scanner", scanner);
        put(rows, "tube voltage", acq.kvp() == null ? null : fmt(acq.kvp()) + " kVp");
        put(rows, "kernel", acq.kernel().isEmpty() ? null : String.join("\\", acq.kernel()));
        put(rows, "slice thickness", acq.sliceThicknessMm() == null ? null : fmt(acq.sliceThicknessMm()) + " mm");
        put(rows, "format", ct.metadata().get("format"));
        h.append("<table>");
        if (rows.isEmpty()) {
            h.append("<tr><td class=\"l\">The file names no patient, study or scanner.</td></tr>");
        }
        rows.forEach((k, v) -> h.append("<tr><th class=\"l\">").append(esc(k)).append("</th><td class=\"l\">").append(esc(v)).append("</td></tr>"));
        h.append("</table>\n");
    }

    private static void put(Map<String, String> rows, String key, String value) {
        if (value != null && !value.isBlank()) {
            rows.put(key, value);
        }
    }

    private static String crop(Volume ct, Detection d, int[] p, String alt) throws IOException {
        return "<img alt=\"" + esc(alt) + "\" src=\"" + png(LesionCrops.render(ct, d.labels(), WindowPreset.MEDIASTINUM.window(),
                p[0], p[1], p[2], 15, 4)) + "\">";
    }

    private static int[] round(double[] zyx) {
        return new int[] {(int) Math.round(zyx[0]), (int) Math.round(zyx[1]), (int) Math.round(zyx[2])};
    }

    private static void row(StringBuilder h, String name, ScoreTriple t) {
        h.append("<tr><td style=\"text-align:left\">").append(name).append("</td><td>").append(fmt(t.agatston())).append("</td><td>")
                .append(fmt(t.volumeMm3())).append("</td><td>").append(fmt(t.massMg())).append("</td></tr>\n");
    }

    private static String swatch(int label) {
        return String.format(Locale.ROOT, "<span class=\"sw\" style=\"background:#%06x\"></span>", LabelColors.rgb(label));
    }

    static String png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double round(double v, int digits) {
        return Rounding.toDecimals(v, digits);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
