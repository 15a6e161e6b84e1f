package org.calcify.app.info;

import java.io.IOException;
import java.nio.file.Path;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeIO;
import org.calcify.io.dicom.SegmentationReader;

/**
 * What {@code calcify info} says about a path: a scan ({@link VolumeInfo}), a DICOM Segmentation
 * ({@link SegmentationInfo}) or the forum thread's joblib cohort folder ({@link CohortInfo}). Records, written as
 * JSON by the one mapper ({@code --json}) or as indented text ({@link InfoText}).
 */
public sealed interface PathInfo permits VolumeInfo, SegmentationInfo, CohortInfo {

    /**
     * The description of {@code path}. Bad input is an {@link org.calcify.io.InvalidInputException}; nothing else
     * may escape for any file.
     *
     * @param seriesUid the DICOM series to describe in a folder of several (null: the CT series with the most slices)
     */
    static PathInfo describe(Path path, String seriesUid) throws IOException {
        if (CohortInfo.isCohort(path)) {
            return CohortInfo.of(path);
        }
        if (SegmentationReader.isSegmentation(path)) {
            return SegmentationInfo.of(path);
        }
        return VolumeInfo.of(path, VolumeIO.read(path, new ReadOptions(seriesUid)));
    }
}
