package org.calcify.io.text;

/**
 * Rounding of values written to reports, JSON and CSV: to a number of decimals, half up (as
 * {@link Math#round(double)}), so that every writer rounds a value the same way.
 */
public final class Rounding {
    private Rounding() {
    }

    /** {@code v} rounded to {@code digits} decimals (0 to 15); NaN gives 0, as {@link Math#round(double)} does. */
    public static double toDecimals(double v, int digits) {
        if (digits < 0 || digits > 15) {
            throw new IllegalArgumentException("decimals must be 0..15, got " + digits);
        }
        double f = Math.pow(10, digits); // exact for 0..22
        return Math.round(v * f) / f;
    }

    /** As {@link #toDecimals}, null for a value that is not finite (written as JSON null or an empty CSV cell). */
    public static Double toDecimalsOrNull(double v, int digits) {
        return Double.isFinite(v) ? toDecimals(v, digits) : null;
    }
}
