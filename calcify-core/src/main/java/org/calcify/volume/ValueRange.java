package org.calcify.volume;

import java.util.Locale;

/**
 * A closed interval {@code [min, max]} of one quantity (HU, mA, mAs, ...); a single value has
 * {@code min == max}. Its text form, used in volume metadata, is {@code "v"} or {@code "min..max"}
 * (e.g. {@code "-3024"}, {@code "-3024..-2024"}); integers are written without a decimal point and
 * other numbers so that {@link #parse} gives back the same doubles.
 *
 * @param min the lowest value (inclusive)
 * @param max the highest value (inclusive)
 */
public record ValueRange(double min, double max) {

    public ValueRange {
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("range bounds must be numbers: " + min + ".." + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("range minimum " + min + " is above its maximum " + max);
        }
    }

    /** The range holding just {@code v}. */
    public static ValueRange of(double v) {
        return new ValueRange(v, v);
    }

    /** The range between {@code a} and {@code b}, given in either order. */
    public static ValueRange between(double a, double b) {
        return new ValueRange(Math.min(a, b), Math.max(a, b));
    }

    /** Parses {@code "v"} or {@code "min..max"}; throws {@link IllegalArgumentException} on anything else. */
    public static ValueRange parse(String text) {
        String s = text.strip();
        int dots = s.indexOf("..");
        try {
            if (dots < 0) {
                return of(Double.parseDouble(s));
            }
            return between(Double.parseDouble(s.substring(0, dots)), Double.parseDouble(s.substring(dots + 2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a value or range: '" + text + "'", e);
        }
    }

    public boolean isSingleValue() {
        return min == max;
    }

    public boolean contains(double v) {
        return v >= min && v <= max;
    }

    /** The smallest range holding both this one and {@code other}. */
    public ValueRange span(ValueRange other) {
        return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
    }

    @Override
    public String toString() {
        return isSingleValue() ? number(min) : number(min) + ".." + number(max);
    }

    /** A number as text: integers without a decimal point, others exactly (round-trip). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
