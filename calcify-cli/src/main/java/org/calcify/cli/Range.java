package org.calcify.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A closed range "A-B" (or one number "A", meaning A-A) given on the command line. The converters
 * parse it once; picocli names the option in the error message.
 *
 * @param min lower end
 * @param max upper end, at least {@code min}
 */
record Range(double min, double max) {

    /** The ends as whole numbers (the converter for whole-number ranges guarantees them). */
    int minInt() {
        return (int) min;
    }

    int maxInt() {
        return (int) max;
    }

    /** "A-B" of non-negative whole numbers. */
    static final class Ints implements ITypeConverter<Range> {
        @Override
        public Range convert(String text) {
            Range r = parse(text);
            if (r.min != Math.rint(r.min) || r.max != Math.rint(r.max) || r.max > Integer.MAX_VALUE) {
                throw new TypeConversionException("expected A-B with whole numbers 0 <= A <= B, got '" + text + "'");
            }
            return r;
        }
    }

    /** "A-B" of non-negative numbers. */
    static final class Numbers implements ITypeConverter<Range> {
        @Override
        public Range convert(String text) {
            return parse(text);
        }
    }

    private static Range parse(String text) {
        String[] p = text.trim().split("-", -1);
        try {
            if (p.length == 1 || p.length == 2) {
                double a = Double.parseDouble(p[0].trim());
                double b = p.length == 1 ? a : Double.parseDouble(p[1].trim());
                if (a >= 0 && b >= a && Double.isFinite(b)) {
                    return new Range(a, b);
                }
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new TypeConversionException(String.format(Locale.ROOT, "expected A-B with 0 <= A <= B, got '%s'", text));
    }
}
