package org.calcify.app.info;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import org.calcify.io.text.JsonFiles;

/**
 * {@code calcify info}'s text: the description's JSON properties, one per line, nested sections indented by two
 * spaces, lists as {@code - item} lines ({@code none} when empty), a list of whole numbers as {@code 512 x 512 x 80}
 * (a shape), a list of other numbers as {@code (0.5, 0.5, 2.5)}, numbers without trailing zeros.
 */
public final class InfoText {
    private InfoText() {
    }

    /** The text of {@code info}. */
    public static String of(PathInfo info) {
        Map<String, Object> m = JsonFiles.mapper().convertValue(info, new TypeReference<Map<String, Object>>() { });
        StringBuilder sb = new StringBuilder();
        append(m, sb, "");
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void append(Map<String, Object> m, StringBuilder sb, String indent) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                if (sub.isEmpty()) {
                    continue;
                }
                sb.append(indent).append(e.getKey()).append(":\n");
                append((Map<String, Object>) sub, sb, indent + "  ");
            } else if (v instanceof List<?> list && !isNumbers(list)) {
                if (list.isEmpty()) {
                    sb.append(indent).append(e.getKey()).append(": none\n");
                    continue;
                }
                sb.append(indent).append(e.getKey()).append(":\n");
                for (Object o : list) {
                    if (o instanceof Map<?, ?> item) {
                        StringBuilder sub = new StringBuilder();
                        append((Map<String, Object>) item, sub, indent + "    ");
                        sb.append(indent).append("  - ").append(sub.toString().stripLeading());
                    } else {
                        sb.append(indent).append("  - ").append(o).append('\n');
                    }
                }
            } else {
                sb.append(indent).append(e.getKey()).append(": ").append(format(v)).append('\n');
            }
        }
    }

    private static boolean isNumbers(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(o -> o instanceof Number);
    }

    /** A value as text: a list of whole numbers joined by {@code " x "}, other numbers in parentheses. */
    static String format(Object v) {
        if (v instanceof List<?> list) {
            boolean whole = list.stream().allMatch(o -> o instanceof Integer || o instanceof Long || o instanceof java.math.BigInteger);
            StringBuilder sb = new StringBuilder(whole ? "" : "(");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : whole ? " x " : ", ").append(whole ? list.get(i).toString() : number(((Number) list.get(i)).doubleValue()));
            }
            return whole ? sb.toString() : sb.append(')').toString();
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        return String.valueOf(v);
    }

    /** Spacings and the like as text: {@code (0.5, 0.5, 2.5)}. */
    public static String numbers(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return sb.append(')').toString();
    }

    /** A number without trailing zeros, at most 6 significant digits. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }
}
