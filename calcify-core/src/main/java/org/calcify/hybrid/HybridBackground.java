package org.calcify.hybrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.calcify.anatomy.ThoraxAnatomy;
import org.calcify.anatomy.ThoraxSegmenter;
import org.calcify.io.InvalidInputException;
import org.calcify.io.VolumeIO;
import org.calcify.score.CalciumScorer;
import org.calcify.score.InvalidScanException;
import org.calcify.volume.DataType;
import org.calcify.volume.Volume;

/**
 * A real non-contrast chest CT that hybrid cases are built on, read and segmented once: its HU as
 * int16, the anatomy {@link ThoraxSegmenter} finds in it and its reconstructed slice thickness.
 *
 * @param name             how cohort.csv names it (the path as given)
 * @param ct               int16 HU, (z, y, x) C order, axial slices (z index axis within
 *                         {@value CalciumScorer#MAX_TILT_DEGREES} degrees of the patient's S axis)
 * @param anatomy          the anatomy of {@code ct}; it has a heart region
 * @param sliceThicknessMm reconstructed slice thickness, mm: DICOM (0018,0050) when the scan has it,
 *                         else the slice spacing
 */
public record HybridBackground(String name, Volume ct, ThoraxAnatomy anatomy, double sliceThicknessMm) {
    /**
     * Above this blood-pool HU a scan is contrast-enhanced: inserted calcium would need a higher
     * cut-off than 130 HU, so such scans are refused.
     */
    public static final double MAX_BLOOD_POOL_HU = 100;

    public HybridBackground {
        if (ct.type() != DataType.INT16) {
            throw new IllegalArgumentException("background CT must hold int16 HU, not " + ct.type());
        }
        if (!(sliceThicknessMm > 0)) {
            throw new IllegalArgumentException("slice thickness must be positive, got " + sliceThicknessMm);
        }
        if (!anatomy.hasHeart()) {
            throw new IllegalArgumentException("background " + name + " has no heart region");
        }
    }

    /**
     * Reads and checks a background: a scan (file or DICOM folder) with axial slices, a heart region
     * and a non-contrast blood pool.
     *
     * @throws InvalidInputException naming {@code path} when the scan cannot serve as a background
     */
    public static HybridBackground load(Path path) throws IOException {
        Volume ct = VolumeIO.read(path);
        if (ct.type() == DataType.UINT8) {
            throw new InvalidInputException(path, "holds uint8 voxels, not Hounsfield units");
        }
        ct = ct.convertTo(DataType.INT16);
        try {
            CalciumScorer.checkAxial(ct.geometry());
        } catch (InvalidScanException e) {
            throw new InvalidInputException(path, e.getMessage());
        }
        ThoraxAnatomy anatomy = ThoraxSegmenter.segment(ct);
        if (!anatomy.hasHeart()) {
            throw new InvalidInputException(path, "no heart region found (is the heart in the field of view?)");
        }
        if (anatomy.bloodPoolHu() > MAX_BLOOD_POOL_HU) {
            throw new InvalidInputException(path, String.format(Locale.ROOT,
                    "blood pool at %.0f HU: contrast-enhanced; hybrid cases need non-contrast scans (blood pool at most %.0f HU)",
                    anatomy.bloodPoolHu(), MAX_BLOOD_POOL_HU));
        }
        return new HybridBackground(path.toString(), ct, anatomy, thicknessMm(ct));
    }

    /** DICOM slice thickness from the volume's metadata, else the slice spacing. */
    static double thicknessMm(Volume ct) {
        String t = ct.metadata().get("dicom.sliceThickness");
        if (t != null) {
            try {
                double v = Double.parseDouble(t.replace("mm", "").trim());
                if (v > 0 && Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall back to the spacing
            }
        }
        return ct.geometry().spacingZ();
    }
}
