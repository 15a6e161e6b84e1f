package org.calcify.io;

/**
 * Options for {@link VolumeIO#read}.
 *
 * @param seriesUid DICOM SeriesInstanceUID to read when a folder holds several series; {@code null}
 *                  picks the CT series with the most slices
 */
public record ReadOptions(String seriesUid) {
    public static final ReadOptions DEFAULT = new ReadOptions(null);

    public ReadOptions withSeriesUid(String uid) {
        return new ReadOptions(uid);
    }
}
