package org.calcify.volume;

/**
 * How a scan's index axes map onto patient order: array index z running inferior to superior, y anterior
 * to posterior and x from the patient's right to left (the LPS axes, as a DICOM axial series is stored
 * and as Calcify's phantom and hybrid training cases are written). Each scan axis is mapped to the patient
 * axis its direction is closest to (a tilted or oblique scan is treated as the nearest axial one), so the
 * map is a permutation of the axes with some of them reversed: applying it moves voxels and never
 * interpolates.
 *
 * <p>Everything that looks at anatomy from the array (the anatomy's working grid, the patches a network
 * sees) goes through it, so a scan gives the same answer whether it is stored LPS (DICOM), RAS (NIfTI
 * from nibabel), LAS (dcm2niix) or with its axes permuted.
 */
public final class PatientOrder {
    /** For patient axis c (0 = z, 1 = y, 2 = x): the scan's index axis feeding it (0 = x, 1 = y, 2 = z). */
    private final int[] scanAxis;
    /** For patient axis c: true when the scan's index runs against the patient axis. */
    private final boolean[] flipped;

    private PatientOrder(int[] scanAxis, boolean[] flipped) {
        this.scanAxis = scanAxis;
        this.flipped = flipped;
    }

    /** The order of {@code g}: each patient axis matched greedily with the scan axis of largest absolute cosine. */
    public static PatientOrder of(Geometry g) {
        double[][] dirs = {g.axis(0), g.axis(1), g.axis(2)};
        int[] scanAxis = new int[3];
        boolean[] flipped = new boolean[3];
        boolean[] scanUsed = new boolean[3];
        boolean[] patientUsed = new boolean[3]; // patient axis p: 0 = left (x), 1 = posterior (y), 2 = superior (z)
        for (int round = 0; round < 3; round++) {
            int bestA = -1;
            int bestP = -1;
            double best = -1;
            for (int a = 0; a < 3; a++) {
                for (int p = 0; p < 3; p++) {
                    if (!scanUsed[a] && !patientUsed[p] && Math.abs(dirs[a][p]) > best) {
                        best = Math.abs(dirs[a][p]);
                        bestA = a;
                        bestP = p;
                    }
                }
            }
            scanUsed[bestA] = true;
            patientUsed[bestP] = true;
            int c = 2 - bestP;
            scanAxis[c] = bestA;
            flipped[c] = dirs[bestA][bestP] < 0;
        }
        return new PatientOrder(scanAxis, flipped);
    }

    /** The scan index axis (0 = x, 1 = y, 2 = z) that patient axis {@code c} (0 = z, 1 = y, 2 = x) runs along. */
    public int scanAxis(int c) {
        return scanAxis[c];
    }

    /** True when the scan's index along {@link #scanAxis(int) scanAxis(c)} runs against patient axis {@code c}. */
    public boolean flipped(int c) {
        return flipped[c];
    }

    /** True when the scan is already in patient order (no axis moved or reversed). */
    public boolean isIdentity() {
        for (int c = 0; c < 3; c++) {
            if (scanAxis[c] != 2 - c || flipped[c]) {
                return false;
            }
        }
        return true;
    }

    /** The sizes (z, y, x) of {@code g} seen in patient order. */
    public int[] sizesZyx(Geometry g) {
        int[] xyz = {g.sizeX(), g.sizeY(), g.sizeZ()};
        return new int[] {xyz[scanAxis[0]], xyz[scanAxis[1]], xyz[scanAxis[2]]};
    }

    /** The spacing (z, y, x) of {@code g} in mm, seen in patient order. */
    public double[] spacingZyx(Geometry g) {
        double[] xyz = g.spacingMm();
        return new double[] {xyz[scanAxis[0]], xyz[scanAxis[1]], xyz[scanAxis[2]]};
    }

