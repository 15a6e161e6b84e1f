package org.calcify.score;

import org.calcify.candidate.Connectivity;

/**
 * Every choice of the calcium scorer. See {@code docs/scoring.md}.
 *
 * @param thresholdHu             voxels at or above this HU within coronary labels are calcium (130)
 * @param connectivity2d          in-slice connectivity of Agatston components: FOUR or EIGHT (EIGHT)
 * @param connectivity3d          connectivity of lesions: SIX or TWENTY_SIX (TWENTY_SIX)
 * @param minAreaMm2              in-slice components smaller than this area (mm²) are dropped (1.0)
 * @param normaliseThickness      multiply the Agatston score by slice spacing / reference thickness (true)
 * @param referenceThicknessMm    the slice thickness the Agatston definition is for (3 mm)
 * @param arterySplit             how a component spanning two arteries is divided (MAJORITY)
 * @param massFactorMgPerMm3Hu    mass calibration factor c in mg / (mm³ HU) (0.001)
 */
public record ScoringParameters(int thresholdHu, Connectivity connectivity2d, Connectivity connectivity3d,
                                double minAreaMm2, boolean normaliseThickness, double referenceThicknessMm,
                                ArterySplit arterySplit, double massFactorMgPerMm3Hu) {
    /** The defaults documented in {@code docs/scoring.md}. */
    public static final ScoringParameters DEFAULT = new ScoringParameters(130, Connectivity.EIGHT,
            Connectivity.TWENTY_SIX, 1.0, true, 3.0, ArterySplit.MAJORITY, 0.001);

    public ScoringParameters {
        if (connectivity2d == null || connectivity2d.dimensions() != 2) {
            throw new IllegalArgumentException("in-slice connectivity must be 4 or 8, got " + connectivity2d);
        }
        if (connectivity3d == null || connectivity3d.dimensions() != 3) {
            throw new IllegalArgumentException("lesion connectivity must be 6 or 26, got " + connectivity3d);
        }
        if (!(minAreaMm2 >= 0) || !Double.isFinite(minAreaMm2)) {
            throw new IllegalArgumentException("minimum area must be >= 0 mm², got " + minAreaMm2);
        }
        if (!(referenceThicknessMm > 0) || !Double.isFinite(referenceThicknessMm)) {
            throw new IllegalArgumentException("reference thickness must be > 0 mm, got " + referenceThicknessMm);
        }
        if (!(massFactorMgPerMm3Hu > 0) || !Double.isFinite(massFactorMgPerMm3Hu)) {
            throw new IllegalArgumentException("mass calibration factor must be > 0, got " + massFactorMgPerMm3Hu);
        }
        if (arterySplit == null) {
            throw new IllegalArgumentException("artery split must be given");
        }
    }

    public ScoringParameters withThresholdHu(int v) {
        return new ScoringParameters(v, connectivity2d, connectivity3d, minAreaMm2, normaliseThickness, referenceThicknessMm, arterySplit, massFactorMgPerMm3Hu);
    }

    public ScoringParameters withConnectivity2d(Connectivity v) {
        return new ScoringParameters(thresholdHu, v, connectivity3d, minAreaMm2, normaliseThickness, referenceThicknessMm, arterySplit, massFactorMgPerMm3Hu);
    }

    public ScoringParameters withConnectivity3d(Connectivity v) {
        return new ScoringParameters(thresholdHu, connectivity2d, v, minAreaMm2, normaliseThickness, referenceThicknessMm, arterySplit, massFactorMgPerMm3Hu);
    }

    public ScoringParameters withMinAreaMm2(double v) {
        return new ScoringParameters(thresholdHu, connectivity2d, connectivity3d, v, normaliseThickness, referenceThicknessMm, arterySplit, massFactorMgPerMm3Hu);
    }

    public ScoringParameters withThicknessNormalisation(boolean on, double referenceMm) {
        return new ScoringParameters(thresholdHu, connectivity2d, connectivity3d, minAreaMm2, on, referenceMm, arterySplit, massFactorMgPerMm3Hu);
    }

    public ScoringParameters withArterySplit(ArterySplit v) {
        return new ScoringParameters(thresholdHu, connectivity2d, connectivity3d, minAreaMm2, normaliseThickness, referenceThicknessMm, v, massFactorMgPerMm3Hu);
    }

    public ScoringParameters withMassFactor(double v) {
        return new ScoringParameters(thresholdHu, connectivity2d, connectivity3d, minAreaMm2, normaliseThickness, referenceThicknessMm, arterySplit, v);
    }

    /** Agatston density weight of a component's peak HU: &lt;200: 1, 200-299: 2, 300-399: 3, &gt;=400: 4. */
    public static int densityWeight(int peakHu) {
        if (peakHu >= 400) {
            return 4;
        }
        if (peakHu >= 300) {
            return 3;
        }
        return peakHu >= 200 ? 2 : 1;
    }
}
