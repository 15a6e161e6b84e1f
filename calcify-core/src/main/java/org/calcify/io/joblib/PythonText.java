package org.calcify.io.joblib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Python's {@code str()} of the values a pickle yields, for labels that must match what Python printed. */
public final class PythonText {
    private PythonText() {
    }

    /** Longest text {@link #str} returns for a container; longer ones end in "...". */
    static final int MAX_CONTAINER_CHARS = 200;

    /**
     * {@code str(value)} as Python prints it for ints, bools, floats, strings, None and NumPy scalars. Lists
     * are printed as Python prints them up to {@link #MAX_CONTAINER_CHARS} characters, then cut with "..."
     * (a pickle can nest and share lists so that the full text would never end, or contain itself).
     */
    public static String str(Object value) {
        if (value instanceof List<?> || value instanceof Map<?, ?> || value instanceof Collection<?>) {
            StringBuilder sb = new StringBuilder();
            append(sb, value);
            return sb.length() > MAX_CONTAINER_CHARS ? sb.substring(0, MAX_CONTAINER_CHARS) + "..." : sb.toString();
        }
        return scalar(value);
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return floatRepr(d);
        }
        if (value instanceof NumpyScalar s) {
            return s.pythonStr();
        }
        if (value instanceof String s) {
            return s;
        }
        return value.toString();
    }

    /** Appends a container's text until it exceeds the limit; never recurses deeper than the text is long. */
    private static void append(StringBuilder sb, Object value) {
        if (sb.length() > MAX_CONTAINER_CHARS) {
            return;
        }
        if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size() && sb.length() <= MAX_CONTAINER_CHARS; i++) {
                sb.append(i > 0 ? ", " : "");
                Object item = l.get(i);
                if (item instanceof String s) {
                    sb.append('\'').append(s).append('\'');
                } else {
                    append(sb, item);
                }
            }
            sb.append(']');
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > MAX_CONTAINER_CHARS) {
                    break;
                }
                sb.append(i++ > 0 ? ", " : "");
                append(sb, e.getKey());
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Collection<?> c) {
            sb.append('{');
            int i = 0;
            for (Object o : c) {
                if (sb.length() > MAX_CONTAINER_CHARS) {
                    break;
                }
                sb.append(i++ > 0 ? ", " : "");
                append(sb, o);
            }
            sb.append('}');
        } else {
            sb.append(scalar(value));
        }
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, positional for 1e-4 <= |x| < 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        int exponent = shortest.precision() - 1 - shortest.scale();
        return format(shortest, exponent >= -4 && exponent < 16);
    }

    /** NumPy's {@code str(numpy.float32(x))}: shortest digits that round-trip as a float. */
    public static String float32Repr(float f) {
        if (Float.isNaN(f)) {
            return "nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(f);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 9; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.floatValue() == f) {
                shortest = r;
                break;
            }
        }
        double magnitude = Math.abs(f); // numpy decides the layout by the value itself, not by its digits
        return format(shortest, magnitude >= 1e-4 && magnitude < 1e16);
    }

    /** Python's repr layout of a decimal: positional ("0.001", "12.0") or scientific ("1.5e-05", "1e+16"). */
    private static String format(BigDecimal v, boolean positional) {
        BigDecimal stripped = v.stripTrailingZeros();
        String sign = stripped.signum() < 0 ? "-" : "";
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - stripped.scale(); // decimal exponent of the first digit
        if (positional) {
            String plain = stripped.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
