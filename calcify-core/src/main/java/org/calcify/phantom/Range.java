package org.calcify.phantom;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A closed interval {@code [min, max]} from which the phantom draws a parameter; the unit is the one
 * the option's name gives (mm, HU, kVp). {@code min == max} fixes the value.
 */
public record Range(double min, double max) {
    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("a range needs finite min <= max, got " + min + ".." + max);
        }
    }

    public static Range of(double min, double max) {
        return new Range(min, max);
    }

    public static Range exactly(double value) {
        return new Range(value, value);
    }

    /**
     * Parses {@code "A..B"} or a single number {@code "A"}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Range parse(String text) {
        String s = text.trim();
        int dots = s.indexOf("..");
        try {
            if (dots < 0) {
                return exactly(Double.parseDouble(s));
            }
            return new Range(Double.parseDouble(s.substring(0, dots).trim()), Double.parseDouble(s.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected A..B or A (numbers), got '" + text + "'");
        }
    }

    /** Uniform in the interval. */
    double draw(SplittableRandom r) {
        return min + (max - min) * r.nextDouble();
    }

    public boolean contains(double v) {
        return v >= min && v <= max;
    }

    /** This range, checked to lie within {@code [lo, hi]}; the message names {@code what}. */
    Range within(double lo, double hi, String what) {
        if (min < lo || max > hi) {
            throw new IllegalArgumentException(what + " must lie within " + fmt(lo) + ".." + fmt(hi) + ", got " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return min == max ? fmt(min) : fmt(min) + ".." + fmt(max);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
