package org.calcify.protocol;

import java.nio.file.Path;
import java.util.Locale;
import org.calcify.detect.ThoraxCheck;
import org.calcify.io.InvalidInputException;
import org.calcify.volume.Volume;
import org.calcify.volume.VoxelStatistics;

/**
 * Refuses what is not chest CT in Hounsfield units: most voxels must lie in −1100..3100 HU and some
 * must be soft tissue, and a chest must be in view ({@link ThoraxCheck}). The scan is checked with its
 * scanner padding already set to air ({@code Padding.withAir()}), so the fill outside the
 * reconstruction circle (−1500, −2048, −3024 HU ...) never counts as patient.
 */
public final class ChestCtCheck {
    private ChestCtCheck() {
    }

    /**
     * @param path the scan's file or folder, for the error
     * @param ct   the scan in HU with padding set to air
     */
    public static void check(Path path, Volume ct) throws InvalidInputException {
        int n = ct.geometry().voxelCount();
        int step = Math.max(1, n / 200_000);
        int inRange = 0;
        int sampled = 0;
        int tissue = 0;
        for (int i = 0; i < n; i += step) {
            double v = ct.valueAt(i);
            sampled++;
            if (v >= -1100 && v <= 3100) {
                inRange++;
            }
            if (v > -200 && v < 200) {
                tissue++;
            }
        }
        if (inRange < 0.95 * sampled) {
            VoxelStatistics st = ct.statistics();
            throw new InvalidInputException(path, String.format(Locale.ROOT,
                    "does not look like CT in Hounsfield units (%.0f%% of voxels outside -1100..3100 HU, scanner padding set aside; range %.0f..%.0f)",
                    100.0 * (sampled - inRange) / sampled, st.min(), st.max()));
        }
        if (tissue < 0.02 * sampled) {
            throw new InvalidInputException(path, "no soft tissue in view (under 2% of voxels in -200..200 HU): no heart to look at");
        }
        double lung = ThoraxCheck.largestLungAreaCm2(ct);
        if (lung < ThoraxCheck.MIN_LUNG_CM2) {
            throw new InvalidInputException(path, String.format(Locale.ROOT,
                    "no chest in view (largest lung cross-section %.0f cm², under %.0f): no heart to look at", lung, ThoraxCheck.MIN_LUNG_CM2));
        }
    }
}
