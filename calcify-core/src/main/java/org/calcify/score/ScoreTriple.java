package org.calcify.score;

/**
 * The three calcium scores of a scan, an artery or a lesion.
 *
 * @param agatston  Agatston score (mm² x density weight, thickness-normalised if so chosen)
 * @param volumeMm3 calcium volume in mm³
 * @param massMg    calcium mass in mg (calibration factor x volume x mean HU)
 */
public record ScoreTriple(double agatston, double volumeMm3, double massMg) {
    public static final ScoreTriple ZERO = new ScoreTriple(0, 0, 0);
}
