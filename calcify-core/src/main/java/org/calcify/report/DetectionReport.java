package org.calcify.report;

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
import org.calcify.detect.DetectionClass;
import org.calcify.render.LabelColors;
import org.calcify.render.LesionCrops;
import org.calcify.render.ScanViews;
import org.calcify.score.Artery;
import org.calcify.score.CalciumScore;
import org.calcify.score.ScoreTriple;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.calcify.window.WindowPreset;

/**
 * What {@code calcify detect} says about one scan: the detections as JSON-ready maps (artery,
 * probability, centroid in voxels and mm, bounding box) and a self-contained HTML page (images
 * inlined as PNG data URIs) with the category, the scores per artery, a table of lesions and, for
 * each lesion, axial/coronal/sagittal crops with the detection outlined.
 */
public final class DetectionReport {
    private DetectionReport() {
    }

    /** The detected calcium (every component not classified as none), as maps for {@code scores.json}. */
    public static List<Map<String, Object>> detections(Detection d, Geometry g) {
        List<Map<String, Object>> out = new ArrayList<>();
        int n = 0;
        for (DetectedLesion l : calcium(d)) {
            Component c = l.component();
            double[] zyx = c.centroidZyx();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", ++n);
            m.put("artery", name(l.label()));
            m.put("probability", round(l.probability(), 4));
            m.put("voxels", c.voxels());
            m.put("volume_mm3", round(c.volumeMm3(), 3));
            m.put("peak_hu", c.peakHu());
            m.put("centroid_zyx", new double[] {round(zyx[0], 2), round(zyx[1], 2), round(zyx[2], 2)});
            double[] mm = g.indexToWorld(zyx[2], zyx[1], zyx[0]);
            m.put("centroid_lps_mm", new double[] {round(mm[0], 2), round(mm[1], 2), round(mm[2], 2)});
            m.put("bbox_min_zyx", c.boxMinZyx());
            m.put("bbox_max_zyx", c.boxMaxZyx());
            out.add(m);
        }
        return out;
    }

    private static List<DetectedLesion> calcium(Detection d) {
        List<DetectedLesion> out = new ArrayList<>();
        for (DetectedLesion l : d.lesions()) {
            if (l.label() != DetectionClass.NONE) {
                out.add(l);
            }
        }
        out.sort((a, b) -> Double.compare(b.component().volumeMm3(), a.component().volumeMm3()));
        return out;
    }

    private static String name(DetectionClass c) {
        return c == DetectionClass.OTHER_CALCIUM ? "other" : c.name();
    }

    /**
     * The HTML page.
     *
     * @param model   what classified the candidates
     * @param timings stage name to milliseconds
     */
    public static String html(String scanName, Volume ct, Detection d, CalciumScore score, String model,
                              Map<String, Double> timings) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calcify: ").append(esc(scanName))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1300px;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}"
                        + "th{background:#eee}.cat{font-size:2em;font-weight:bold}.sw{display:inline-block;width:12px;height:12px;margin-right:4px}"
                        + "img{max-width:100%}</style></head><body>\n");
        h.append("<h1>Coronary calcium: ").append(esc(scanName)).append("</h1>\n");
        h.append("<p class=\"cat\">Agatston ").append(fmt(score.total().agatston())).append(" &mdash; category ")
                .append(esc(score.category().label())).append("</p>\n");
        h.append("<table><tr><th>artery</th><th>Agatston</th><th>volume (mm&sup3;)</th><th>mass (mg)</th></tr>\n");
        for (Artery a : Artery.values()) {
            row(h, swatch(a.ordinal() + 1) + a.name(), score.artery(a));
        }
        row(h, "<b>total</b>", score.total());
        h.append("</table>\n");
        List<DetectedLesion> lesions = calcium(d);
        Geometry g = ct.geometry();
        DetectedLesion largest = lesions.stream().filter(l -> l.label().isCoronary()).findFirst().orElse(lesions.isEmpty() ? null : lesions.get(0));
        if (largest != null) {
            int[] p = largest.component().peakZyx();
            h.append("<h2>Overview</h2>\n<img alt=\"views\" src=\"").append(png(ScanViews.render(ct, WindowPreset.MEDIASTINUM.window(),
                    p[0], p[1], p[2], d.labels(), 360))).append("\">\n");
        }
        h.append("<h2>Lesions (").append(lesions.size()).append(")</h2>\n");
        if (lesions.isEmpty()) {
            h.append("<p>No calcium detected.</p>\n");
        } else {
            h.append("<table><tr><th>#</th><th>artery</th><th>probability</th><th>voxels</th><th>volume (mm&sup3;)</th><th>peak HU</th>"
                    + "<th>centroid (z, y, x)</th><th>centroid LPS (mm)</th><th>crops (axial, coronal, sagittal)</th></tr>\n");
            int n = 0;
            for (DetectedLesion l : lesions) {
                Component c = l.component();
                double[] zyx = c.centroidZyx();
                double[] mm = g.indexToWorld(zyx[2], zyx[1], zyx[0]);
                int[] p = c.peakZyx();
                h.append("<tr><td>").append(++n).append("</td><td style=\"text-align:left\">").append(swatch(l.label().label()))
                        .append(name(l.label())).append("</td><td>").append(String.format(Locale.ROOT, "%.3f", l.probability()))
                        .append("</td><td>").append(c.voxels()).append("</td><td>").append(fmt(c.volumeMm3())).append("</td><td>")
                        .append(fmt(c.peakHu())).append("</td><td>").append(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", zyx[0], zyx[1], zyx[2]))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", mm[0], mm[1], mm[2]))
                        .append("</td><td><img alt=\"lesion ").append(n).append("\" src=\"")
                        .append(png(LesionCrops.render(ct, d.labels(), WindowPreset.MEDIASTINUM.window(), p[0], p[1], p[2], 15, 4)))
                        .append("\"></td></tr>\n");
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
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
