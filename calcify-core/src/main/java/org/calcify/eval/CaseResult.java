package org.calcify.eval;

/**
 * One evaluated case.
 *
 * @param name       case name (folder name or CSV {@code case} value)
 * @param truth      true scores
 * @param predicted  predicted scores
 * @param comparison lesion and voxel comparison; null when only scan-level scores were given (CSV)
 */
public record CaseResult(String name, ScanScores truth, ScanScores predicted, CaseComparison comparison) {
}
