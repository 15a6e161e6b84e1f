package org.calcify.extract;

import java.nio.file.Path;

/**
 * One scan of an extract job.
 *
 * @param name   how the scan is named in index.csv and file names
 * @param ct     the scan (any readable format)
 * @param labels its label map on the same grid, or null
 */
public record ScanInput(String name, Path ct, Path labels) {
}