    /** Voxel (z, y, x) of a scan on grid {@code g}, as its (z, y, x) index in patient order. */
    public int[] toPatient(Geometry g, int z, int y, int x) {
        int[] xyz = {x, y, z};
        int[] size = {g.sizeX(), g.sizeY(), g.sizeZ()};
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            int a = scanAxis[c];
            out[c] = flipped[c] ? size[a] - 1 - xyz[a] : xyz[a];
        }
        return out;
    }

    /**
     * {@code v} with its voxels moved into patient order (a copy; {@code v} itself when it already is), on a
     * grid that keeps every voxel's world position: same voxel values, axes permuted and reversed.
     */
    public Volume apply(Volume v) {
        if (isIdentity()) {
            return v;
        }
        Geometry g = v.geometry();
        int[] size = sizesZyx(g);
        int nz = size[0];
        int ny = size[1];
        int nx = size[2];
        // the scan's flat index is a sum of one term per patient axis: stride of its scan axis, reversed or not
        int[] scanStride = {1, g.sizeX(), g.sizeX() * g.sizeY()};
        int[] start = new int[3];
        int[] step = new int[3];
        int[] scanSize = {g.sizeX(), g.sizeY(), g.sizeZ()};
        int origin = 0;
        for (int c = 0; c < 3; c++) {
            int a = scanAxis[c];
            step[c] = flipped[c] ? -scanStride[a] : scanStride[a];
            start[c] = flipped[c] ? (scanSize[a] - 1) * scanStride[a] : 0;
            origin += start[c];
        }
        int count = nz * ny * nx;
        Object in = v.data();
        Object out = v.type().allocate(count);
        int i = 0;
        for (int z = 0; z < nz; z++) {
            int rz = origin + z * step[0];
            for (int y = 0; y < ny; y++) {
                int s = rz + y * step[1];
                int sx = step[2];
                if (in instanceof byte[] b) {
                    byte[] o = (byte[]) out;
                    for (int x = 0; x < nx; x++, s += sx) {
                        o[i++] = b[s];
                    }
                } else if (in instanceof short[] b) {
                    short[] o = (short[]) out;
                    for (int x = 0; x < nx; x++, s += sx) {
                        o[i++] = b[s];
                    }
                } else if (in instanceof float[] b) {
                    float[] o = (float[]) out;
                    for (int x = 0; x < nx; x++, s += sx) {
                        o[i++] = b[s];
                    }
                } else {
                    for (int x = 0; x < nx; x++, s += sx) {
                        java.lang.reflect.Array.set(out, i++, java.lang.reflect.Array.get(in, s));
                    }
                }
            }
        }
        return Volume.of(patientGrid(g), v.type(), out).withMetadata(v.metadata()).withWarnings(v.warnings());
    }

    /** The grid of {@link #apply}: patient-ordered sizes and spacing, the same world position for every voxel. */
    public Geometry patientGrid(Geometry g) {
        int[] size = sizesZyx(g);
        double[] sp = spacingZyx(g);
        double[] cornerIndex = new double[3]; // scan (x, y, z) index of the patient-order voxel (0, 0, 0)
        int[] scanSize = {g.sizeX(), g.sizeY(), g.sizeZ()};
        double[] dir = new double[9];
        for (int c = 0; c < 3; c++) {
            int a = scanAxis[c];
            cornerIndex[a] = flipped[c] ? scanSize[a] - 1 : 0;
            double[] axis = g.axis(a);
            int col = 2 - c; // patient axis c is the new grid's index axis 2 - c (z, y, x -> x = 0)
            for (int r = 0; r < 3; r++) {
                dir[r * 3 + col] = flipped[c] ? -axis[r] : axis[r];
            }
        }
        double[] origin = g.indexToWorld(cornerIndex[0], cornerIndex[1], cornerIndex[2]);
        return Geometry.of(size[2], size[1], size[0], new double[] {sp[2], sp[1], sp[0]}, origin, dir);
    }
}
