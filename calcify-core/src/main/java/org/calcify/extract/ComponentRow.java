package org.calcify.extract;

import org.calcify.io.text.Decimals;

/**
 * One row of {@code components.csv}: a candidate component of a scan, with the label at its peak voxel.
 *
 * @param scan      the scan's name, as in index.csv
 * @param component the component's id in the scan
 * @param voxels    its voxel count
 * @param volumeMm3 its volume in mm³
 * @param peakHu    its highest value in HU
 * @param meanHu    its mean value in HU
 * @param centroidZ centroid in voxels, z
 * @param centroidY centroid in voxels, y
 * @param centroidX centroid in voxels, x
 * @param label     the label at the peak voxel (0 when no labels were given)
 */
public record ComponentRow(String scan, int component, int voxels, @Decimals(4) double volumeMm3, @Decimals(1) double peakHu,
                           @Decimals(2) double meanHu, @Decimals(3) double centroidZ, @Decimals(3) double centroidY,
                           @Decimals(3) double centroidX, long label) {
}
