package org.calcify.app.detect;

import java.nio.file.Path;

/**
 * A scan of a cohort list with its label map, when the list or the case folder gives one ({@code cohort score} and
 * {@code cohort extract} need it; {@code cohort detect} ignores it).
 *
 * @param scan   its name and where it is read from
 * @param labels its label map on the scan's grid, or null
 */
public record ListedScan(ScanItem scan, Path labels) {
}
