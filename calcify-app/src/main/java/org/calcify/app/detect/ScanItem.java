package org.calcify.app.detect;

import java.nio.file.Path;

/**
 * One scan of a cohort: the name its outputs go under and where it is read from.
 *
 * @param name the output folder's name (a case folder's name, a file's name without its extension)
 * @param path a scan file, a DICOM folder, or a case folder's {@code ct.nii.gz}
 */
public record ScanItem(String name, Path path) {
}
