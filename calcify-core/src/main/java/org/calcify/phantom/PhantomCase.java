package org.calcify.phantom;

import org.calcify.volume.Volume;

/**
 * One generated case.
 *
 * @param ct                  int16 HU volume, (z, y, x) C order, LPS geometry, axial slices; its metadata
 *                            holds the acquisition ({@code phantom.kvp}, {@code phantom.kernel},
 *                            {@code phantom.noiseHu}, {@code phantom.sliceThicknessMm}, ...)
 * @param labels              uint8 label map on the same grid: 0 none, 1 LM, 2 LAD, 3 LCX, 4 RCA,
 *                            5 non-coronary calcium; calcium labels only on voxels &gt;= 130 HU
 * @param anatomy             uint8 anatomy truth map on the same grid ({@link AnatomyCode})
 * @param acquisition         the scanner and protocol drawn for the case
 * @param patient             EMR-like features
 * @param coronaryPlaques     number of coronary plaques drawn (some may be too faint or small to score)
 * @param nonCoronaryPlaques  number of non-coronary calcifications drawn
 * @param seed                the case's seed
 */
public record PhantomCase(Volume ct, Volume labels, Volume anatomy, Acquisition acquisition, PatientRecord patient,
                          int coronaryPlaques, int nonCoronaryPlaques, long seed) {
}
