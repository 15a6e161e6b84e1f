package org.calcify.io.dicom;

/**
 * One series found in a folder, for {@code calcify info} and series selection.
 *
 * @param seriesInstanceUid (0020,000E)
 * @param modality          (0008,0060), "" when missing
 * @param description       (0008,103E), "" when missing
 * @param fileCount         number of files of the series
 * @param imageCount        number of those files with pixel data
 */
public record DicomSeriesSummary(String seriesInstanceUid, String modality, String description, int fileCount,
                                 int imageCount) {

    @Override
    public String toString() {
        return (seriesInstanceUid.isEmpty() ? "(no SeriesInstanceUID)" : seriesInstanceUid) + " ("
                + (modality.isEmpty() ? "?" : modality) + ", " + fileCount + " file"
                + (fileCount == 1 ? "" : "s") + (imageCount == fileCount ? "" : ", " + imageCount + " with pixel data")
                + (description.isEmpty() ? "" : ", \"" + description + "\"") + ")";
    }
}
