package org.calcify.app.info;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.volume.Acquisition;
import org.calcify.volume.Geometry;
import org.calcify.volume.Padding;
import org.calcify.volume.Volume;
import org.calcify.volume.VoxelStatistics;

/**
 * A scan as {@code calcify info} describes it.
 *
 * @param format       the reader's name for the format ({@code NIfTI-1}, {@code DICOM}, ...)
 * @param shapeZyx     slices, rows, columns
 * @param spacingMmXyz column, row and slice spacing, mm
 * @param originLpsMm  the first voxel's centre in patient coordinates (LPS), mm
 * @param direction    the index axes' directions, row-major 3×3
 * @param orientation  three letters: the patient direction each index axis x, y, z points to ({@link #orientationCode})
 * @param dtype        the voxel type in memory (NumPy's name)
 * @param sourceDtype  the type stored in the file, when it differs
 * @param padding      what was found to be padding ({@link Padding#toMap()})
 * @param acquisition  what the file says about the acquisition ({@link Acquisition#toMap()})
 * @param metadata     the reader's other keys
 * @param warnings     what the reader noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeInfo(String path, String format, int[] shapeZyx, double[] spacingMmXyz, double[] originLpsMm, double[] direction,
                         String orientation, String dtype, String sourceDtype, Values values, Map<String, Object> padding,
                         Map<String, Object> acquisition, Map<String, String> metadata, List<String> warnings) implements PathInfo {

    /** The voxel values' range and mean (3 decimals). */
    public record Values(double min, double max, double mean) {
    }

    /** The description of {@code v}, read from {@code path}. */
    public static VolumeInfo of(Path path, Volume v) {
        Geometry g = v.geometry();
        VoxelStatistics s = v.statistics();
        Map<String, String> meta = new LinkedHashMap<>();
        v.metadata().forEach((k, val) -> {
            if (!k.equals("format") && !k.equals("source.dtype")) {
                meta.put(k, val);
            }
        });
        return new VolumeInfo(path.toString(), v.metadata().getOrDefault("format", "unknown"), g.shapeZyx(), g.spacingMm(), g.originMm(),
                g.direction(), orientationCode(g), v.type().numpyName(), v.metadata().get("source.dtype"),
                new Values(s.min(), s.max(), Math.round(s.mean() * 1000) / 1000.0), Padding.of(v).toMap(), Acquisition.of(v).toMap(), meta,
                v.warnings());
    }

    /**
     * Three letters naming, for each index axis x, y, z, the patient direction it points to
     * (LPS letters: L, P, S for positive, R, A, I for negative), e.g. "LPS" for an axial DICOM.
     */
    public static String orientationCode(Geometry g) {
        StringBuilder sb = new StringBuilder();
        char[] pos = {'L', 'P', 'S'};
        char[] neg = {'R', 'A', 'I'};
        for (int a = 0; a < 3; a++) {
            double[] d = g.axis(a);
            int best = 0;
            for (int i = 1; i < 3; i++) {
                if (Math.abs(d[i]) > Math.abs(d[best])) {
                    best = i;
                }
            }
            sb.append(d[best] >= 0 ? pos[best] : neg[best]);
        }
        return sb.toString();
    }
}
