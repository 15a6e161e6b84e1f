package org.calcify.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.calcify.volume.Geometry;
import org.calcify.volume.PatientOrder;
import org.calcify.volume.Volume;

/**
 * Agatston scores axial slices. A scan stored in sagittal or coronal slices (a NIfTI written with another axis
 * last, a reformatted series) holds the same voxels in another order: {@link #of} moves them into patient order
 * (axial slices, every voxel at its world position) so that detection and scoring see axial slices, and says so
 * in the scan's warnings. Scans whose slices are tilted (neither axial nor one of the other planes) are left as
 * they are, for {@link CalciumScorer#checkAxial} to refuse.
 */
public final class AxialSlices {
    private AxialSlices() {
    }

    /** True when the grid's slices (its z axis) lie within {@link CalciumScorer#MAX_TILT_DEGREES} of axial. */
    public static boolean areAxial(Geometry g) {
        return tiltDegrees(g) <= CalciumScorer.MAX_TILT_DEGREES;
    }

    /** The angle between the grid's z axis and the patient's S axis, degrees. */
    static double tiltDegrees(Geometry g) {
        double[] z = g.axis(2);
        double norm = Math.sqrt(z[0] * z[0] + z[1] * z[1] + z[2] * z[2]);
        double cos = norm == 0 ? 0 : Math.abs(z[2]) / norm;
        return Math.toDegrees(Math.acos(Math.min(1, cos)));
    }

    /**
     * {@code v} itself when its slices are axial (or tilted: not a reordering's business); otherwise its voxels in
     * patient order, whose slices are axial, with a warning naming the plane it was stored in.
     */
    public static Volume of(Volume v) {
        Geometry g = v.geometry();
        if (areAxial(g)) {
            return v;
        }
        Volume r = PatientOrder.of(g).apply(v);
        if (!areAxial(r.geometry())) {
            return v;
        }
        double[] z = g.axis(2);
        String plane = Math.abs(z[0]) >= Math.abs(z[1]) ? "sagittal" : "coronal";
        List<String> w = new ArrayList<>(v.warnings());
        w.add(String.format(Locale.ROOT, "stored as %s slices: reordered into axial slices (the same voxels) for detection and scoring;"
                + " label maps written are on the axial grid", plane));
        return r.withWarnings(w);
    }
}
