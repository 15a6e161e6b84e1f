package org.calcify.score;

/**
 * The usual Agatston risk categories: 0, 1-10, 11-100, 101-400, &gt;400. Scores with thickness
 * normalisation are not integers: a score s falls in the category whose upper bound is the first
 * one with s &lt;= bound (0 only when s == 0).
 */
public enum RiskCategory {
    ZERO("0", 0),
    MINIMAL("1-10", 10),
    MILD("11-100", 100),
    MODERATE("101-400", 400),
    SEVERE(">400", Double.POSITIVE_INFINITY);

    private final String label;
    private final double upperBound;

    RiskCategory(String label, double upperBound) {
        this.label = label;
        this.upperBound = upperBound;
    }

    /** "0", "1-10", "11-100", "101-400" or "&gt;400". */
    public String label() {
        return label;
    }

    /** The category of an Agatston score (negative scores are refused). */
    public static RiskCategory of(double agatston) {
        if (!(agatston >= 0)) {
            throw new IllegalArgumentException("Agatston score must be >= 0, got " + agatston);
        }
        for (RiskCategory c : values()) {
            if (agatston <= c.upperBound) {
                return c;
            }
        }
        return SEVERE;
    }
}
