package org.calcify.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.calcify.volume.Acquisition;
import org.calcify.volume.Geometry;
import org.calcify.volume.Padding;
import org.calcify.volume.Volume;
import org.calcify.volume.VoxelStatistics;

/** What {@code calcify info} says about a volume, as an ordered map for text or JSON output. */
final class VolumeDescription {
    private VolumeDescription() {
    }

    static Map<String, Object> of(Path path, Volume v) {
        Geometry g = v.geometry();
        VoxelStatistics s = v.statistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("format", v.metadata().getOrDefault("format", "unknown"));
        m.put("shape_zyx", g.shapeZyx());
        m.put("spacing_mm_xyz", g.spacingMm());
        m.put("origin_lps_mm", g.originMm());
        m.put("direction", g.direction());
        m.put("orientation", orientationCode(g));
        m.put("dtype", v.type().numpyName());
        if (v.metadata().containsKey("source.dtype")) {
            m.put("source_dtype", v.metadata().get("source.dtype"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("min", s.min());
        values.put("max", s.max());
        values.put("mean", round(s.mean(), 3));
        m.put("values", values);
        m.put("padding", Padding.of(v).toMap());
        m.put("acquisition", Acquisition.of(v).toMap());
        Map<String, Object> meta = new LinkedHashMap<>();
        v.metadata().forEach((k, val) -> {
            if (!k.equals("format") && !k.equals("source.dtype")) {
                meta.put(k, val);
            }
        });
        m.put("metadata", meta);
        m.put("warnings", v.warnings());
        return m;
    }

    /**
     * Three letters naming, for each index axis x, y, z, the patient direction it points to
     * (LPS letters: L, P, S for positive, R, A, I for negative), e.g. "LPS" for an axial DICOM.
     */
    static String orientationCode(Geometry g) {
        StringBuilder sb = new StringBuilder();
        char[] pos = {'L', 'P', 'S'};
        char[] neg = {'R', 'A', 'I'};
        for (int a = 0; a < 3; a++) {
            double[] d = g.axis(a);
            int best = 0;
            for (int i = 1; i < 3; i++) {
                if (Math.abs(d[i]) > Math.abs(d[best])) {
                    best = i;
                }
            }
            sb.append(d[best] >= 0 ? pos[best] : neg[best]);
        }
        return sb.toString();
    }

    static String toText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        appendText(m, sb, "");
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void appendText(Map<String, Object> m, StringBuilder sb, String indent) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                if (sub.isEmpty()) {
                    continue;
                }
                sb.append(indent).append(e.getKey()).append(":\n");
                appendText((Map<String, Object>) sub, sb, indent + "  ");
            } else if (v instanceof java.util.List<?> list) {
                if (list.isEmpty()) {
                    sb.append(indent).append(e.getKey()).append(": none\n");
                    continue;
                }
                sb.append(indent).append(e.getKey()).append(":\n");
                for (Object o : list) {
                    if (o instanceof Map<?, ?> item) {
                        StringBuilder sub = new StringBuilder();
                        appendText((Map<String, Object>) item, sub, indent + "    ");
                        sb.append(indent).append("  - ").append(sub.toString().stripLeading()).append("");
                    } else {
                        sb.append(indent).append("  - ").append(o).append('\n');
                    }
                }
            } else {
                sb.append(indent).append(e.getKey()).append(": ").append(format(v)).append('\n');
            }
        }
    }

    static String format(Object v) {
        if (v instanceof int[] a) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : " x ").append(a[i]);
            }
            return sb.toString();
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(number(a[i]));
            }
            return sb.append(')').toString();
        }
        if (v instanceof Double d) {
            return number(d);
        }
        return String.valueOf(v);
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
