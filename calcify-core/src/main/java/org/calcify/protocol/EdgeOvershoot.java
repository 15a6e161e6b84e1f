package org.calcify.protocol;

import java.util.Arrays;
import org.calcify.volume.Volume;

/**
 * How far soft tissue overshoots at its borders with the lungs: the signature of a sharp (lung, bone,
 * high-resolution) reconstruction kernel, measured from the image alone, for files that do not name their
 * kernel (NIfTI, NRRD, stripped DICOM) or name one Calcify does not know.
 *
 * <p>Along every row and column of sampled axial slices, in both directions, an edge is where lung (below
 * {@value #LUNG_HU} HU) meets tissue. Kept are edges with lung behind them (the mean over 1.5–4 mm on the lung
 * side below {@value #DEEP_LUNG_HU} HU) and soft tissue ahead (the mean over 4–7 mm into the tissue, the
 * plateau, within ±{@value #SOFT_HU} HU). The overshoot of an edge is the highest value within about 1.5 mm of
 * the border minus its plateau. A soft-tissue kernel blurs the border, so the border reads below the
 * plateau (the median on the project's real chest, kernel B: −43 HU; phantoms with noise of 10–50 HU,
 * white or correlated: −32 to +2 HU). A sharp kernel's edge enhancement rings above it (the same chest,
 * kernel L: +205 HU), which puts the rim of the heart, the vessels and the airways above 130 HU.
 */
public final class EdgeOvershoot {
    /** A median overshoot above this, HU, is a sharp kernel's. */
    public static final double SHARP_HU = 100;
    static final double LUNG_HU = -500;
    static final double DEEP_LUNG_HU = -750;
    static final double SOFT_HU = 100;
    /** Fewer edges than this: not measured. */
    static final int MIN_EDGES = 500;
    /** Most slices looked at, evenly spread. */
    static final int MAX_SLICES = 48;

    private EdgeOvershoot() {
    }

    /** The median overshoot of the scan's lung–soft-tissue edges, HU; NaN when too few edges were found. */
    public static double medianHu(Volume ct) {
        int nz = ct.sizeZ();
        int ny = ct.sizeY();
        int nx = ct.sizeX();
        var g = ct.geometry();
        int step = Math.max(1, (nz + MAX_SLICES - 1) / MAX_SLICES);
        float[] found = new float[1 << 14];
        int n = 0;
        float[] line = new float[Math.max(nx, ny)];
        for (int z = step / 2; z < nz; z += step) {
            for (int axis = 0; axis < 2; axis++) {
                int lines = axis == 0 ? ny : nx;
                int length = axis == 0 ? nx : ny;
                double px = axis == 0 ? g.spacingX() : g.spacingY();
                int rim = Math.max(2, (int) Math.round(1.5 / px));
                int lungFrom = Math.max(2, (int) Math.round(1.5 / px));
                int lungTo = Math.max(lungFrom + 1, (int) Math.round(4.0 / px));
                int platFrom = Math.max(rim + 2, (int) Math.round(4.0 / px));
                int platTo = Math.max(platFrom + 2, (int) Math.round(7.0 / px));
                for (int l = 0; l < lines; l++) {
                    if (axis == 0) {
                        ct.readLine(g.index(z, l, 0), 1, length, line);
                    } else {
                        ct.readLine(g.index(z, 0, l), nx, length, line);
                    }
                    for (int dir = -1; dir <= 1; dir += 2) {
                        // the first tissue voxel e after lung voxel e - dir, walking in direction dir
                        int first = dir > 0 ? 1 : length - 2;
                        for (int e = first; e >= 0 && e < length; e += dir) {
                            if (!(line[e - dir] < LUNG_HU && line[e] >= LUNG_HU)) {
                                continue;
                            }
                            int lungEnd = e - dir * lungTo;
                            int platEnd = e + dir * platTo;
                            if (lungEnd < 0 || lungEnd >= length || platEnd < 0 || platEnd >= length) {
                                continue;
                            }
                            double lung = mean(line, e - dir * lungFrom, lungEnd);
                            double plateau = mean(line, e + dir * platFrom, platEnd);
                            if (!(lung < DEEP_LUNG_HU) || Math.abs(plateau) > SOFT_HU) {
                                continue;
                            }
                            float top = line[e];
                            for (int k = 1; k <= rim; k++) {
                                top = Math.max(top, line[e + dir * k]);
                            }
                            if (n == found.length) {
                                found = Arrays.copyOf(found, n * 2);
                            }
                            found[n++] = (float) (top - plateau);
                        }
                    }
                }
            }
        }
        if (n < MIN_EDGES) {
            return Double.NaN;
        }
        Arrays.sort(found, 0, n);
        return n % 2 == 1 ? found[n / 2] : (found[n / 2 - 1] + found[n / 2]) / 2.0;
    }

    /** Mean of line[from .. to], both included, in either order. */
    private static double mean(float[] line, int from, int to) {
        int lo = Math.min(from, to);
        int hi = Math.max(from, to);
        double s = 0;
        for (int i = lo; i <= hi; i++) {
            s += line[i];
        }
        return s / (hi - lo + 1);
    }
}
